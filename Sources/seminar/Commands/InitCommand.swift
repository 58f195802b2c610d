import ArgumentParser
import SeminarArchive

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start an archive: write archive/seminar.json.",
        discussion: """
            Writes archive/seminar.json, which every other command reads, then checks it. Refused when the file exists: change it by hand (the README's reference lists every key). The feeds' base URL defaults to the home page's feeds/ folder, and the prefix of the talks' permanent ids to a tag URI made of the home page's host, this year and the title; both are written into the file and never change afterwards. Example:
              seminar init --title "Internal Seminar: Theory of Neural Nets" \\
                --description "Talks on the theory of neural networks." \\
                --home-page https://www.epfl.ch/labs/csft/internal-seminar-theory-of-neural-nets/ \\
                --timezone Europe/Zurich --start-time 16:30 \\
                --contact "Loucas Pillaud-Vivien" --contact-email loucas.pillaud-vivien@epfl.ch
            """
    )

    @OptionGroup var locations: ArchiveOption

    @Option(help: "The seminar's name (may contain LaTeX).")
    var title: String

    @Option(help: "A paragraph or more about the seminar (may contain LaTeX).")
    var description: String

    @Option(name: .customLong("home-page"), help: ArgumentHelp("The seminar's page for people.", valueName: "url"))
    var homePage: String

    @Option(name: .customLong("feeds-base-url"), help: ArgumentHelp("Where feeds/ will be served (default: the home page's feeds/).", valueName: "url"))
    var feedsBaseURL: String?

    @Option(help: ArgumentHelp("The talks' language, a BCP 47 tag.", valueName: "tag"))
    var language = "en"

    @Option(help: ArgumentHelp("The IANA time zone of the talks, such as Europe/Zurich.", valueName: "zone"))
    var timezone: String

    @Option(name: .customLong("start-time"), help: ArgumentHelp("The usual start of a talk, HH:MM.", valueName: "time"))
    var startTime: String

    @Option(help: ArgumentHelp("The usual length of a talk in minutes.", valueName: "minutes"))
    var duration = 60

    @Option(help: ArgumentHelp("Who answers for the seminar: the feeds' author.", valueName: "name"))
    var contact: String

    @Option(name: .customLong("contact-email"), help: ArgumentHelp("The contact's email, whom to ask for private meeting links.", valueName: "email"))
    var contactEmail: String?

    @Option(name: .customLong("organiser"), help: ArgumentHelp("An organiser's name; repeat for several.", valueName: "name"))
    var organisers: [String] = []

    @Option(name: .customLong("id-prefix"), help: ArgumentHelp("The tag URI (RFC 4151) that permanent entry ids start with.", valueName: "tag"))
    var idPrefix: String?

    @OptionGroup var clock: ClockOption

    func validate() throws {
        for (option, value) in [("--title", title), ("--description", description), ("--contact", contact)] where isBlank(value) {
            throw ValidationError("\(option) must not be empty")
        }
        if organisers.contains(where: isBlank) { throw ValidationError("--organiser must not be empty") }
        if LocalTime(parsing: startTime) == nil { throw ValidationError("--start-time takes HH:MM, got \(startTime)") }
        if !Talk.durationRange.contains(duration) {
            throw ValidationError("--duration must be between \(Talk.durationRange.lowerBound) and \(Talk.durationRange.upperBound) minutes, got \(duration)")
        }
        if idPrefix == nil, SeminarFile.idPrefix(homePage: homePage, title: title, year: 2000) == nil {
            throw ValidationError("--home-page must be an absolute URL such as https://example.org/seminar/, got \(homePage)")
        }
    }

    func run() throws {
        let fields = SeminarFile.Fields(
            title: title, description: description, homePage: homePage,
            feedsBaseURL: feedsBaseURL ?? homePage + (homePage.hasSuffix("/") ? "" : "/") + "feeds/",
            language: language, timezone: timezone, defaultStartTime: startTime, defaultDuration: duration,
            contact: .init(name: contact, email: contactEmail), organisers: organisers.map { .init(name: $0) },
            idPrefix: idPrefix ?? SeminarFile.idPrefix(homePage: homePage, title: title, year: clock.instant.utcDateTime.year)!)
        let path: String
        do { path = try SeminarFile.create(fields, root: locations.archive) } catch let exists as SeminarFile.Exists {
            throw CommandFailure(exists.description)
        }
        Console.data(path)
        // Checked as every other command will read it; the file is kept either way.
        let loaded = ArchiveLoader(root: locations.archive).load()
        DiagnosticPrinter().print(loaded.diagnostics)
        guard loaded.seminar != nil else {
            Console.note("\(path) has errors: correct them in the file, then run `seminar check`")
            throw ExitCode.failure
        }
        Console.note("started the archive of “\(title)”; add a talk with `seminar add`, publish with `seminar build`")
    }
}
