import Testing
@testable import LaTeX

@Suite("Checker: math delimiters")
struct MathDelimiterTests {
    @Test func cleanMathHasNoDiagnostics() {
        #expect(codes("Let $p$ be prime and \\(x\\) real; \\[ y = 1 \\] and $$z$$.").isEmpty)
    }

    @Test func unclosedDollarPointsAtOpenerWithDollarFix() throws {
        let diagnostic = try #require(first("unclosed-math", in: "It costs $5 per ticket."))
        #expect(diagnostic.position == SourcePosition(offset: 9, line: 1, column: 10))
        #expect(diagnostic.fix == "write `\\$` for a dollar sign")
        #expect(diagnostic.severity == .error)
    }

    @Test func unclosedMathWithoutDigitSuggestsClosing() throws {
        let diagnostic = try #require(first("unclosed-math", in: "Let $x be real."))
        #expect(diagnostic.fix == "close it with `$`")
    }

    @Test func mathStopsAtBlankLine() {
        #expect(located("Let $x be.\n\nNext \\emph{para}.") == ["unclosed-math 1:5"])
    }

    @Test func unclosedDisplayBracket() {
        #expect(located("a\n\\[ x + y") == ["unclosed-math 2:1"])
    }

    @Test func mismatchedDelimiterAtCloserWithNote() throws {
        let diagnostic = try #require(first("mismatched-math-delimiter", in: "see \\(x\\]"))
        #expect(diagnostic.position.column == 8)
        #expect(diagnostic.notes == [.init(message: "opened here", position: SourcePosition(offset: 4, line: 1, column: 5))])
    }

    @Test func unexpectedClose() {
        #expect(located("x \\) y") == ["unexpected-math-close 1:3"])
        #expect(located("x \\] y") == ["unexpected-math-close 1:3"])
    }

    @Test func escapedDollarIsNeverADelimiter() {
        #expect(codes("It costs \\$5 and \\$10.").isEmpty)
        #expect(plain("It costs \\$5 and \\$10.") == "It costs $5 and $10.")
        #expect(codes("$\\$5$").isEmpty)
    }

    @Test func moneyPairWarnsAtFirstDollar() throws {
        let diagnostic = try #require(first("math-looks-like-money", in: "between $10 and $20 per seat"))
        #expect(diagnostic.severity == .warning)
        #expect(diagnostic.position.column == 9)
        #expect(codes("between $10 and $20 per seat") == ["math-looks-like-money"])
        // Rendered as the prose it is.
        #expect(plain("between $10 and $20 per seat") == "between $10 and $20 per seat")
    }

    @Test func moneyDigitsThenLowercaseWord() {
        #expect(codes("from $5 or $") == ["math-looks-like-money"])
    }

    @Test func intervalsAndMathAreNotMoney() {
        #expect(codes("on $[0,1)$ and $(0,1]$").isEmpty)
        #expect(codes("$10--20$").isEmpty)
        #expect(codes("$2 \\text{ and } 3$").isEmpty)
        #expect(codes("$2n + 1$").isEmpty)
    }
}

@Suite("Checker: braces, environments, \\left")
struct StructureTests {
    @Test func unclosedBraceAtBrace() {
        #expect(located("a \\emph{b c") == ["unclosed-brace 1:8"])
    }

    @Test func strayClosingBrace() {
        #expect(located("a } b") == ["unmatched-brace 1:3"])
        #expect(plain("a } b") == "a } b")
    }

    @Test func environments() {
        #expect(located("\\begin{foo} x \\end{foo}") == ["unknown-environment 1:1"])
        #expect(located("\\begin{itemize} \\item x") == ["unclosed-environment 1:1"])
        #expect(located("x\n\\end{itemize}") == ["unexpected-end 2:1"])
    }

    @Test func mismatchedEnvironmentAtEndWithNote() throws {
        let diagnostic = try #require(first("mismatched-environment", in: "\\begin{itemize}\n\\item a\n\\end{enumerate}"))
        #expect(diagnostic.position == SourcePosition(offset: 24, line: 3, column: 1))
        #expect(diagnostic.notes.first?.position == SourcePosition(offset: 0, line: 1, column: 1))
        #expect(diagnostic.notes.first?.message == "opened here")
    }

    @Test func unknownEnvironmentSuggestion() {
        #expect(first("unknown-environment", in: "\\begin{itemise}\\end{itemise}")?.fix == "did you mean `itemize`?")
    }

    @Test func leftRight() {
        #expect(codes("$\\left( x \\right)$").isEmpty)
        #expect(located("$\\left( x$") == ["unclosed-left 1:2"])
        #expect(located("$x \\right)$") == ["unexpected-right 1:4"])
        #expect(codes("$\\left. x \\right|$").isEmpty)
    }

    @Test func missingArguments() {
        #expect(located("$\\frac{1}$") == ["missing-argument 1:2"])
        #expect(located("$\\sqrt$") == ["missing-argument 1:2"])
        #expect(located("{\\emph}") == ["missing-argument 1:2"])
        #expect(located("$x^$") == ["missing-argument 1:3"])
    }

    @Test func doubleScripts() {
        #expect(located("$x^a^b$") == ["double-superscript 1:5"])
        #expect(located("$x_a_b$") == ["double-subscript 1:5"])
        #expect(codes("$x_a^b$ and $x^a_b$").isEmpty)
    }
}

@Suite("Checker: commands and modes")
struct CommandTests {
    @Test func unknownCommandWithSuggestion() throws {
        let diagnostic = try #require(first("unknown-command", in: "Let $\\alpah$ be."))
        #expect(diagnostic.message == "unknown command `\\alpah`")
        #expect(diagnostic.fix == "did you mean `\\alpha`?")
        #expect(diagnostic.position.column == 6)
        #expect(diagnostic.length == 6)
    }

    @Test func caseInsensitiveSuggestion() {
        #expect(first("unknown-command", in: "$\\Mathbb{R}$")?.fix == "did you mean `\\mathbb`?")
    }

    @Test func farMisspellingHasNoSuggestion() {
        #expect(first("unknown-command", in: "$\\zzzzqqq$")?.fix == nil)
    }

    @Test func matchedByExactNameNotPrefix() {
        // `\inf` and `\in` are known, `\infinity` is not, whatever prefix it shares.
        #expect(codes("$\\inf \\in \\infinity$") == ["unknown-command"])
        #expect(codes("$\\alphax$") == ["unknown-command"])
    }

    @Test func extraMacrosAreAcceptedInAnyModeAndKeptAsSource() {
        #expect(codes("$\\E X$ and \\E", extraMacros: ["E"]).isEmpty)
        #expect(codes("$\\E X$", extraMacros: []) == ["unknown-command"])
        #expect(plain("$\\E X$") == "\\E X")
    }

    @Test func modeAwareness() {
        #expect(located("Let \\alpha be") == ["math-only-in-text 1:5"])
        #expect(first("math-only-in-text", in: "\\alpha")?.message == "`\\alpha` outside math: did you forget `$`?")
        #expect(located("x^2 is") == ["math-only-in-text 1:2"])
        #expect(located("a_b") == ["math-only-in-text 1:2"])
        #expect(located("$\\emph{x}$") == ["text-only-in-math 1:2"])
        #expect(located("$\\item x$") == ["text-only-in-math 1:2"])
        // Text inside math is text again.
        #expect(codes("$x \\text{for \\emph{all} $y$}$").isEmpty)
        #expect(codes("\\ldots{} and $\\ldots$").isEmpty)
    }

    @Test func specialCharacters() {
        #expect(located("Tom & Jerry") == ["special-character-in-text 1:5"])
        #expect(first("special-character-in-text", in: "Tom & Jerry")?.fix == "write `\\&`")
        #expect(located("item #3") == ["special-character-in-text 1:6"])
        #expect(codes("\\begin{tabular}{cc} a & b \\end{tabular}").isEmpty)
        #expect(codes("$\\begin{pmatrix} a & b \\end{pmatrix}$").isEmpty)
        #expect(codes("Tom \\& Jerry, \\#3, 50\\%").isEmpty)
    }

    @Test func commentWarning() throws {
        let diagnostic = try #require(first("comment", in: "a 5% gain in accuracy over the previous best results\nnext"))
        #expect(diagnostic.severity == .warning)
        #expect(diagnostic.position.column == 4)
        #expect(diagnostic.message == "`%` starts a comment that hides “ gain in accuracy over the pre…”")
        #expect(diagnostic.fix == "write `\\%` for a percent sign")
    }

    @Test func trailingBackslash() {
        #expect(located("end \\") == ["trailing-backslash 1:5"])
    }

    @Test func everyProblemSortedByPosition() {
        #expect(located("\\alpah } $x^a^b$ \\(") == [
            "unknown-command 1:1", "unmatched-brace 1:8", "double-superscript 1:14", "unclosed-math 1:18",
        ])
    }

    @Test func positionsCountScalarsAcrossLines() {
        // "é" is one scalar; "👍" is one scalar too, though two UTF-16 units.
        #expect(located("é👍 ok\n  é \\foo") == ["unknown-command 2:5"])
        #expect(first("unknown-command", in: "é👍 ok\n  é \\foo")?.position.offset == 10)
    }
}
