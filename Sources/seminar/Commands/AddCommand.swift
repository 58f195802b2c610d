import ArgumentParser
import SeminarArchive

struct AddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a talk to the archive.",
        discussion: """
            Writes archive/YEAR/YYYY-MM-DD-speaker.json (or tbd-speaker.json without --start) with a new permanent id, stamped published and updated now, then checks it. Example:
              seminar add --speaker "Scott Pesme" --title "Implicit Bias of SGD…" \\
                --start 2021-06-28T16:30 --abstract-file abstract.txt \\
                --meeting https://epfl.zoom.us/j/62400754289
            """
    )

    @OptionGroup var locations: ArchiveOption
    @OptionGroup var fields: TalkFieldOptions

    @Flag(name: .customLong("private-meeting"), help: "Keep the meeting link out of every public document.")
    var privateMeeting = false

    @OptionGroup var clock: ClockOption
    @OptionGroup var lock: LockOption

    func validate() throws {
        guard fields.title != nil else { throw ValidationError("a talk needs --title") }
        guard !fields.speakers.isEmpty else { throw ValidationError("a talk needs at least one --speaker") }
        guard fields.abstract != nil || fields.abstractFile != nil else {
            throw ValidationError("a talk needs --abstract or --abstract-file; if it is not known yet, write --abstract \"To be announced.\" and change it later with `seminar edit`")
        }
        if let empty = fields.linkList.first(where: { $0.url.isEmpty }) {
            throw ValidationError("--link \"\(empty.title)=\" has no URL")
        }
    }

    func run() throws {
        let held = try lock.lock(locations.archive)
        defer { withExtendedLifetime(held) {} }
        let loaded = try loadArchiveForEditing(locations.archive)
        let seminar = loaded.seminar!
        let start = fields.startTime(seminar: seminar)
        let store = TalkStore(root: locations.archive)
        let talk = TalkStore.newTalk(
            title: fields.title!, speakers: try fields.speakerEdit.applied(to: []).speakers, start: start,
            timeZone: fields.timezone ?? seminar.timeZone, duration: fields.duration ?? seminar.defaultDuration,
            abstract: try fields.abstractText() ?? "", meeting: fields.meeting, meetingIsPrivate: privateMeeting,
            location: fields.location, links: fields.linkList, now: clock.instant)
        try refuseUnloadable(talk, store: store, seminar: seminar)
        let path = try store.save(talk, previousPath: nil)
        Console.data(path)
        Console.note("added “\(talk.speakerNames) — \(talk.title)” \(start.map { "on \($0)" } ?? "(date to be defined)") with id \(talk.id)")
        try WrittenTalkCheck(archive: locations.archive, path: path, previousPath: nil, years: [talk.year]).report()
    }
}
