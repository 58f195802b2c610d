import ArgumentParser
import SeminarPublisher

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Check everything, then write the feeds, calendar and web page.",
        discussion: """
            Writes into the feeds folder: atom.xml, rss.xml, feed.json, calendar.ics, index.html, feed.xsl, and archive/YEAR/{atom.xml,rss.xml,calendar.ics} for every frozen year. If the check finds any error, nothing is written and the command fails. Files are written to a temporary file and renamed; a file whose bytes would not change is left alone. Talk files of a frozen year that are byte for byte as its snapshot recorded them are not parsed again (`seminar check` reads every talk). The output depends only on the archive: never on the clock, time zone, locale or file system order.
            """
    )

    @OptionGroup var locations: LocationOptions

    @Option(name: .customLong("private-out"), help: ArgumentHelp(
        "Also write a second set of outputs that includes private meeting links, for the organisers to share.",
        valueName: "dir"))
    var privateOut: String?

    @Option(help: "How to print diagnostics.")
    var format: DiagnosticFormat = .text

    func run() throws {
        let publisher = Publisher(archiveRoot: locations.archive, feedsRoot: locations.feeds)
        if let privateOut, privateOut.standardizedPath == locations.feeds.standardizedPath {
            throw ValidationError("--private-out must not be the public feeds folder")
        }
        let result = try publisher.build(privateOut: privateOut)
        DiagnosticPrinter(format: format).print(result.diagnostics)
        guard let report = result.report else {
            Console.note("build failed: \(DiagnosticPrinter.summary(result.diagnostics)); nothing was written")
            throw ExitCode.failure
        }
        Console.note("\(result.talkCount) talks: wrote \(report.written.count) file\(report.written.count == 1 ? "" : "s"), \(report.unchanged.count) unchanged, in \(locations.feeds)/")
        for path in report.written { Console.note("  wrote \(locations.feeds)/\(path)") }
        if let privateReport = result.privateReport, let privateOut {
            Console.note("private outputs: wrote \(privateReport.written.count), \(privateReport.unchanged.count) unchanged, in \(privateOut)/")
        }
    }
}
