import Foundation
import SeminarArchive

/// Prints diagnostics as `path:line:col: severity: message [code]` with the source line
/// and a caret, or as JSON lines for tools.
struct DiagnosticPrinter {
    var format: DiagnosticFormat = .text

    /// Abstracts are single JSON lines of a thousand characters: show a window of this many
    /// scalars either side of the column rather than the whole line.
    static let window = 60

    func print(_ diagnostics: [Diagnostic]) {
        switch format {
        case .text: for d in diagnostics { emit(text(d)) }
        case .json: for d in diagnostics { emit(json(d)) }
        case .github: for d in diagnostics { emit(GitHubAnnotation.command(for: d)) }
        case .sarif: FileHandle.standardOutput.write(SARIFLog.json(for: diagnostics))  // one log for them all
        }
    }

    /// Every part that may hold text from a file (path, message, fix, the source line) is
    /// made safe for the terminal.
    func text(_ d: Diagnostic) -> String {
        var lines = [TerminalText.escaped(d.description)]
        if let location = d.location, let excerpt = d.excerpt {
            lines += Self.excerpt(excerpt, column: location.column, length: d.length)
        }
        if let fix = d.fix { lines.append("    fix: " + TerminalText.escaped(fix)) }
        for note in d.notes {
            lines.append(TerminalText.escaped((note.location.map { "\($0): " } ?? "") + "note: " + note.message))
            if let location = note.location, let excerpt = note.excerpt {
                lines += Self.excerpt(excerpt, column: location.column, length: 1)
            }
        }
        return lines.joined(separator: "\n")
    }

    /// A window of the source line around `column`, and a caret line under it.
    static func excerpt(_ excerpt: SourceExcerpt, column: Int, length: Int) -> [String] {
        let (scalars, caret, before, after) = excerpt.window(column: column, length: length, radius: window)
        var shown = before ? "…" : ""
        var caretOffset = before ? 1 : 0
        for (i, scalar) in scalars.enumerated() {
            // Tabs would shift the caret; show them as single spaces. Escapes widen the
            // line, so the caret moves with them.
            let piece = scalar == "\t" ? " " : TerminalText.isUnsafe(scalar) ? TerminalText.escape(scalar) : String(scalar)
            shown += piece
            if i < caret { caretOffset += piece.unicodeScalars.count }
        }
        if after { shown += "…" }
        let underline = "^" + String(repeating: "~", count: max(0, min(length, scalars.count - caret) - 1))
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

    /// Text goes to standard error, beside other messages; JSON lines and workflow
    /// commands go to standard output, where a tool reading them expects data.
    private func emit(_ s: String) {
        let handle = format == .text ? FileHandle.standardError : FileHandle.standardOutput
        handle.write(Data((s + "\n").utf8))
    }

    /// "2 errors, 1 warning".
    static func summary(_ diagnostics: [Diagnostic]) -> String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        return counted(errors, "error") + ", " + counted(warnings, "warning")
    }
}
