import FeedTestSupport
import Testing
@testable import LaTeX

@Suite("Checker: link targets")
struct LinkTargetTests {
    @Test func hrefWithoutSchemeIsAnErrorAtTheURL() throws {
        let diagnostic = try #require(first("invalid-url", in: "See \\href{x.org}{click}."))
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.position == SourcePosition(offset: 10, line: 1, column: 11))
        #expect(diagnostic.length == 5)
        #expect(diagnostic.message == "`x.org` in `\\href` is not an absolute http or https URL, so the HTML has no link")
        #expect(diagnostic.fix == "write `https://x.org`")
        #expect(codes("See \\href{x.org}{click}.") == ["invalid-url"])
    }

    @Test func scriptAndDataURLsAreErrors() {
        #expect(located("\\href{javascript:alert(1)}{click}") == ["invalid-url 1:7"])
        #expect(located("\\href{data:text/html,hi}{d}") == ["invalid-url 1:7"])
        #expect(located("a\n  \\url{javascript:alert(1)}") == ["invalid-url 2:8"])
        #expect(located("\\url{JavaScript:x} \\url{ftp://x.org}") == ["invalid-url 1:6", "invalid-url 1:25"])
        #expect(first("invalid-url", in: "\\href{javascript:alert(1)}{click}")?.fix
            == "link to an `https://` or `http://` address (or `mailto:`)")
    }

    @Test func httpHTTPSAndMailtoAreFineInAnyCase() {
        #expect(codes("\\href{https://x.org}{a} \\url{http://x.org} \\href{mailto:a@b.org}{mail} \\url{HTTPS://X.ORG}").isEmpty)
        #expect(codes("\\url{MailTo:a@b.org}").isEmpty)
    }

    @Test func emptyURLPointsAtTheBraces() {
        let diagnostics = LaTeXChecker.check("\\href{}{text}")
        #expect(diagnostics.map { "\($0.code) \($0.position.column)+\($0.length)" } == ["invalid-url 6+2"])
        #expect(diagnostics.first?.message == "empty URL in `\\href`: not an absolute http or https URL, so the HTML has no link")
    }

    @Test func fixesName() {
        let fixes = [
            "x.org": "write `https://x.org`",
            "www.epfl.ch/page?a=1#b": "write `https://www.epfl.ch/page?a=1#b`",
            "x.org:8080": "write `https://x.org:8080`",
            "//x.org/a": "write `https://x.org/a`",
            "http:/x.org": "write `http://x.org`",
            "https//x.org": "write `https://x.org`",
            "HTTP:x.org": "write `http://x.org`",
            " https://x.org": "write `https://x.org`",
            "someone@epfl.ch": "write `mailto:someone@epfl.ch`",
            "slides.pdf": "write the full address, starting with `https://`",
            "/talks/1": "write the full address, starting with `https://`",
            "x.org/a b": "write the full address, starting with `https://`",
            "localhost": "write the full address, starting with `https://`",
            "data:text/html,hi": "link to an `https://` or `http://` address (or `mailto:`)",
            "": "write the full address, as in `https://example.org`",
        ]
        for (url, fix) in fixes {
            #expect(LinkCheck.fix(for: url) == fix, "\(url)")
        }
    }

    @Test func longOrMultilineURLsKeepTheMessageOnOneLine() throws {
        let url = "data:" + String(repeating: "a", count: 100) + "\nb"
        let diagnostic = try #require(first("invalid-url", in: "\\url{\(url)}"))
        #expect(!diagnostic.message.contains("\n"))
        #expect(diagnostic.message.hasPrefix("`data:" + String(repeating: "a", count: 55) + "…`"))
        #expect(diagnostic.length == url.unicodeScalars.count)
    }

    @Test func missingOrUnclosedURLsAreReportedOnlyAsSuch() {
        #expect(codes("\\url") == ["missing-argument"])
        #expect(codes("\\url{x.org") == ["unclosed-brace"])
    }

    @Test func inMathTheURLIsCheckedToo() {
        #expect(codes("$\\url{x.org}$") == ["text-only-in-math", "invalid-url"])
        #expect(codes("$\\url{https://x.org}$") == ["text-only-in-math"])
    }

    /// The checker reports every target the HTML rendering makes no link of, and more: the
    /// renderer links by scheme alone, the checker holds the URL to the whole rule (an
    /// `https://` with no host is reported, though the renderer would link it).
    @Test(arguments: [
        "https://x.org", "http://x.org/a", "HTTPS://x.org", "mailto:a@b.org", "https://", "mailto:",
        "x.org", "javascript:alert(1)", " JAVASCRIPT:x", "data:text/html,hi", "ftp://x", "", " https://x.org",
        "//x.org", "/relative", "a@b.org", "httpx://x.org", "https:/x.org", "İhttps://x",
    ])
    func checkerAndRendererAgree(_ url: String) {
        for source in ["\\url{\(url)}", "\\href{\(url)}{text}"] {
            let linked = HTMLRenderer.fragment(source).nodes.contains { node in
                if case .element(_, _, let children) = node {
                    return children.contains { if case .element("a", _, _) = $0 { true } else { false } }
                }
                return false
            }
            let reported = codes(source).contains("invalid-url")
            #expect(reported == (!linked || url == "https://" || url == "mailto:"), "\(source)")
        }
    }
}

@Suite("Checker: wrapping math-only commands in $…$")
struct MathWrappingTests {
    func fix(_ source: String) -> String? { first("math-only-in-text", in: source)?.fix }

    @Test func argumentsAsWritten() {
        #expect(fix("Each wins with probability \\frac{1}{2} here.") == "write `$\\frac{1}{2}$`")
        #expect(fix("the mean \\bar{x} of") == "write `$\\bar{x}$`")
        #expect(fix("\\frac12 and") == "write `$\\frac12$`")
        #expect(fix("\\bar x y") == "write `$\\bar x$`")
        #expect(fix("\\frac {a} {b} c") == "write `$\\frac {a} {b}$`")
        #expect(fix("on \\mathbb{R} only") == "write `$\\mathbb{R}$`")
        #expect(fix("Let \\alpha be") == "write `$\\alpha$`")
    }

    @Test func optionalArgumentsAndScripts() {
        #expect(fix("\\sqrt[3]{x} is") == "write `$\\sqrt[3]{x}$`")
        #expect(fix("the sum \\sum_{i}^n x") == "write `$\\sum_{i}^n$`")
        #expect(fix("\\int_0^1 f") == "write `$\\int_0^1$`")
        #expect(fix("on \\mathbb{R}^d.") == "write `$\\mathbb{R}^d$`")
        #expect(fix("\\sum _i") == "write `$\\sum _i$`")
        #expect(fix("\\sum^\\infty x") == "write `$\\sum^\\infty$`")
        // Not scripts: a `^` after a space-separated word, or with nothing after it.
        #expect(fix("\\alpha ^") == "write `$\\alpha$`")
        #expect(fix("\\alpha and x^2") == "write `$\\alpha$`")
    }

    @Test func positionIsStillTheCommandName() throws {
        let diagnostic = try #require(first("math-only-in-text", in: "ok \\frac{1}{2}"))
        #expect(diagnostic.position.column == 4)
        #expect(diagnostic.length == 5)
        #expect(diagnostic.message == "`\\frac` outside math: did you forget `$`?")
    }

    @Test func longMultilineOrIncompleteSlicesShowTheShape() {
        let long = "\\frac{a numerator long enough to pass sixty characters}{and more}"
        #expect(fix(long) == "wrap `\\frac{…}{…}` in `$…$`")
        #expect(fix("\\frac{1}\n{2}") == "wrap `\\frac{…}{…}` in `$…$`")
        #expect(fix("\\frac{1}") == "wrap `\\frac{…}{…}` in `$…$`")
        #expect(fix("\\sqrt[3]{x\n}") == "wrap `\\sqrt[…]{…}` in `$…$`")
        #expect(fix("\\sum_{i = 1, \\dots, n, over every index of the long family}^{N}") == "wrap `\\sum_{…}^{…}` in `$…$`")
        // A slice with math of its own cannot simply be wrapped.
        #expect(fix("\\frac{$x$}{2}") == "wrap `\\frac{…}{…}` in `$…$`")
        // Exactly sixty scalars still fit.
        let sixty = "\\frac{" + String(repeating: "a", count: 50) + "}{b}"
        #expect(sixty.unicodeScalars.count == 60)
        #expect(fix(sixty) == "write `$\(sixty)$`")
        #expect(fix("\\frac{" + String(repeating: "a", count: 51) + "}{b}") == "wrap `\\frac{…}{…}` in `$…$`")
    }

    @Test func nestedInTextCommands() {
        #expect(fix("\\emph{\\frac{1}{2}}") == "write `$\\frac{1}{2}$`")
        #expect(fix("\\emph{\\sum_i x}") == "write `$\\sum_i$`")
    }
}
