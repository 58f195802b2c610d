import ArgumentParser
import SeminarPublisher

/// What a build did, printed alike by `seminar build` and after the build that
/// `seminar snapshot` runs: its diagnostics, then a summary and every file it wrote.
struct BuildReportPrinter {
    var feeds: String
    var privateOut: String? = nil
    var format: DiagnosticFormat = .text

    /// Throws `ExitCode.failure` after saying so when the build found errors.
    func print(_ result: Publisher.BuildResult) throws {
        DiagnosticPrinter(format: format).print(result.diagnostics)
        guard let report = result.report else {
            Console.note("build failed: \(DiagnosticPrinter.summary(result.diagnostics)); nothing was written")
            throw ExitCode.failure
        }
        let talks = counted(result.talkCount, "talk")
        if result.upToDate {
            let folders = [feeds] + (privateOut.map { [$0] } ?? [])
            Console.note("\(talks): up to date, nothing changed since the last build of \(folders.map { $0 + "/" }.joined(separator: " and ")) (--full checks everything again)")
            return
        }
        if let change = result.changedSinceLastBuild { Console.note("checked everything: \(change) changed since the last build") }
        Console.note("\(talks): wrote \(counted(report.written.count, "file")), \(report.unchanged.count) unchanged, in \(feeds)/")
        for path in report.written { Console.note("  wrote \(feeds)/\(path)") }
        for path in report.removed { Console.note("  removed \(feeds)/\(path) (its talk is gone)") }
        for path in report.removedTemporaryFiles { Console.note("  removed \(feeds)/\(path) (left by a build that was stopped)") }
        if let privateReport = result.privateReport, let privateOut {
            Console.note("private outputs: wrote \(privateReport.written.count), \(privateReport.unchanged.count) unchanged, in \(privateOut)/")
        }
    }
}
