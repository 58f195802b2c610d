import ArgumentParser
import Foundation
import SeminarArchive
import SeminarPublisher

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check every talk and report every problem.",
        discussion: """
            Checks seminar.json and every talk file (JSON, fields, dates and time zones, URLs, characters), the LaTeX in titles, abstracts and the description, and that no frozen year has changed. Each file shows at most ten problems of one kind, then a note counts the rest. Exits non-zero if there is any error.

            Given files (talk files, seminar.json), reports only their problems, found in the context of the whole archive (duplicate ids, frozen years, possible duplicates): for an editor's check on save or a pre-commit hook.

            --format github prints GitHub Actions workflow commands, which annotate the lines of a pull request; --format sarif prints one SARIF 2.1.0 log for code-scanning tools.
            """
    )

    @OptionGroup var locations: LocationOptions

    @Option(help: "How to print diagnostics: text (for people and editors, on standard error), json (one object per line), github (workflow commands) or sarif (one SARIF 2.1.0 log); all but text on standard output.")
    var format: DiagnosticFormat = .text

    @Argument(help: ArgumentHelp("Check only these files of the archive (a folder: every file in it).", valueName: "file"))
    var files: [String] = []

    func run() throws {
        let publisher = Publisher(archiveRoot: locations.archive, feedsRoot: locations.feeds)
        let checked: CheckedArchive
        var named: Set<String> = []
        if files.isEmpty {
            checked = publisher.check()
        } else {
            let folder = ArchiveFolder(locations.archive)
            for file in files {
                guard let spelt = folder.files(named: file) else {
                    throw CommandFailure(FileManager.default.fileExists(atPath: file)
                        ? "\(file) is not in the archive folder \(folder.path) (give --archive)"
                        : "cannot read \(file): No such file or directory")
                }
                named.formUnion(spelt)
            }
            checked = publisher.check(files: named)
        }
        DiagnosticPrinter(format: format).print(checked.diagnostics)
        if format == .text || format == .github {
            // Every talk file, also those that did not load: the diagnostics say why.
            let unloaded = checked.talkFileCount - checked.talkCount
            let talks = files.isEmpty
                ? counted(checked.talkFileCount, "talk") + (unloaded > 0 ? " (\(unloaded) did not load)" : "")
                : counted(named.count, "file") + " of " + counted(checked.talkFileCount, "talk")
            Console.note("checked \(talks): \(DiagnosticPrinter.summary(checked.diagnostics))")
        }
        // The process ends here, with what it read still held: the system takes all of it
        // back at once, where freeing every talk's strings one by one was a tenth of the
        // time of a check of 10,000 talks.
        withExtendedLifetime(checked) { Self.exit(withError: checked.hasErrors ? ExitCode.failure : nil) }
    }
}
