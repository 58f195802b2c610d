import Foundation
import Testing
@testable import LaTeX

/// The hand-written corpus in `Fixtures/corpus`:
/// - `valid/NNN-name.tex`: a realistic abstract that must check clean, with
///   `valid/NNN-name.txt`, its expected plain-text rendering (checked by hand against the
///   contract and the rules of the linear text, `Sources/LaTeX/LaTeX.docc/LinearText.md`).
/// - `broken/NNN-name.tex`: an abstract with mistakes, with `broken/NNN-name.expected`,
///   one `severity code line:column` per diagnostic that must be reported, and optionally
///   `broken/NNN-name.txt`, its plain-text rendering where the contract fixes it.
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
        "comment", "trailing-backslash", "math-looks-like-money", "invalid-url",
    ]
}

@Suite("LaTeX corpus")
struct CorpusTests {
    @Test("the corpus has not shrunk and every fixture is paired")
    func corpusSize() throws {
        #expect(Corpus.valid.count >= 200, "valid corpus has \(Corpus.valid.count) abstracts")
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

    /// Contract rules on the shape of every diagnostic, checked over the whole broken corpus:
    /// sorted by position, consistent positions, one-line messages, the fixes the contract names.
    @Test("diagnostics of broken abstracts follow the contract's shape", arguments: Corpus.broken)
    func diagnosticShape(_ name: String) throws {
        let source = try Corpus.read(Corpus.brokenDirectory, name, "tex")
        let scalars = Array(source.unicodeScalars)
        // offset of the first scalar of each line
        var lineStarts = [0]
        for (i, s) in scalars.enumerated() where s == "\n" { lineStarts.append(i + 1) }

        let diagnostics = LaTeXChecker.check(source)
        let offsets = diagnostics.map(\.position.offset)
        #expect(offsets == offsets.sorted(), "broken/\(name).tex: diagnostics are not sorted by position")

        for d in diagnostics {
            let where_ = "broken/\(name).tex: \(Corpus.describe(d))"
            #expect(Corpus.contractCodes.contains(d.code), "\(where_): code not in the contract")
            #expect(d.length >= 1, "\(where_): length \(d.length)")
            #expect(!d.message.isEmpty && !d.message.contains("\n"), "\(where_): message must be one line")
            let p = d.position
            guard p.line >= 1, p.line <= lineStarts.count, p.column >= 1 else {
                Issue.record("\(where_): position out of range")
                continue
            }
            #expect(p.offset == lineStarts[p.line - 1] + p.column - 1,
                    "\(where_): offset \(p.offset) does not match line \(p.line), column \(p.column)")
            guard p.offset >= 0, p.offset < scalars.count else {
                #expect(d.code == "trailing-backslash", "\(where_): offset past the end")
                continue
            }
            let here = scalars[p.offset]
            let next: Unicode.Scalar? = p.offset + 1 < scalars.count ? scalars[p.offset + 1] : nil
            let rest = String(String.UnicodeScalarView(scalars[p.offset...]))
            switch d.code {
            case "unclosed-math":
                #expect(here == "$" || here == "\\", "\(where_): not at a math opener")
                if here == "$", let next, next != "$", ("0"..."9").contains(next) {
                    #expect(d.fix == "write `\\$` for a dollar sign", "\(where_): fix \(String(describing: d.fix))")
                }
            case "comment":
                #expect(here == "%", "\(where_): not at a `%`")
                #expect(d.fix == "write `\\%` for a percent sign", "\(where_): fix \(String(describing: d.fix))")
            case "special-character-in-text":
                #expect(here == "&" || here == "#", "\(where_): not at `&` or `#`")
                if here == "&" { #expect(d.fix == "write `\\&`", "\(where_): fix \(String(describing: d.fix))") }
            case "unknown-command", "math-only-in-text", "text-only-in-math", "missing-argument",
                 "unknown-environment", "unclosed-environment", "mismatched-environment", "unexpected-end",
                 "unclosed-left", "unexpected-right", "trailing-backslash", "unexpected-math-close":
                if !(d.code == "math-only-in-text" && (here == "^" || here == "_")) {
                    #expect(here == "\\", "\(where_): not at a backslash")
                }
                // A math-only command's fix wraps exactly the source from the command on.
                if d.code == "math-only-in-text", here == "\\", let fix = d.fix, fix.hasPrefix("write `$") {
                    let slice = fix.dropFirst("write `$".count).dropLast("$`".count)
                    #expect(fix.hasSuffix("$`") && rest.hasPrefix(slice), "\(where_): fix \(fix) is not the source")
                }
                if d.code == "unknown-command" {
                    for (typo, known) in [("\\alpah", "\\alpha"), ("\\Alpha", "\\alpha"), ("\\lamda", "\\lambda")]
                    where rest.hasPrefix(typo) && !rest.dropFirst(typo.count).first.map({ $0.isLetter }).orFalse {
                        #expect(d.fix == "did you mean `\(known)`?", "\(where_): fix \(String(describing: d.fix))")
                    }
                }
            case "invalid-url":
                // At the URL's first character, or at the `{}` of an empty one.
                #expect((p.offset > 0 && scalars[p.offset - 1] == "{") || (here == "{" && next == "}"),
                        "\(where_): not at a URL")
            case "unclosed-brace", "unmatched-brace", "double-superscript", "double-subscript":
                let char: Unicode.Scalar = switch d.code {
                    case "unclosed-brace": "{"
                    case "unmatched-brace": "}"
                    case "double-superscript": "^"
                    default: "_"
                }
                #expect(here == char, "\(where_): not at a `\(char)`")
            default:
                break
            }
            if d.code == "mismatched-environment" || d.code == "mismatched-math-delimiter" {
                #expect(d.notes.contains { $0.position.offset < p.offset }, "\(where_): no note at the opener")
            }
        }
    }

    @Test("broken abstracts still render (renderers never fail)", arguments: Corpus.broken)
    func brokenAbstractRenders(_ name: String) throws {
        let source = try Corpus.read(Corpus.brokenDirectory, name, "tex")
        // The renderers never fail: this must return (no trap, no hang), whatever it renders.
        let rendered = PlainTextRenderer.render(source)
        // Where the contract fixes the rendering (an unknown command keeps its TeX source exactly),
        // broken/NNN-name.txt holds it.
        let txt = Corpus.brokenDirectory.appendingPathComponent("\(name).txt")
        if FileManager.default.fileExists(atPath: txt.path) {
            let expected = Corpus.trimmingTrailingNewlines(try String(contentsOf: txt, encoding: .utf8))
            #expect(rendered == expected,
                    "broken/\(name).tex renders as\n\(rendered.debugDescription)\nexpected\n\(expected.debugDescription)")
        }
        #expect(rendered.unicodeScalars.count <= source.unicodeScalars.count * 4,
                "broken/\(name).tex renders to an implausibly long string")
    }
}

private extension Optional where Wrapped == Bool {
    var orFalse: Bool { self ?? false }
}
