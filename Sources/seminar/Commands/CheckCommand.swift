import ArgumentParser
import SeminarPublisher

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check every talk and report every problem.",
        discussion: """
            Checks seminar.json and every talk file (JSON, fields, dates and time zones, URLs, characters), the LaTeX in titles, abstracts and the description, and that no frozen year has changed. Each file shows at most ten problems of one kind, then a note counts the rest. Exits non-zero if there is any error.
            """
    )

    @OptionGroup var locations: LocationOptions

    @Option(help: "How to print diagnostics: text (for people and editors) or json (one object per line, on standard output).")
    var format: DiagnosticFormat = .text

    func run() throws {
        let checked = Publisher(archiveRoot: locations.archive, feedsRoot: locations.feeds).check()
        DiagnosticPrinter(format: format).print(checked.diagnostics)
        if format == .text {
            // Every talk file, also those that did not load: the diagnostics say why.
            let unloaded = checked.talkFileCount - checked.talkCount
            let talks = counted(checked.talkFileCount, "talk") + (unloaded > 0 ? " (\(unloaded) did not load)" : "")
            Console.note("checked \(talks): \(DiagnosticPrinter.summary(checked.diagnostics))")
        }
        if checked.hasErrors { throw ExitCode.failure }
    }
}
