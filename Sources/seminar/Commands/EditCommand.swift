import ArgumentParser
import SeminarArchive

struct EditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Change a talk: reschedule, cancel, fix a typo.",
        discussion: """
            TALK is the talk's id or its file, or a unique beginning of either's name. Only the options given change. `updated` becomes now; the calendar SEQUENCE grows when the time, place or status changes, so calendars update the event instead of adding one. A new date moves the file to its new name and year folder; its id never changes.

            --speaker gives the whole list of speakers; each keeps the affiliation and web page of the speaker of the same name (whatever its case or accents), or, when their number is unchanged, the speakers left take those of the old speakers left, in order (a corrected name), unless --affiliation or --speaker-url says otherwise ("" removes). --link "Title=URL" replaces the link of that title or adds it; "Title=" removes it; --no-links removes every link first. Examples:
              seminar edit 0e9d8c7b --start 2021-07-05T16:30
              seminar edit archive/2021/2021-06-07-ido-nachum.json --status cancelled
              seminar edit tbd-francesco --start 2021-09-20
              seminar edit 2021-06-28-scott-pesme --link "Video=https://example.org/v.mp4"
            """
    )

    @OptionGroup var locations: ArchiveOption

    @Argument(help: "The talk: its id, its file, or a unique beginning of its id or file name.")
    var talk: String

    @OptionGroup var fields: TalkFieldOptions

    @Flag(help: "Make the date to be defined again.")
    var tbd = false

    @Option(help: ArgumentHelp("scheduled, cancelled or postponed.", valueName: "status"))
    var status: String?

    @Flag(name: .customLong("private-meeting"), inversion: .prefixedNo,
          help: "Keep the meeting link out of every public document (--no-private-meeting publishes it).")
    var privateMeeting: Bool?

    @Flag(name: .customLong("no-meeting"), help: "Remove the meeting link.")
    var noMeeting = false

    @Flag(name: .customLong("no-location"), help: "Remove the room.")
    var noLocation = false

    @Flag(name: .customLong("no-links"), help: "Remove every link (before adding those of --link).")
    var noLinks = false

    @OptionGroup var clock: ClockOption
    @OptionGroup var lock: LockOption

    func validate() throws {
        if isBlank(talk) { throw ValidationError("name the talk: its id, its file, or a unique beginning of either") }
        if tbd && fields.start != nil { throw ValidationError("give --start or --tbd, not both") }
        if noMeeting && fields.meeting != nil { throw ValidationError("give --meeting or --no-meeting, not both") }
        if noLocation && fields.location != nil { throw ValidationError("give --location or --no-location, not both") }
        if let status, TalkStatus(rawValue: status) == nil {
            throw ValidationError("--status takes \(TalkStatus.allCases.map(\.rawValue).joined(separator: ", ")), got \(status)")
        }
    }

    func run() throws {
        let held = try lock.lock(archive: locations.archive)
        defer { withExtendedLifetime(held) {} }
        let loaded = try loadArchiveForEditing(locations.archive)
        let target = try Self.find(talk, in: loaded)
        var changes = TalkChanges(
            title: fields.title, timeZone: fields.timezone, duration: fields.duration,
            abstract: try fields.abstractText(), meetingIsPrivate: privateMeeting,
            status: status.flatMap(TalkStatus.init(rawValue:)))
        if !fields.speakerEdit.isEmpty {
            do {
                let (speakers, carried) = try fields.speakerEdit.applied(to: target.talk.speakers)
                changes.speakers = speakers
                for c in carried { Console.note(Self.describe(c)) }
            } catch { throw CommandFailure(error.description) }
        }
        let linkEdit = LinkEdit(removingAll: noLinks, links: fields.linkList)
        if !linkEdit.isEmpty {
            do { changes.links = try linkEdit.applied(to: target.talk.links) } catch { throw CommandFailure(error.description) }
        }
        if tbd { changes.start = .some(nil) } else if let start = fields.startTime(seminar: loaded.seminar!) { changes.start = .some(start) }
        if noMeeting { changes.meeting = .some(nil) } else if let m = fields.meeting { changes.meeting = .some(m) }
        if noLocation { changes.location = .some(nil) } else if let l = fields.location { changes.location = .some(l) }

        let store = TalkStore(root: locations.archive)
        let edited = store.applying(changes, to: target.talk, now: clock.instant)
        guard edited != target.talk else {
            Console.note("nothing changed in \(target.source.path)")
            return
        }
        try refuseUnloadable(edited, store: store, seminar: loaded.seminar!)
        let path = try store.save(edited, previousPath: target.source.path)
        Console.data(path)
        let moved = path != target.source.path ? " (moved from \(target.source.path))" : ""
        Console.note("updated “\(edited.speakerNames) — \(edited.title)”\(moved); sequence \(edited.sequence)")
        try WrittenTalkCheck(archive: locations.archive, path: path, previousPath: target.source.path,
                             years: [target.talk.year, edited.year]).report()
    }

    /// “Jane Doe-Smith” keeps the affiliation and web page of “Jane Doe”…
    static func describe(_ carried: SpeakerEdit.Carried) -> String {
        let kept = [carried.affiliation.map { "affiliation “\($0)”" }, carried.url.map { "web page \($0)" }]
            .compactMap { $0 }.joined(separator: " and ")
        return "“\(carried.name)” keeps the \(kept) of “\(carried.from)” (--affiliation \"\" or --speaker-url \"\" removes them)"
    }

    /// A talk file as `find` matches it: the talk, when the file loaded.
    private struct Candidate {
        var path: String
        var id: String?
        var talk: LoadedTalk?
        /// `2021-06-28-scott-pesme` for `archive/2021/2021-06-28-scott-pesme.json`.
        var fileName: String {
            let last = path.split(separator: "/").last.map(String.init) ?? path
            return last.hasSuffix(".json") ? String(last.dropLast(5)) : last
        }
    }

    /// By exact id or file (however the path is spelled: `./archive/…`, absolute, through
    /// a link); then by file name, with or without `.json` (`2021-06-28-scott-pesme`, the
    /// name `ls` shows); then by a unique beginning of an id or a file name (`0e9d8c7b`,
    /// `tbd-francesco`). Files whose errors keep them from loading are matched too, so that
    /// the answer is "fix it by hand", not "no such talk".
    static func find(_ key: String, in loaded: ArchiveLoadResult) throws -> LoadedTalk {
        try find(key, talks: loaded.talks, rejected: loaded.rejectedTalkFiles, diagnostics: loaded.diagnostics)
    }

    /// The same, among `talks` and the files `rejected` for the errors in `diagnostics`.
    static func find(_ key: String, talks: [LoadedTalk], rejected: [JSONSourceFile], diagnostics: [Diagnostic]) throws -> LoadedTalk {
        let candidates = talks.map { Candidate(path: $0.source.path, id: $0.talk.id, talk: $0) }
            + rejected.map { Candidate(path: $0.path, id: $0.string(at: ["id"]), talk: nil) }
        let name = key.hasSuffix(".json") ? String(key.dropLast(5)) : key
        // Paths are resolved (a few system calls each) only for files of the key's name.
        let keyName = String(name.split(separator: "/").last ?? "")
        let keyPath = ResolvedPath(key)
        var matches = candidates.filter { $0.id == key || ($0.fileName == keyName && ResolvedPath($0.path) == keyPath) }
        if matches.isEmpty { matches = candidates.filter { $0.fileName == name } }
        if matches.isEmpty { matches = candidates.filter { ($0.id?.hasPrefix(key) ?? false) || $0.fileName.hasPrefix(name) } }
        if matches.count > 1 {
            throw CommandFailure("\(key) is the beginning of \(matches.count) talks' ids or file names: "
                                  + matches.map { "\($0.id ?? "no id") (\($0.path))" }.joined(separator: ", "))
        }
        guard let match = matches.first else {
            throw CommandFailure("no talk with id or file \(key) (`seminar list --files` shows each talk's file)")
        }
        guard let talk = match.talk else {
            DiagnosticPrinter().print(diagnostics.filter { $0.location.map { ResolvedPath($0.path) == ResolvedPath(match.path) } ?? false })
            throw CommandFailure("\(match.path) has errors that keep it from loading (above): `seminar edit` cannot change it; fix the file by hand, then run `seminar check`")
        }
        return talk
    }
}
