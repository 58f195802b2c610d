import ArgumentParser
import SeminarPublisher

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check that every published file matches the archive and the snapshot records.",
        discussion: """
            Recomputes every document from the archive and compares it with the files in the feeds folder, and every frozen year's documents with the digests recorded when it was frozen. A changed, truncated or missing file is reported by name, and the command fails. Nothing is written.
            """
    )

    @OptionGroup var locations: LocationOptions
    // Verify writes nothing, but waits for a build under way: its temporary files and half
    // renamed documents are not what a finished build leaves.
    @OptionGroup var lock: LockOption

    @Option(help: "How to print diagnostics.")
    var format: DiagnosticFormat = .text

    func run() throws {
        let held = try lock.lock(locations.archive, locations.feeds, readOnly: true)
        defer { withExtendedLifetime(held) {} }
        let publisher = Publisher(archiveRoot: locations.archive, feedsRoot: locations.feeds)
        try publisher.finishInterruptedPublication(noting: nil)
        let diagnostics = try publisher.verify()
        DiagnosticPrinter(format: format).print(diagnostics)
        if diagnostics.contains(where: { $0.severity == .error }) {
            Console.note("verify failed: \(DiagnosticPrinter.summary(diagnostics))")
            throw ExitCode.failure
        }
        Console.note("every published file matches the archive")
    }
}
