import ArgumentParser

@main
struct SeminarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seminar",
        abstract: "Publish a research seminar's talks as Atom, RSS, JSON Feed, iCalendar and a web page.",
        discussion: """
            The archive is one JSON file per talk in archive/YEAR/, plus archive/seminar.json. `seminar build` checks every talk (including the LaTeX in titles and abstracts) and, only if nothing is wrong, writes feeds/. Errors are printed as path:line:col: error: message, which editors can jump to.
            """,
        subcommands: [
            InitCommand.self, AddCommand.self, EditCommand.self, ListCommand.self, CheckCommand.self, BuildCommand.self,
            SnapshotCommand.self, VerifyCommand.self, AnnounceCommand.self, LaTeXCommand.self, SchemaCommand.self,
        ]
    )

    /// ArgumentParser's own `main`, except for a `CommandFailure`: that is reported as
    /// `error: …`, like every other message of the tool, with exit status 1 and no usage
    /// text, since nothing was wrong with the command line.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as CommandFailure {
            Console.error(failure.message)
            exit(withError: ExitCode.failure)
        } catch {
            exit(withError: error)
        }
    }
}

/// Where the archive is, for the commands that only read or change talks.
struct ArchiveOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The archive folder (seminar.json and one folder per year).", valueName: "dir"))
    var archive: String = "archive"
}

/// Where the archive is, and where it is published, for the commands that need both.
struct LocationOptions: ParsableArguments {
    @OptionGroup var archiveOption: ArchiveOption
    var archive: String { archiveOption.archive }

    @Option(name: .long, help: ArgumentHelp("The folder the documents are published into.", valueName: "dir"))
    var feeds: String = "feeds"
}

/// How diagnostics are printed.
enum DiagnosticFormat: String, ExpressibleByArgument, CaseIterable {
    /// For people and editors: `path:line:col: error: message [code]`, on standard error.
    case text
    /// One JSON object per line, on standard output.
    case json
    /// GitHub Actions workflow commands, which annotate the lines of a pull request.
    case github
    /// One SARIF 2.1.0 log, for code-scanning tools.
    case sarif
}
