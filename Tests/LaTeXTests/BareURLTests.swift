import FeedTestSupport
import Testing
@testable import LaTeX

/// A bare `http(s)://` address in prose becomes a link, as `\url{…}` makes one, when the
/// caller asks for it; the sentence keeps its closing punctuation.
@Suite struct BareURLTests {
    func linked(_ source: String) -> [HTMLNode] { HTMLRenderer.fragment(source, linkingBareURLs: true).nodes }
    func a(_ url: String) -> HTMLNode {
        .element("a", attributes: [HTMLAttribute(name: "href", value: url)], children: [.text(url)])
    }

    @Test func anAddressBecomesALinkLikeURL() {
        #expect(linked("See https://example.org/a--b?q=1 for more.") == [p(.text("See "), a("https://example.org/a--b?q=1"), .text(" for more."))])
        #expect(linked("See https://example.org/x") == linked("See \\url{https://example.org/x}"))
        #expect(linked("HTTP://EXAMPLE.ORG") == [p(a("HTTP://EXAMPLE.ORG"))])
        #expect(linked("Mixed hTtPs://Example.org") == [p(.text("Mixed "), a("hTtPs://Example.org"))])
        // Any case of the ASCII letters, and nothing that only looks like them.
        #expect(linked("http:\u{2215}\u{2215}x.org ʜttp://x.org HTTℙ://x.org") == [p(.text("http:∕∕x.org ʜttp://x.org HTTℙ://x.org"))])
    }

    @Test func closingPunctuationAndParenthesesStayOutside() {
        #expect(linked("(see https://example.org/x).") == [p(.text("(see "), a("https://example.org/x"), .text(")."))])
        #expect(linked("At https://en.wikipedia.org/wiki/Set(mathematics), a page.")
            == [p(.text("At "), a("https://en.wikipedia.org/wiki/Set(mathematics)"), .text(", a page."))])
        #expect(linked("Two: http://a.org; https://b.org!") == [p(.text("Two: "), a("http://a.org"), .text("; "), a("https://b.org"), .text("!"))])
        #expect(linked("“https://example.org/q”") == [p(.text("“"), a("https://example.org/q"), .text("”"))])
    }

    @Test func onlyWholeAddressesInProse() {
        #expect(linked("xhttp://example.org and http:// alone") == [p(.text("xhttp://example.org and http:// alone"))])
        #expect(linked("ftp://example.org") == [p(.text("ftp://example.org"))])
        // Cut by a character LaTeX treats apart (`\url{…}` is for those): no link cut short.
        #expect(linked("At https://example.org/a_b now").contains { "\($0)".contains("href") } == false)
    }

    /// Off (the default, and years frozen before links were made), the HTML is as before;
    /// on, the plain text shows the address as written, as for `\url{…}`.
    @Test func offByDefaultAndThePlainTextIsTheSame() {
        let source = "See https://example.org/x--y for more."
        #expect(HTMLRenderer.fragment(source).nodes == html(source))
        #expect(html(source) == [p(.text("See https://example.org/x–y for more."))])
        let document = LaTeXDocument(source)
        #expect(document.renderings().plainText == "See https://example.org/x–y for more.")
        #expect(document.renderings(linkingBareURLs: true).plainText == "See https://example.org/x--y for more.")
        #expect(document.renderings(linkingBareURLs: true).html.nodes == linked(source))
    }
}
