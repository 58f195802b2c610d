import FeedTestSupport
import Testing
@testable import LaTeX

@Suite("HTML rendering")
struct HTMLTests {
    @Test func paragraphs() {
        #expect(html("one") == [p(.text("one"))])
        #expect(html("one\n\ntwo") == [p(.text("one")), p(.text("two"))])
        #expect(html("").isEmpty)
    }

    @Test func inlineMathWithItalicLettersAndScripts() {
        #expect(html("Let $x_i^2$ be") == [p(.text("Let "), math(i("x"), element("sub", i("i")), element("sup", .text("2"))), .text(" be"))])
        #expect(html("$\\alpha + 1$") == [p(math(.text("α + 1")))])
        // Scripts are always elements, even when Unicode has the characters.
        #expect(html("$2^{10}$") == [p(math(.text("2"), element("sup", .text("10"))))])
        #expect(html("$\\mathbb{R}^d$") == [p(math(.text("ℝ"), element("sup", i("d"))))])
    }

    @Test func displayMathBreaksParagraphs() {
        let display = HTMLNode.element("div", attributes: [HTMLAttribute(name: "class", value: "math display")], children: [i("x")])
        #expect(html("a $$x$$ b") == [p(.text("a")), display, p(.text("b"))])
    }

    @Test func styles() {
        #expect(html("\\emph{a} \\textit{b} \\textbf{c} \\texttt{d}") == [
            p(element("em", .text("a")), .text(" "), element("em", .text("b")), .text(" "), element("strong", .text("c")),
              .text(" "), element("code", .text("d"))),
        ])
    }

    @Test func linksOnlyForSafeSchemes() {
        let link = HTMLNode.element("a", attributes: [HTMLAttribute(name: "href", value: "https://x.org")], children: [.text("site")])
        #expect(html("\\href{https://x.org}{site}") == [p(link)])
        #expect(html("\\href{javascript:alert(1)}{site}") == [p(.text("site"))])
        let mail = HTMLNode.element("a", attributes: [HTMLAttribute(name: "href", value: "mailto:a@b.c")], children: [.text("mailto:a@b.c")])
        #expect(html("\\url{mailto:a@b.c}") == [p(mail)])
        #expect(html("\\url{ftp://x}") == [p(.text("ftp://x"))])
        // The checker reports these (`invalid-url`); their rendering stays as it always was.
        #expect(html("\\href{x.org}{click}") == [p(.text("click"))])
        #expect(html("\\href{data:text/html,hi}{d}") == [p(.text("d"))])
        #expect(html("\\url{javascript:alert(1)}") == [p(.text("javascript:alert(1)"))])
    }

    @Test func lists() {
        #expect(html("Intro\n\\begin{itemize}\\item a \\item \\emph{b}\\end{itemize}") == [
            p(.text("Intro")), element("ul", element("li", .text("a")), element("li", element("em", .text("b")))),
        ])
        #expect(html("\\begin{enumerate}\\item a\\end{enumerate}") == [element("ol", element("li", .text("a")))])
    }

    @Test func unknownCommandsStayAsText() {
        #expect(html("a \\foo{x}") == [p(.text("a \\foo{x}"))])
    }

    @Test func noEscaping() {
        #expect(html("a < b & c") == [p(.text("a < b & c"))])
    }
}

@Suite("LaTeXDocument")
struct DocumentTests {
    static let sources = [
        "Let $x_i^2$ be \\emph{G\\\"odel}'s $\\frac{a+b}{2}$.\n\n$$\\sum_{i=1}^n i$$ \\begin{itemize}\\item a\\end{itemize}",
        "costs $5 and \\alpah } \\href{https://x.org}{site}\\footnote{x}",
        "$\\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}$ ${}$ tail",
    ]

    @Test(arguments: sources)
    func oneParseGivesTheSameResults(_ source: String) {
        let document = LaTeXDocument(source)
        #expect(document.diagnostics() == LaTeXChecker.check(source))
        #expect(document.plainText() == PlainTextRenderer.render(source))
        #expect(document.renderings().html.nodes == HTMLRenderer.render(source))
        let (text, html) = document.renderings()
        #expect(text == PlainTextRenderer.render(source))
        #expect(html.nodes == HTMLRenderer.render(source))
        #expect(html == HTMLRenderer.fragment(source))
        let (sameText, sameHTML, mathML) = document.renderingsWithMathML()
        #expect(sameText == text && sameHTML == html)
        #expect(mathML == MathMLRenderer.fragment(source))
    }

    /// The one walk that gives the three renderings gives what the three walks give, on
    /// every abstract of the corpus, valid and broken.
    @Test func oneWalkWithMathMLGivesTheSameResultsOnTheCorpus() throws {
        for (directory, names) in [(Corpus.validDirectory, Corpus.valid), (Corpus.brokenDirectory, Corpus.broken)] {
            for name in names {
                let source = try Corpus.read(directory, name, "tex")
                let (text, html, mathML) = LaTeXDocument(source).renderingsWithMathML()
                #expect(text == PlainTextRenderer.render(source), "\(name)")
                #expect(html == HTMLRenderer.fragment(source), "\(name)")
                #expect(mathML == MathMLRenderer.fragment(source), "\(name)")
            }
        }
    }

    @Test func aFragmentIsItsNodesEventByEvent() {
        let fragment = HTMLRenderer.fragment("See \\href{https://x.org}{$x_k$}\\\\ done")
        let math = [HTMLAttribute(name: "class", value: "math")]
        #expect(Array(fragment) == [
            .start(name: "p", attributes: []), .text("See "),
            .start(name: "a", attributes: [HTMLAttribute(name: "href", value: "https://x.org")]),
            .start(name: "span", attributes: math), .start(name: "i", attributes: []), .text("x"), .end,
            .start(name: "sub", attributes: []), .start(name: "i", attributes: []), .text("k"), .end, .end, .end,
            .end, .start(name: "br", attributes: []), .end, .text("done"), .end,
        ])
        // Built from the nodes, strings are stored rather than shared: the same events.
        #expect(HTMLFragment(fragment.nodes) == fragment)
        #expect(HTMLFragment(fragment.nodes).nodes == fragment.nodes)
        #expect(HTMLFragment([]).isEmpty)
    }

    @Test func borrowedEventsLendTheSameStringsAsBytes() {
        let fragment = HTMLRenderer.fragment("See \\href{https://x.org}{$x_k$}\\\\ done")
        var lent: [String] = []
        fragment.forEachBorrowedEvent { event in
            func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }
            switch event {
            case let .start(name): lent.append("<" + text(name))
            case let .attribute(name, value): lent.append(text(name) + "=" + text(value))
            case let .text(content): lent.append(text(content))
            case .end: lent.append(">")
            }
        }
        var expected: [String] = []
        for event in fragment {
            switch event {
            case let .start(name, attributes): expected += ["<" + name] + attributes.map { $0.name + "=" + $0.value }
            case let .text(content): expected.append(content)
            case .end: expected.append(">")
            }
        }
        #expect(lent == expected)
        #expect(lent.contains("class=math") && lent.contains("<sub") && lent.contains("href=https://x.org"))
    }
}
