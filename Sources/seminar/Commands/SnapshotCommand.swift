import ArgumentParser
import SeminarArchive
import SeminarPublisher

struct SnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Freeze a year: publish its archive documents (RFC 5005) and record the freeze.",
        discussion: """
            Writes feeds/archive/YEAR/{atom.xml,rss.xml,calendar.ics}, records which talks the year holds (with a fingerprint of each field and the SHA-256 digest of each talk file) and the SHA-256 digest of each document in archive/snapshots/YEAR.json, and rebuilds the subscription documents, which from then on hold only the years that are not frozen. Refused while a talk of the year is still to come or has no date, while the archive has errors, or while an earlier year is not frozen. From then on `check` and `build` fail if a talk of the year changes. A deliberate correction is recorded with --amend --reason, which renders the year in the current snapshot format (format 3: each entry's HTML in CDATA sections, a calendar event that ends in the hour repeated when the clocks go back ends in UTC, and a cancelled or postponed talk offers no meeting link); a year keeps the format it was frozen with until then.
            """
    )

    @OptionGroup var locations: LocationOptions

    @Argument(help: "The year to freeze.")
    var year: Int

    @Flag(help: "Rewrite the documents of an already frozen year after a deliberate correction.")
    var amend = false

    @Option(help: "Why the frozen year is amended (required with --amend; kept in the record).")
    var reason: String?

    @OptionGroup var clock: ClockOption
    @OptionGroup var lock: LockOption

    func validate() throws {
        if amend && reason == nil { throw ValidationError("--amend needs --reason \"…\"") }
        if !amend && reason != nil { throw ValidationError("--reason goes with --amend") }
        if let problem = OutputFolders.problem(archive: locations.archive, feeds: locations.feeds, privateOut: nil) {
            throw ValidationError(problem)
        }
    }

    func run() throws {
        let held = try lock.lock(locations.archive, locations.feeds)
        defer { withExtendedLifetime(held) {} }
        let publisher = Publisher(archiveRoot: locations.archive, feedsRoot: locations.feeds)
        try publisher.finishInterruptedPublication(noting: nil)
        do {
            let result = try publisher.snapshot(year: year, now: clock.instant, amendReason: amend ? reason : nil)
            Console.note("\(amend ? "amended" : "froze") \(year): \(counted(result.record.talks.count, "talk")), recorded in \(result.recordPath)")
            for path in result.documents { Console.note("  wrote \(locations.feeds)/\(path)") }
            // The subscription documents were rebuilt without the year: say which changed.
            try BuildReportPrinter(feeds: locations.feeds).print(result.build)
        } catch let refusal as SnapshotRefusal {
            DiagnosticPrinter().print(refusal.diagnostics)
            for reason in refusal.reasons { Console.error(reason) }
            // Not "2021 was not frozen": the refusal may be that it already is.
            Console.note("snapshot refused: nothing was written")
            throw ExitCode.failure
        }
    }
}
