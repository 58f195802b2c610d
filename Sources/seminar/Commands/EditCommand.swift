import ArgumentParser
import SeminarArchive

struct EditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Change a talk: reschedule, cancel, fix a typo.",
        discussion: """
            TALK is the talk's id (or a unique beginning of it) or its file. Only the options given change. `updated` becomes now; the calendar SEQUENCE grows when the time, place or status changes, so calendars update the event instead of adding one. A new date moves the file to its new name and year folder; its id never changes. Examples:
              seminar edit 0e9d8c7b --start 2021-07-05T16:30
              seminar edit archive/2021/2021-06-28-scott-pesme.json --status cancelled
            """
    )

    @OptionGroup var locations: LocationOptions

    @Argument(help: "The talk: its id, a unique beginning of its id, or its file.")
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

    @Option(help: ArgumentHelp("Stamp the change as if it were this instant (RFC 3339), instead of now.", visibility: .hidden))
    var now: String?

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
        if tbd { changes.start = .some(nil) } else if let start = try fields.startTime(seminar: loaded.seminar!) { changes.start = .some(start) }
        if noMeeting { changes.meeting = .some(nil) } else if let m = fields.meeting { changes.meeting = .some(m) }
        if noLocation { changes.location = .some(nil) } else if let l = fields.location { changes.location = .some(l) }

        let store = TalkStore(root: locations.archive)
        let edited = store.applying(changes, to: target.talk, now: try currentInstant(override: now))
        guard edited != target.talk else {
            Console.note("nothing changed in \(target.source.path)")
            return
        }
        let path = try store.save(edited, previousPath: target.source.path)
        Console.data(path)
        let moved = path != target.source.path ? " (moved from \(target.source.path))" : ""
        Console.note("updated “\(edited.speakerNames) — \(edited.title)”\(moved); sequence \(edited.sequence)")
        try reportProblems(in: path, archive: locations.archive)
    }

    /// By exact id, file path, or a unique beginning of the id.
    func find(_ key: String, in loaded: ArchiveLoadResult) throws -> LoadedTalk {
        if let exact = loaded.talks.first(where: { $0.talk.id == key || $0.source.path.standardizedPath == key.standardizedPath }) {
            return exact
        }
        let matches = loaded.talks.filter { $0.talk.id.hasPrefix(key) }
        if matches.count == 1 { return matches[0] }
        if matches.count > 1 {
            throw ValidationError("\(key) is the beginning of \(matches.count) ids: " + matches.map(\.talk.id).joined(separator: ", "))
        }
        let broken = loaded.diagnostics.filter { $0.severity == .error && $0.location?.path.standardizedPath == key.standardizedPath }
        if !broken.isEmpty {
            DiagnosticPrinter().print(broken)
            throw ValidationError("\(key) has errors; fix the file by hand first")
        }
        throw ValidationError("no talk with id or file \(key) (see `seminar list`)")
    }
}
