import Foundation
import Testing
@testable import LaTeX

/// The hand-written corpus in `Fixtures/corpus`:
/// - `valid/NNN-name.tex`: a realistic abstract that must check clean, with
///   `valid/NNN-name.txt`, its expected plain-text rendering (written by hand from the contract).
/// - `broken/NNN-name.tex`: an abstract with mistakes, with `broken/NNN-name.expected`,
///   one `severity code line:column` per diagnostic that must be reported.
enum Corpus {
    static let root: URL = {
        guard let fixtures = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            fatalError("Fixtures are missing from the LaTeXTests bundle")
        }
        return fixtures.appendingPathComponent("corpus", isDirectory: true)
    }()

    static var validDirectory: URL { root.appendingPathComponent("valid", isDirectory: true) }
    static var brokenDirectory: URL { root.appendingPathComponent("broken", isDirectory: true) }

    /// Base names (without extension) of the `.tex` files in a directory, sorted.
    static func names(in directory: URL) -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix(".tex") }.map { String($0.dropLast(4)) }.sorted()
    }

    static let valid: [String] = names(in: validDirectory)
    static let broken: [String] = names(in: brokenDirectory)

    static func read(_ directory: URL, _ name: String, _ ext: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent("\(name).\(ext)"), encoding: .utf8)
    }

    /// Drops the final newline(s) of a fixture file written by an editor.
    static func trimmingTrailingNewlines(_ s: String) -> String {
        var s = s
        while s.hasSuffix("\n") { s.removeLast() }
        return s
    }

    static func describe(_ d: LaTeXDiagnostic) -> String {
        "\(d.severity.rawValue) \(d.code) \(d.position.line):\(d.position.column)"
    }

    static func describeAll(_ ds: [LaTeXDiagnostic]) -> String {
        ds.isEmpty ? "(none)" : ds.map { "\(describe($0)) — \($0.message)" }.joined(separator: "\n")
    }

    /// Every code of the contract (docs: notes/latex-spec.md); the broken corpus covers them all.
    static let contractCodes: Set<String> = [
        "unclosed-math", "mismatched-math-delimiter", "unexpected-math-close",
        "unclosed-brace", "unmatched-brace", "unknown-command", "unknown-environment",
        "unclosed-environment", "mismatched-environment", "unexpected-end",
        "unclosed-left", "unexpected-right", "missing-argument",
        "double-superscript", "double-subscript", "math-only-in-text",
        "special-character-in-text", "text-only-in-math", "nesting-too-deep",
        "comment", "trailing-backslash", "math-looks-like-money",
    ]
}

@Suite("LaTeX corpus")
struct CorpusTests {
    @Test("the corpus has not shrunk and every fixture is paired")
    func corpusSize() throws {
        #expect(Corpus.valid.count >= 80, "valid corpus has \(Corpus.valid.count) abstracts")
        #expect(Corpus.broken.count >= 25, "broken corpus has \(Corpus.broken.count) abstracts")
        let fm = FileManager.default
        for name in Corpus.valid {
            #expect(fm.fileExists(atPath: Corpus.validDirectory.appendingPathComponent("\(name).txt").path),
                    "valid/\(name).tex has no .txt")
        }
        var covered: Set<String> = []
        for name in Corpus.broken {
            let path = Corpus.brokenDirectory.appendingPathComponent("\(name).expected").path
            #expect(fm.fileExists(atPath: path), "broken/\(name).tex has no .expected")
            let expected = (try? Corpus.read(Corpus.brokenDirectory, name, "expected")) ?? ""
            for line in expected.split(separator: "\n") {
                let fields = line.split(separator: " ")
                if fields.count == 3 { covered.insert(String(fields[1])) }
            }
        }
        #expect(covered == Corpus.contractCodes,
                "codes not covered: \(Corpus.contractCodes.subtracting(covered).sorted()), unknown: \(covered.subtracting(Corpus.contractCodes).sorted())")
    }

    @Test("valid abstracts check clean and render as expected", arguments: Corpus.valid)
    func validAbstract(_ name: String) throws {
        let source = try Corpus.read(Corpus.validDirectory, name, "tex")
        let expected = Corpus.trimmingTrailingNewlines(try Corpus.read(Corpus.validDirectory, name, "txt"))

        let diagnostics = LaTeXChecker.check(source)
        #expect(diagnostics.isEmpty, "valid/\(name).tex: unexpected diagnostics:\n\(Corpus.describeAll(diagnostics))")

        let rendered = PlainTextRenderer.render(source)
        #expect(rendered == expected,
                "valid/\(name).tex renders as\n\(rendered.debugDescription)\nexpected\n\(expected.debugDescription)")
    }

    @Test("broken abstracts report the expected diagnostics", arguments: Corpus.broken)
    func brokenAbstract(_ name: String) throws {
        let source = try Corpus.read(Corpus.brokenDirectory, name, "tex")
        let expectedLines = try Corpus.read(Corpus.brokenDirectory, name, "expected")
            .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        #expect(!expectedLines.isEmpty, "broken/\(name).expected is empty")

        let diagnostics = LaTeXChecker.check(source)
        let reported = diagnostics.map(Corpus.describe)

        for line in expectedLines {
            #expect(reported.contains(line),
                    "broken/\(name).tex: expected `\(line)`, reported:\n\(Corpus.describeAll(diagnostics))")
        }
        let unexpectedErrors = diagnostics.filter { $0.severity == .error && !expectedLines.contains(Corpus.describe($0)) }
        #expect(unexpectedErrors.isEmpty,
                "broken/\(name).tex: unexpected errors:\n\(Corpus.describeAll(unexpectedErrors))")
    }

    @Test("broken abstracts still render (renderers never fail)", arguments: Corpus.broken)
    func brokenAbstractRenders(_ name: String) throws {
        let source = try Corpus.read(Corpus.brokenDirectory, name, "tex")
        // The renderers never fail: this must return (no trap, no hang), whatever it renders.
        let rendered = PlainTextRenderer.render(source)
        #expect(rendered.unicodeScalars.count <= source.unicodeScalars.count * 4,
                "broken/\(name).tex renders to an implausibly long string")
    }
}
