import ArgumentParser
import SeminarArchive

struct EditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Change a talk: reschedule, cancel, fix a typo.",
        discussion: """
            TALK is the talk's id or its file, or a unique beginning of either's name. Only the options given change. `updated` becomes now; the calendar SEQUENCE grows when the time, place or status changes, so calendars update the event instead of adding one. A new date moves the file to its new name and year folder; its id never changes. Examples:
              seminar edit 0e9d8c7b --start 2021-07-05T16:30
              seminar edit archive/2021/2021-06-07-ido-nachum.json --status cancelled
              seminar edit tbd-francesco --start 2021-09-20
            """
    )

    @OptionGroup var locations: LocationOptions

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

    @Flag(name: .customLong("no-links"), help: "Remove every link.")
    var noLinks = false

    @OptionGroup var clock: ClockOption

    func validate() throws {
        if tbd && fields.start != nil { throw ValidationError("give --start or --tbd, not both") }
        if noMeeting && fields.meeting != nil { throw ValidationError("give --meeting or --no-meeting, not both") }
        if noLocation && fields.location != nil { throw ValidationError("give --location or --no-location, not both") }
        if noLinks && !fields.links.isEmpty { throw ValidationError("give --link or --no-links, not both") }
        if let status, TalkStatus(rawValue: status) == nil {
            throw ValidationError("--status takes \(TalkStatus.allCases.map(\.rawValue).joined(separator: ", ")), got \(status)")
        }
    }

    func run() throws {
        let loaded = try loadArchiveForEditing(locations.archive)
        let target = try find(talk, in: loaded)
        var changes = TalkChanges(
            title: fields.title, speakers: fields.speakerList, timeZone: fields.timezone, duration: fields.duration,
            abstract: try fields.abstractText(), meetingIsPrivate: privateMeeting, links: noLinks ? [] : fields.linkList,
            status: status.flatMap(TalkStatus.init(rawValue:)))
        if tbd { changes.start = .some(nil) } else if let start = fields.startTime(seminar: loaded.seminar!) { changes.start = .some(start) }
        if noMeeting { changes.meeting = .some(nil) } else if let m = fields.meeting { changes.meeting = .some(m) }
        if noLocation { changes.location = .some(nil) } else if let l = fields.location { changes.location = .some(l) }

        let store = TalkStore(root: locations.archive)
        let edited = store.applying(changes, to: target.talk, now: clock.instant)
        guard edited != target.talk else {
            Console.note("nothing changed in \(target.source.path)")
            return
        }
        let path = try store.save(edited, previousPath: target.source.path)
        Console.data(path)
        let moved = path != target.source.path ? " (moved from \(target.source.path))" : ""
        Console.note("updated “\(edited.speakerNames) — \(edited.title)”\(moved); sequence \(edited.sequence)")
        try WrittenTalkCheck(archive: locations.archive, path: path, previousPath: target.source.path,
                             years: [target.talk.year, edited.year]).report()
    }

    /// By exact id or file path; then by file name, with or without `.json`
    /// (`2021-06-28-scott-pesme`, the name `ls` shows); then by a unique beginning of an id
    /// or a file name (`0e9d8c7b`, `tbd-francesco`).
    func find(_ key: String, in loaded: ArchiveLoadResult) throws -> LoadedTalk {
        if let exact = loaded.talks.first(where: { $0.talk.id == key || $0.source.path.standardizedPath == key.standardizedPath }) {
            return exact
        }
        let name = key.hasSuffix(".json") ? String(key.dropLast(5)) : key
        if let named = loaded.talks.first(where: { Self.fileName(of: $0) == name }) { return named }
        let matches = loaded.talks.filter { $0.talk.id.hasPrefix(key) || Self.fileName(of: $0).hasPrefix(name) }
        if matches.count == 1 { return matches[0] }
        if matches.count > 1 {
            throw CommandFailure("\(key) is the beginning of \(matches.count) talks' ids or file names: "
                                  + matches.map { "\($0.talk.id) (\($0.source.path))" }.joined(separator: ", "))
        }
        let broken = loaded.diagnostics.filter { $0.severity == .error && $0.location?.path.standardizedPath == key.standardizedPath }
        if !broken.isEmpty {
            DiagnosticPrinter().print(broken)
            throw CommandFailure("\(key) has errors; fix the file by hand first")
        }
        throw CommandFailure("no talk with id or file \(key) (see `seminar list`)")
    }

    /// `2021-06-28-scott-pesme` for `archive/2021/2021-06-28-scott-pesme.json`.
    static func fileName(of loaded: LoadedTalk) -> String {
        let last = loaded.source.path.split(separator: "/").last.map(String.init) ?? loaded.source.path
        return last.hasSuffix(".json") ? String(last.dropLast(5)) : last
    }
}
