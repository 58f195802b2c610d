import Testing
@testable import LaTeX

@Suite("Robustness: depth and size")
struct RobustnessTests {
    @Test func nestingLimitIsReportedOnceAtTheCrossingOpener() {
        let source = String(repeating: "{", count: 201) + "x" + String(repeating: "}", count: 201)
        #expect(located(source) == ["nesting-too-deep 1:201"])
        let rendered = plain(source)
        #expect(rendered.contains("x"))
        let exactly200 = String(repeating: "{", count: 200) + "x" + String(repeating: "}", count: 200)
        #expect(codes(exactly200).isEmpty)
        #expect(plain(exactly200) == "x")
    }

    @Test func hundredThousandOpenBracesDoNotCrash() {
        let source = String(repeating: "{", count: 100_000)
        let diagnostics = LaTeXChecker.check(source)
        #expect(diagnostics.contains { $0.code == "nesting-too-deep" && $0.position.column == 201 })
        #expect(diagnostics.filter { $0.code == "unclosed-brace" }.count == 200)
        #expect(plain(source).unicodeScalars.count <= 100_000 + 200)
        #expect(!html(source).isEmpty)
    }

    @Test func deepMathAndCommandsDoNotCrash() {
        for unit in ["\\sqrt", "x^{", "\\frac{", "\\left(", "$\\text{", "\\begin{itemize}", "\\emph{"] {
            let source = "$" + String(repeating: unit, count: 5_000) + "$"
            let diagnostics = LaTeXChecker.check(source)
            #expect(diagnostics.contains { $0.code == "nesting-too-deep" }, "\(unit)")
            _ = plain(source)
            _ = html(source)
        }
    }

    @Test func oneMegabyteAbstract() {
        let paragraph = "We prove that $\\|x_{k+1} - x^\\star\\| \\le \\frac{C}{\\sqrt{k}}$ for G\\\"odel's \\emph{favourite} map $f: \\mathbb{R}^d \\to \\mathbb{R}$.\n\n"
        let source = String(repeating: paragraph, count: 1_000_000 / paragraph.utf8.count + 1)
        #expect(source.utf8.count >= 1_000_000)
        #expect(LaTeXChecker.check(source).isEmpty)
        let rendered = plain(source)
        #expect(rendered.hasPrefix("We prove that ‖xₖ₊₁ - x^⋆‖ ≤ C/√k for Gödel’s favourite map f : ℝᵈ → ℝ."))
        #expect(html(source).count == 1_000_000 / paragraph.utf8.count + 1)
    }

    @Test func manyBrokenConstructs() {
        let source = String(repeating: "$x^ \\left( {} } \\end{a} \\\\[ & # % \n", count: 10_000)
        #expect(!LaTeXChecker.check(source).isEmpty)
        _ = plain(source)
        _ = html(source)
    }
}

@Suite("Parser tree")
struct ParserTests {
    @Test func treeShape() throws {
        let tree = LaTeXParser.parse("a $x^2$ \\emph{b}")
        let root = tree.children(of: tree.root).map { tree.nodes[Int($0)].kind }
        #expect(root == [.text, .math, .text, .command])
        let mathIndex = Int(tree.children(of: tree.root)[tree.children(of: tree.root).startIndex + 1])
        let scripts = try #require(tree.children(of: mathIndex).first)
        #expect(tree.nodes[Int(scripts)].kind == .scripts)
        #expect(tree.nodes[Int(scripts)].mode == .math)
    }

    @Test func lexerPositions() {
        var lexer = Lexer(Array("a\n \\bc{".unicodeScalars))
        var tokens: [Token] = []
        while true {
            let token = lexer.next()
            if token.kind == .endOfInput { break }
            tokens.append(token)
        }
        #expect(tokens.map(\.kind) == [.word, .space, .controlWord, .beginGroup])
        #expect(tokens[2].position == SourcePosition(offset: 3, line: 2, column: 2))
    }

    @Test func oneScalarArguments() {
        #expect(plain("$\\frac12$") == "1/2")
        #expect(plain("$x^23$") == "x²3")
    }

    @Test func commandTableDrivesBoth() {
        // Every table entry is reachable by its exact name.
        for (index, command) in CommandTable.commands.enumerated() {
            #expect(CommandTable.commandIndex(named: command.name) == index, "\(command.name)")
        }
    }
}

@Suite("Robustness: closers of over-deep openers")
struct SkippedCloserTests {
    @Test func environmentsPastTheLimitCloseQuietly() {
        let source = String(repeating: "\\begin{itemize}", count: 201) + String(repeating: "\\end{itemize}", count: 201)
        #expect(codes(source) == ["nesting-too-deep"])
    }

    @Test func leftsPastTheLimitCloseQuietly() {
        let source = "$" + String(repeating: "\\left(", count: 201) + String(repeating: "\\right)", count: 201) + "$"
        #expect(codes(source) == ["nesting-too-deep"])
    }
}
