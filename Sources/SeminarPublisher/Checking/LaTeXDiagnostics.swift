import LaTeX
import SeminarArchive

/// Checks the LaTeX of every text field that may hold it, and reports problems at their
/// place in the JSON file: the checker's offsets count Unicode scalars of the decoded
/// string, which the source file maps back through the JSON escapes.
enum LaTeXFieldCheck {
    /// The fields of a talk file that may contain LaTeX.
    static let talkFields: [String] = ["title", "abstract"]

    /// The problems of a loaded talk's title and abstract, parsed by the caller: a build
    /// renders the same parse (`TalkPresentation`).
    static func diagnostics(for loaded: LoadedTalk, title: LaTeXDocument, abstract: LaTeXDocument, extraMacros: Set<String>) -> [Diagnostic] {
        var budget = DiagnosticBudget()
        var out: [Diagnostic] = []
        for (field, document) in [("title", title), ("abstract", abstract)] {
            out += diagnostics(of: document, at: [.key(field)], source: loaded.source, extraMacros: extraMacros, budget: &budget)
        }
        return out + budget.notes(after: out)
    }

    /// The LaTeX of a talk file that did not load (an unknown key, a bad date…): its text
    /// fields are still checked, so one run reports every problem of the file.
    static func diagnostics(forRejected source: JSONSourceFile, extraMacros: Set<String>) -> [Diagnostic] {
        var budget = DiagnosticBudget()
        var out: [Diagnostic] = []
        for field in talkFields {
            guard let text = source.string(at: [.key(field)]) else { continue }
            out += diagnostics(in: text, at: [.key(field)], source: source, extraMacros: extraMacros, budget: &budget)
        }
        return out + budget.notes(after: out)
    }

    /// The problems of one field that is the only one of its file checked for LaTeX.
    static func diagnostics(
        in text: String, at path: [JSONPathComponent], source: JSONSourceFile, extraMacros: Set<String>
    ) -> [Diagnostic] {
        var budget = DiagnosticBudget()
        let out = diagnostics(in: text, at: path, source: source, extraMacros: extraMacros, budget: &budget)
        return out + budget.notes(after: out)
    }

    private static func diagnostics(
        in text: String, at path: [JSONPathComponent], source: JSONSourceFile, extraMacros: Set<String>,
        budget: inout DiagnosticBudget
    ) -> [Diagnostic] {
        diagnostics(of: LaTeXDocument(text), at: path, source: source, extraMacros: extraMacros, budget: &budget)
    }

    /// Only the problems `budget` admits are located: locating one rescans the file.
    private static func diagnostics(
        of document: LaTeXDocument, at path: [JSONPathComponent], source: JSONSourceFile, extraMacros: Set<String>,
        budget: inout DiagnosticBudget
    ) -> [Diagnostic] {
        let found = document.diagnostics(extraMacros: extraMacros).filter { budget.admits("latex-" + $0.code) }
        guard !found.isEmpty else { return [] }
        let source = source.readingDocument()
        return found.map { d in
            Diagnostic(latex: d) { p in
                let location = source.location(inStringAt: path, scalarOffset: p.offset)
                return (location, location.flatMap { source.excerpt(line: $0.line) })
            }
        }
    }
}
