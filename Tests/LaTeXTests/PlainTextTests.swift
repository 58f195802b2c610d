import FeedTestSupport
import Testing
@testable import LaTeX

@Suite("Plain text: text mode")
struct PlainTextModeTests {
    @Test func whitespaceAndParagraphs() {
        #expect(plain("  a \t b\nc\n\n\nd  ") == "a b c\n\nd")
    }

    @Test func controlWordsSwallowSpaces() {
        #expect(plain("wait\\ldots and") == "wait…and")
        #expect(plain("wait\\ldots{} and") == "wait… and")
        #expect(plain("\\LaTeX\\ is") == "LaTeX is")
    }

    @Test func ligaturesAndSpecials() {
        #expect(plain("``quoted'' `single' pages 1--2 --- yes") == "“quoted” ‘single’ pages 1–2 — yes")
        #expect(plain("a~b") == "a\u{00A0}b")
        #expect(plain("line\\\\next") == "line\nnext")
        #expect(plain("\\% \\& \\$ \\# \\_ \\{ \\}") == "% & $ # _ { }")
        #expect(plain("\\dots \\textellipsis") == "……")
    }

    @Test func accentsCompose() {
        #expect(plain("G\\\"odel, Erd\\H{o}s, \\v{C}ech, \\'{e}t\\'e, Fran\\c{c}ois") == "Gödel, Erdős, Čech, été, François")
        #expect(plain("Sch\\\"{o}nhage, na\\\"\\i ve, \\~n") == "Schönhage, naïve, ñ")
        #expect(plain("\\ss \\o \\O \\ae \\AE \\oe \\aa \\AA \\l \\L \\i") == "ßøØæÆœåÅłŁı")
    }

    @Test func styles() {
        #expect(plain("\\emph{a} \\textit{b} \\textbf{c} \\texttt{d} \\textsc{e} \\underline{f} \\mbox{g} \\text{h}") == "a b c d e f g h")
    }

    @Test func linksFootnotesCitations() {
        #expect(plain("see \\url{https://x.org/a_b%20c}") == "see https://x.org/a_b%20c")
        #expect(plain("the \\href{https://x.org}{site}.") == "the site (https://x.org).")
        // Targets the checker reports (`invalid-url`) render as they always did.
        #expect(plain("\\href{x.org}{click}") == "click (x.org)")
        #expect(plain("\\url{javascript:alert(1)}") == "javascript:alert(1)")
        #expect(plain("known\\footnote{by Smith}.") == "known (by Smith).")
        #expect(plain("in \\cite{knuth84} and \\ref{sec:intro}") == "in [knuth84] and [sec:intro]")
    }

    @Test func lists() {
        #expect(plain("Topics:\n\\begin{itemize}\n\\item one\n\\item two\n\\end{itemize}\nEnd.") == "Topics:\n• one\n• two\nEnd.")
        #expect(plain("\\begin{enumerate}\\item a \\item b\\end{enumerate}") == "1. a\n2. b")
    }

    @Test func unknownCommandsKeepTheirSource() {
        #expect(plain("a \\foo{x} b") == "a \\foo{x} b")
        #expect(plain("a \\foo b") == "a \\foo b")
    }

    @Test func unknownEnvironmentsKeepTheirDelimitersAroundTheirBody() {
        #expect(plain("a \\begin{foo}x \\emph{y}\\end{foo} b") == "a \\begin{foo}x y\\end{foo} b")
        #expect(plain("$\\begin{bar}y^2\\end{bar}$") == "\\begin{bar}y²\\end{bar}")
        #expect(plain("\\begin{baz}\\end{baz}") == "\\begin{baz}\\end{baz}")
        #expect(plain("\\begin{qux} open") == "\\begin{qux} open")
        #expect(html("\\begin{foo}x\\end{foo}") == [.element("p", attributes: [], children: [.text("\\begin{foo}x\\end{foo}")])])
    }

    @Test func aSecondScriptOfOneBaseStaysAsWrittenNotReadAsPartOfTheFirst() {
        #expect(plain("$x^2^3$") == "x²^3")
        #expect(plain("$a_i_j$") == "aᵢ_j")
        #expect(plain("$x^{a}^{bc}$") == "xᵃ^{bc}")
        #expect(html("$x^2^3$") == [.element("p", attributes: [], children: [
            .element("span", attributes: [HTMLAttribute(name: "class", value: "math")], children: [
                .element("i", attributes: [], children: [.text("x")]), .element("sup", attributes: [], children: [.text("2")]), .text("^3"),
            ]),
        ])])
        // A script with no base at all is fine, and still a script.
        #expect(plain("$^{14}C$") == "¹⁴C")
    }

    @Test func commentsAreShownNotHidden() {
        #expect(plain("a 5% gain") == "a 5% gain")
    }

    @Test func brokenInputKeepsSource() {
        #expect(plain("costs $5 today") == "costs $5 today")
        #expect(plain("a \\emph{b") == "a b")
    }
}

@Suite("Plain text: math")
struct PlainMathTests {
    @Test func contractExamples() {
        #expect(plain("$[0,1)$") == "[0, 1)")
        #expect(plain("$p=1$") == "p = 1")
        #expect(plain("$f: \\mathbb{R}^d \\to \\mathbb{R}$") == "f : ℝᵈ → ℝ")
        #expect(plain("$x_{k+1}$") == "xₖ₊₁")
        #expect(plain("$n^{-1/2}$") == "n^(-1/2)")
        #expect(plain("$e^{i\\pi}$") == "e^(iπ)")
        #expect(plain("$x_\\alpha$") == "x_α")
        #expect(plain("$x_i^2$") == "xᵢ²")
        #expect(plain("$f'$ and $f''$") == "f′ and f″")
        #expect(plain("$\\frac{1}{2}$, $\\frac{a+b}{2}$, $\\frac{1}{\\sqrt{n}}$") == "1/2, (a + b)/2, 1/√n")
        #expect(plain("$\\sqrt{x}$ $\\sqrt{x+1}$ $\\sqrt[3]{x}$ $\\sqrt[4]{x}$ $\\sqrt[n]{x}$") == "√x √(x + 1) ∛x ∜x ⁿ√x")
        #expect(plain("$\\log n$, $\\log(n)$") == "log n, log(n)")
        #expect(plain("$\\sum_{i=1}^n x_i$") == "∑_(i=1)ⁿ xᵢ")
    }

    @Test func lettersStayUpright() {
        #expect(plain("$abc123$") == "abc123")
    }

    @Test func unaryAndBinary() {
        #expect(plain("$a - b$") == "a - b")
        #expect(plain("$-a$, $(-1)^n$, $x = -1$, $f(-x)$") == "-a, (-1)ⁿ, x = -1, f(-x)")
        #expect(plain("$a \\pm b \\times c \\cdot d$") == "a ± b × c · d")
    }

    @Test func scriptsAreTight() {
        #expect(plain("$2^{n+1}$") == "2ⁿ⁺¹")
        #expect(plain("$a_{i,j}$") == "a_(i,j)")
    }

    @Test func symbolsAndRelations() {
        #expect(plain("$\\alpha \\le \\beta \\ne \\gamma \\in \\Omega$") == "α ≤ β ≠ γ ∈ Ω")
        #expect(plain("$\\varepsilon \\epsilon \\varphi \\phi$") == "εϵφϕ")
        #expect(plain("$n \\to \\infty$") == "n → ∞")
        #expect(plain("$a := b$") == "a := b")
    }

    @Test func fontsUseLetterlikeHoles() {
        #expect(plain("$\\mathbb{NZQRC} \\mathbb{A}$") == "ℕℤℚℝℂ𝔸")
        #expect(plain("$\\mathcal{BEHLO} \\mathcal{e}$") == "ℬℰℋℒ𝒪ℯ")
        #expect(plain("$\\mathfrak{CHRg}$") == "ℭℌℜ𝔤")
        #expect(plain("$\\mathbf{x1} \\mathrm{d}x$ $\\operatorname{rank} A$") == "𝐱𝟏dx rank A")
    }

    @Test func accentsInMath() {
        #expect(plain("$\\hat{x} \\bar{x} \\tilde{a} \\vec{v} \\dot{x} \\ddot{x}$") == "x̂x̄ãv⃗ẋẍ")
        #expect(plain("$\\overline{AB}$") == "A̅B̅")
        #expect(plain("$\\hat{x+y}$") == "hat(x + y)")
    }

    @Test func delimitersAndSpacing() {
        #expect(plain("$\\left( \\frac{a}{b} \\right)$") == "(a/b)")
        #expect(plain("$\\left. x \\right|$") == "x|")
        #expect(plain("$\\langle x, y \\rangle$") == "⟨x, y⟩")
        #expect(plain("$\\lfloor x \\rfloor \\lceil y \\rceil \\{1\\}$") == "⌊x⌋⌈y⌉{1}")
        #expect(plain("$\\|x\\|$ $\\lVert x \\rVert$") == "‖x‖ ‖x‖")
        #expect(plain("$\\int_0^1 f(x)\\,dx$") == "∫₀¹ f(x) dx")
        #expect(plain("$a\\quad b\\qquad c\\!d$") == "a b  cd")
    }

    @Test func textInMath() {
        #expect(plain("$x \\text{ if } y$") == "x if y")
    }

    @Test func displayMath() {
        #expect(plain("Then $$x = 1$$ so") == "Then\nx = 1\nso")
        #expect(plain("Then \\[ a \\] so") == "Then\na\nso")
        #expect(plain("A\n\\begin{align} a &= b \\label{eq} \\\\ c &= d \\\\ \\end{align}\nB") == "A\na = b\nc = d\nB")
    }

    @Test func matricesAndCases() {
        #expect(plain("$\\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}$") == "(a, b; c, d)")
        #expect(plain("$\\begin{bmatrix} a & b \\\\ c & d \\end{bmatrix}$") == "[a, b; c, d]")
        #expect(plain("$\\begin{matrix} a & b \\\\ c & d \\end{matrix}$") == "a, b; c, d")
        #expect(plain("$\\begin{cases} a & x > 0 \\\\ b & \\text{otherwise} \\end{cases}$") == "{ a x > 0; b otherwise")
    }

    @Test func operatorNames() {
        #expect(plain("$\\sin^2 x + \\cos x$") == "sin² x + cos x")
        #expect(plain("$\\lim_{n \\to \\infty} a_n$") == "lim_(n→∞) aₙ")
        #expect(plain("$\\max\\{a, b\\}$") == "max{a, b}")
        #expect(plain("$\\sup |f|$ $\\log\\log n$ $\\log{n}$") == "sup|f| log log n log n")
    }
}
