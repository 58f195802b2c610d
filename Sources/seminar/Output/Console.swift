import Foundation
import SeminarArchive

/// Progress and summaries go to standard error, so that standard output stays clean for
/// data (`seminar list`, `seminar latex render`, JSON diagnostics).
enum Console {
    /// Messages quote titles, names and keys from the archive: what a terminal would act on
    /// is escaped (see `TerminalText`).
    static func note(_ s: String) {
        FileHandle.standardError.write(Data((TerminalText.escaped(s, keepingLineBreaks: true) + "\n").utf8))
    }

    /// `error: …`, for a failure that is not a diagnostic about a file.
    static func error(_ message: String) {
        note("error: " + message)
    }

    static func data(_ s: String) {
        FileHandle.standardOutput.write(Data((s + "\n").utf8))
    }
}

extension String {
    var standardizedPath: String { (self as NSString).standardizingPath }
}
