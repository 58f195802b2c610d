import Foundation
import SeminarArchive

/// Prints diagnostics as `path:line:col: severity: message [code]` with the source line
/// and a caret, or as JSON lines for tools.
struct DiagnosticPrinter {
    var format: DiagnosticFormat = .text

    /// Abstracts are single JSON lines of a thousand characters: show a window around the
    /// column rather than the whole line.
    static let window = 60

    func print(_ diagnostics: [Diagnostic]) {
        for d in diagnostics { emit(render(d)) }
    }

    func render(_ d: Diagnostic) -> String {
        switch format {
        case .json: return json(d)
        case .text: return text(d)
        }
    }

    func text(_ d: Diagnostic) -> String {
        var lines = [d.description]
        if let location = d.location, let source = d.sourceLine {
            lines += Self.excerpt(source, column: location.column, length: d.length)
        }
        if let fix = d.fix { lines.append("    fix: " + fix) }
        for note in d.notes {
            lines.append((note.location.map { "\($0): " } ?? "") + "note: " + note.message)
            if let location = note.location, let source = note.sourceLine {
                lines += Self.excerpt(source, column: location.column, length: 1)
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The source line (or a window of it) and a caret line under `column`.
    static func excerpt(_ line: String, column: Int, length: Int) -> [String] {
        let scalars = Array(line.unicodeScalars)
        let index = max(0, min(column - 1, scalars.count))
        let from = max(0, index - window)
        let to = min(scalars.count, index + max(length, 1) + window)
        var shown = String(String.UnicodeScalarView(scalars[from..<to]))
        var caretOffset = index - from
        if from > 0 { shown = "…" + shown; caretOffset += 1 }
        if to < scalars.count { shown += "…" }
        // Tabs would shift the caret; show them as single spaces.
        shown = shown.replacingOccurrences(of: "\t", with: " ")
        let underline = "^" + String(repeating: "~", count: max(0, min(length, to - index) - 1))
        return ["    " + shown, "    " + String(repeating: " ", count: caretOffset) + underline]
    }

    func json(_ d: Diagnostic) -> String {
        var object: [String: Any] = ["severity": d.severity.rawValue, "code": d.code, "message": d.message]
        if let fix = d.fix { object["fix"] = fix }
        if let l = d.location { object["path"] = l.path; object["line"] = l.line; object["column"] = l.column }
        if !d.notes.isEmpty {
            object["notes"] = d.notes.map { n -> [String: Any] in
                var o: [String: Any] = ["message": n.message]
                if let l = n.location { o["path"] = l.path; o["line"] = l.line; o["column"] = l.column }
                return o
            }
        }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// Text goes to standard error, beside other messages; JSON lines go to standard
    /// output, where a tool reading them expects data.
    private func emit(_ s: String) {
        let handle = format == .json ? FileHandle.standardOutput : FileHandle.standardError
        handle.write(Data((s + "\n").utf8))
    }

    /// "2 errors, 1 warning".
    static func summary(_ diagnostics: [Diagnostic]) -> String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        return counted(errors, "error") + ", " + counted(warnings, "warning")
    }
}
