import ArgumentParser
import Foundation
import SeminarPublisher

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Check everything, then write the feeds, calendar and web page.",
        discussion: """
            Writes into the feeds folder: atom.xml, rss.xml, feed.json, calendar.ics, index.html, feed.xsl, and archive/YEAR/{atom.xml,rss.xml,calendar.ics} for every frozen year. If the check finds any error, nothing is written and the command fails. Files are written to a temporary file and renamed; a file whose bytes would not change is left alone. Talk files of a frozen year that are byte for byte as its snapshot recorded them are not parsed again (`seminar check` reads every talk). The output depends only on the archive: never on the clock, time zone, locale or file system order.

            A record of each successful build is kept in the user's cache folder ($XDG_CACHE_HOME/seminar, or ~/.cache/seminar). When every file the last build read and published is as it left them, and the same seminar program runs, the build stops at once and repeats that build's warnings ("up to date"). A build that wrote files, or that began within two seconds of a change to the archive, keeps no record: the next one checks everything once more, and records it. --full ignores the record.
            """
    )

    @OptionGroup var locations: LocationOptions
    @OptionGroup var lock: LockOption

    @Option(name: .customLong("private-out"), help: ArgumentHelp(
        "Also write a second set of outputs that includes private meeting links, for the organisers to share. Must be a folder apart from --feeds (not it, not inside it, not holding it) and outside the archive.",
        valueName: "dir"))
    var privateOut: String?

    @Flag(help: "Check and render everything, even when nothing has changed since the last build.")
    var full = false

    @Option(help: "How to print diagnostics.")
    var format: DiagnosticFormat = .text

    @Flag(help: ArgumentHelp(
        "Leave out the pages of the open years' talks, and link feed entries to the meeting or the seminar's page as before talks had pages. For measuring what the pages cost: the build neither uses nor keeps the record of the last build, and removes no page."))
    var withoutTalkPages = false

    func validate() throws {
        if let problem = OutputFolders.problem(archive: locations.archive, feeds: locations.feeds, privateOut: privateOut) {
            throw ValidationError(problem)
        }
    }

    func run() throws {
        let held = try lock.lock(locations.archive, locations.feeds, privateOut)
        defer { withExtendedLifetime(held) {} }
        var publisher = Publisher(archiveRoot: locations.archive, feedsRoot: locations.feeds,
                                  buildManifestPath: withoutTalkPages ? nil : manifestPath)
        publisher.talkPages = !withoutTalkPages
        try publisher.finishInterruptedPublication(noting: privateOut)
        let result = try publisher.build(privateOut: privateOut, reusingLastBuild: !full)
        try BuildReportPrinter(feeds: locations.feeds, privateOut: privateOut, format: format).print(result)
    }

    /// The record of the last build: in the user's cache folder, one per way of running
    /// the command. Nil when there is no cache folder to keep it in.
    private var manifestPath: String? {
        let environment = ProcessInfo.processInfo.environment
        let cache = environment["XDG_CACHE_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? environment["HOME"].flatMap { $0.hasPrefix("/") ? $0 + "/.cache" : nil }
        return cache.map {
            Publisher.buildManifestPath(cacheFolder: $0, workingFolder: FileManager.default.currentDirectoryPath,
                                        archive: locations.archive, feeds: locations.feeds, privateOut: privateOut)
        }
    }
}
