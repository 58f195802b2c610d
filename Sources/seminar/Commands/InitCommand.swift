import ArgumentParser
import Foundation
import SeminarArchive

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start an archive: write archive/seminar.json.",
        discussion: """
            Checks what it is given as every other command will read it, then writes archive/seminar.json; nothing is written if anything is wrong. Refused when the file exists: change it by hand (the README's reference lists every key). The feeds' base URL defaults to feeds/ beside the home page, and the prefix of the talks' permanent ids to a tag URI made of the home page's host, this year and the title; both are written into the file and never change afterwards. Example:
              seminar init --title "Internal Seminar: Theory of Neural Nets" \\
                --description "Talks on the theory of neural networks." \\
                --home-page https://www.epfl.ch/labs/csft/internal-seminar-theory-of-neural-nets/ \\
                --timezone Europe/Zurich --start-time 16:30 \\
                --contact "Loucas Pillaud-Vivien" --contact-email loucas.pillaud-vivien@epfl.ch
            """
    )

    @OptionGroup var locations: ArchiveOption

    @Option(help: "The seminar's name.")
    var title: String

    @Option(help: "A paragraph or more about the seminar (may contain LaTeX).")
    var description: String

    @Option(name: .customLong("home-page"), help: ArgumentHelp("The seminar's page for people.", valueName: "url"))
    var homePage: String

    @Option(name: .customLong("feeds-base-url"), help: ArgumentHelp("Where feeds/ will be served (default: feeds/ beside the home page).", valueName: "url"))
    var feedsBaseURL: String?

    @Option(help: ArgumentHelp("The talks' language, a BCP 47 tag.", valueName: "tag"))
    var language = "en"

    @Option(help: ArgumentHelp("The IANA time zone of the talks, such as Europe/Zurich.", valueName: "zone"))
    var timezone: String

    @Option(name: .customLong("start-time"), help: ArgumentHelp("The usual start of a talk, HH:MM.", valueName: "time"))
    var startTime: String

    @Option(parsing: .unconditional, help: ArgumentHelp("The usual length of a talk in minutes.", valueName: "minutes"))
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
    @OptionGroup var lock: LockOption

    func validate() throws {
        for (option, value) in [("--title", title), ("--description", description), ("--contact", contact)] where isBlank(value) {
            throw ValidationError("\(option) must not be empty")
        }
        if organisers.contains(where: isBlank) { throw ValidationError("--organiser must not be empty") }
        if LocalTime(parsing: startTime) == nil { throw ValidationError("--start-time takes HH:MM, got \(startTime)") }
        try validateDuration(duration)
        guard let parts = URLComponents(string: homePage), parts.host != nil, SeminarFile.feedsBaseURL(homePage: homePage) != nil else {
            throw ValidationError("--home-page must be an absolute URL such as https://example.org/seminar/, got \(homePage)")
        }
        // Every feed would publish them.
        if parts.user != nil || parts.password != nil { throw ValidationError("--home-page must not hold a user name or password") }
    }

    func run() throws {
        let held = try lock.lock(archive: locations.archive)
        defer { withExtendedLifetime(held) {} }
        let fields = SeminarFile.Fields(
            title: title, description: description, homePage: homePage,
            feedsBaseURL: feedsBaseURL ?? SeminarFile.feedsBaseURL(homePage: homePage)!,
            language: language, timezone: timezone, defaultStartTime: startTime, defaultDuration: duration,
            contact: .init(name: contact, email: contactEmail), organisers: organisers.map { .init(name: $0) },
            idPrefix: idPrefix ?? SeminarFile.idPrefix(homePage: homePage, title: title, year: clock.instant.utcDateTime.year)!)
        // Checked as every other command will read it, before anything is written: `init`
        // never replaces a file, so it must not write one that needs correcting.
        let problems = SeminarFile.loadErrors(fields, root: locations.archive).map(\.message)
        if !problems.isEmpty {
            throw CommandFailure(wouldNotLoad: "seminar.json", problems)
        }
        let path: String
        do { path = try SeminarFile.create(fields, root: locations.archive) } catch let exists as SeminarFile.Exists {
            throw CommandFailure(exists.description)
        } catch {
            throw CommandFailure("cannot write \(locations.archive)/seminar.json: \(error.localizedDescription)")
        }
        Console.data(path)
        let archive = locations.archive == "archive" ? "" : " --archive \(locations.archive)"
        Console.note("started the archive of “\(title)”; add a talk with `seminar add\(archive)`, publish with `seminar build\(archive)`")
    }
}
