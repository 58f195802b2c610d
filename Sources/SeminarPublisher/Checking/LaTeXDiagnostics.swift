import Foundation
import LaTeX
import SeminarArchive

/// Checks the LaTeX of every text field that may hold it, and reports problems at their
/// place in the JSON file: the checker's offsets count Unicode scalars of the decoded
/// string, which the source file maps back through the JSON escapes.
enum LaTeXFieldCheck {
    /// The fields of a talk file that may contain LaTeX.
    static let talkFields: [String] = ["title", "abstract"]

    static func diagnostics(for loaded: LoadedTalk, extraMacros: Set<String>) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for field in talkFields {
            let text = field == "title" ? loaded.talk.title : loaded.talk.abstract
            out += diagnostics(in: text, at: [.key(field)], source: loaded.source, extraMacros: extraMacros)
        }
        return out
    }

    /// The LaTeX of a talk file that did not load (an unknown key, a bad date…): its text
    /// fields are still checked, so one run reports every problem of the file.
    static func diagnostics(forRejected source: JSONSourceFile, extraMacros: Set<String>) -> [Diagnostic] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(source.bytes)) as? [String: Any] else { return [] }
        var out: [Diagnostic] = []
        for field in talkFields {
            guard let text = object[field] as? String else { continue }
            out += diagnostics(in: text, at: [.key(field)], source: source, extraMacros: extraMacros)
        }
        return out
    }

    static func diagnostics(
        in text: String, at path: [JSONPathComponent], source: JSONSourceFile, extraMacros: Set<String>
    ) -> [Diagnostic] {
        let found = LaTeXChecker.check(text, extraMacros: extraMacros)
        guard !found.isEmpty else { return [] }
        return found.map { d in
            let location = source.location(inStringAt: path, scalarOffset: d.position.offset)
            return Diagnostic(
                d.severity == .error ? .error : .warning,
                code: "latex-" + d.code,
                message: d.message,
                fix: d.fix,
                location: location,
                sourceLine: location.flatMap { source.lineText($0.line) },
                length: d.length,
                notes: d.notes.map { note in
                    let at = source.location(inStringAt: path, scalarOffset: note.position.offset)
                    return Diagnostic.Note(message: note.message, location: at, sourceLine: at.flatMap { source.lineText($0.line) })
                }
            )
        }
    }
}
