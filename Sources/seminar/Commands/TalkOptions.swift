import ArgumentParser
import Foundation
import SeminarArchive

/// The fields of a talk as command-line options, shared by `add` and `edit`.
/// Speakers come as parallel lists: the n-th --affiliation and --speaker-url belong to the
/// n-th speaker. Command-line parsing keeps no order between different options, so with
/// several speakers each list must be given in full ("" for none) or not at all: matching
/// a shorter list by count would give a value to the wrong speaker.
struct TalkFieldOptions: ParsableArguments {
    @Option(help: "The title (may contain LaTeX).")
    var title: String?

    @Option(name: .customLong("speaker"), help: ArgumentHelp("A speaker's name; repeat for several speakers.", valueName: "name"))
    var speakers: [String] = []

    @Option(name: .customLong("affiliation"), help: ArgumentHelp("The affiliation of the speaker in the same position (\"\" for none); with several speakers, give one for each or none.", valueName: "text"))
    var affiliations: [String] = []

    @Option(name: .customLong("speaker-url"), help: ArgumentHelp("The web page of the speaker in the same position (\"\" for none); with several speakers, give one for each or none.", valueName: "url"))
    var speakerURLs: [String] = []

    @Option(help: ArgumentHelp("Local start, YYYY-MM-DDTHH:MM, or a date alone (YYYY-MM-DD) for the seminar's usual time.", valueName: "when"))
    var start: String?

    @Option(help: ArgumentHelp("IANA time zone of --start (default: the seminar's).", valueName: "zone"))
    var timezone: String?

    // Unconditional, so that `--duration -5` reaches the range check instead of being
    // taken for an option and reported as a missing value.
    @Option(parsing: .unconditional, help: ArgumentHelp("Length in minutes, 1 to 1440 (default: the seminar's).", valueName: "minutes"))
    var duration: Int?

    @Option(help: "The abstract (may contain LaTeX).")
    var abstract: String?

    @Option(name: .customLong("abstract-file"), help: ArgumentHelp("Read the abstract from a file (`-` for standard input).", valueName: "path"))
    var abstractFile: String?

    @Option(help: ArgumentHelp("Online meeting link (Zoom and the like).", valueName: "url"))
    var meeting: String?

    @Option(help: ArgumentHelp("Room.", valueName: "room"))
    var location: String?

    @Option(name: .customLong("link"), help: ArgumentHelp("A link as \"Title=URL\" (slides, paper, video); repeatable. `edit` replaces the link of that title or adds it; \"Title=\" removes it.", valueName: "title=url"))
    var links: [String] = []

    func validate() throws {
        if abstract != nil && abstractFile != nil { throw ValidationError("give --abstract or --abstract-file, not both") }
        if let title, isBlank(title) { throw ValidationError("--title must not be empty") }
        if let abstract, isBlank(abstract) { throw ValidationError("--abstract must not be empty (write \"To be announced.\" if it is not known yet)") }
        if let location, isBlank(location) { throw ValidationError("--location must not be empty") }
        if speakers.contains(where: isBlank) { throw ValidationError("--speaker must not be empty") }
        if !speakers.isEmpty {
            for (option, values) in [("--affiliation", affiliations), ("--speaker-url", speakerURLs)] where !values.isEmpty {
                guard values.count != speakers.count else { continue }
                throw ValidationError(speakers.count == 1
                    ? "\(option) is given \(values.count) times for one --speaker"
                    : "with \(speakers.count) speakers, give \(option) once for each, in their order (\"\" for none), or not at all; got \(values.count)")
            }
        }
        if let duration { try validateDuration(duration) }
        for link in links where !link.contains("=") { throw ValidationError("--link takes \"Title=URL\", got \(link)") }
        // Checked here, before anything is read, although a date alone takes its time from seminar.json.
        if let start, Self.start(start, defaultTime: LocalTime(hour: 0, minute: 0)) == nil {
            throw ValidationError("--start takes YYYY-MM-DDTHH:MM or YYYY-MM-DD (a date that exists), got \(start)")
        }
    }

    /// What the speaker options say, as a change to a talk's speakers (`validate` has
    /// checked the lists' lengths against --speaker; `edit` checks them against the talk).
    var speakerEdit: SpeakerEdit {
        SpeakerEdit(names: speakers.isEmpty ? nil : speakers,
                    affiliations: affiliations.isEmpty ? nil : affiliations,
                    urls: speakerURLs.isEmpty ? nil : speakerURLs)
    }

    /// `--link` values as links, in order; spaces around the title and the URL do not
    /// count (`--link "Slides = https://…"`).
    var linkList: [TalkLink] {
        links.map { link in
            let cut = link.firstIndex(of: "=")!
            return TalkLink(title: link[..<cut].trimmingCharacters(in: .whitespaces),
                            url: link[link.index(after: cut)...].trimmingCharacters(in: .whitespaces))
        }
    }

    func abstractText() throws -> String? {
        if let abstract { return abstract }
        return try abstractFile.map { try InputText.read($0).trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    /// `--start`, which `validate` found well formed.
    func startTime(seminar: Seminar) -> LocalDateTime? {
        start.flatMap { Self.start($0, defaultTime: seminar.defaultStartTime) }
    }

    /// `2021-06-28T16:30`, or `2021-06-28` at `defaultTime`; nil when malformed.
    private static func start(_ text: String, defaultTime: LocalTime) -> LocalDateTime? {
        LocalDateTime(parsing: text) ?? LocalDateTime(parsing: text + "T" + defaultTime.description)
    }
}

/// Refuses, before anything is written, a talk that would not load: a value the command
/// line gave is wrong (a URL that is not http, an unknown zone, a start the clocks skip).
/// Written, such a file would block every build, and `seminar edit` could not read it back.
func refuseUnloadable(_ talk: Talk, store: TalkStore, seminar: Seminar) throws {
    let errors = store.loadErrors(of: talk, seminar: seminar)
    guard !errors.isEmpty else { return }
    throw CommandFailure(wouldNotLoad: "the talk", errors.map(\.message))
}

/// `--duration` of `add`, `edit` and `init`: the range the archive accepts.
func validateDuration(_ minutes: Int) throws {
    guard !Talk.durationRange.contains(minutes) else { return }
    throw ValidationError("--duration must be between \(Talk.durationRange.lowerBound) and \(Talk.durationRange.upperBound) minutes, got \(minutes)")
}

/// Loads the seminar and talks for a command that changes the archive, or explains why not.
func loadArchiveForEditing(_ root: String) throws -> ArchiveLoadResult {
    let loaded = ArchiveLoader(root: root).load()
    guard loaded.seminar != nil else {
        DiagnosticPrinter().print(loaded.diagnostics)
        // Without the folder, its diagnostic (and the fix it suggests) says all.
        guard loaded.archiveFolderIsReadable else { throw ExitCode.failure }
        throw CommandFailure("cannot read \(root)/seminar.json; fix it first")
    }
    return loaded
}
