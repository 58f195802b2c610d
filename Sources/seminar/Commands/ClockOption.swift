import ArgumentParser
import Foundation
import SeminarArchive

/// `--now`, for the commands that read the clock (`add`, `edit` and `snapshot` stamp
/// records with it, `init` dates the id prefix it proposes, `list --upcoming` compares
/// with it): tests and reproducible runs fix the instant. Hidden, since organisers never
/// need it.
struct ClockOption: ParsableArguments {
    @Option(help: ArgumentHelp("Take this instant (RFC 3339) as now, instead of reading the clock.", visibility: .hidden))
    var now: String?

    func validate() throws {
        if let now, Instant(rfc3339: now) == nil { throw ValidationError("--now takes an RFC 3339 instant, got \(now)") }
    }

    /// The instant given with `--now` (checked by `validate`), or the clock's.
    var instant: Instant {
        now.flatMap(Instant.init(rfc3339:)) ?? Instant(secondsSince1970: Int64(Date().timeIntervalSince1970.rounded(.down)))
    }
}
