import FeedTestSupport
import Testing
@testable import LaTeX

/// One rule for every URL: a talk's link fields, `\url` and `\href`, the page's links.
@Suite struct URLRuleTests {
    static let refusedInEveryLink = [
        "https://exa mple.org", "https://example.org/\"><script>", "https://example.org/<b>", "https://x.org/a\u{2028}b",
        "https://x.org/\u{202E}fdp.exe", "https://x.org/\u{9B}", "https://", "https:///path",
    ]

    @Test func webURLs() {
        for good in ["https://epfl.zoom.us/j/1?pwd=x#y", "http://example.org", "HTTPS://example.org:8080/a", "https://[::1]/", "https://example.org/é"] {
            #expect(URLRule.isWebURL(good), "\(good)")
            #expect(URLRule.isLink(good), "\(good)")
        }
        for bad in Self.refusedInEveryLink + ["javascript:alert(1)", "data:text/html,x", "ftp://example.org", "//example.org",
                                              "/relative", "https://example.org:80x/", "mailto:a@b.org"] {
            #expect(!URLRule.isWebURL(bad), "\(bad)")
        }
        #expect(URLRule.isLink("mailto:a@b.org") && URLRule.isLink("MAILTO:a@b.org?subject=Hi"))
        #expect(!URLRule.isLink("mailto:") && !URLRule.isLink("mailto:a b@c.org"))
    }

    /// `\href` and `\url` accepted what the link fields refused; now the checker refuses
    /// the same, at the URL.
    @Test func theCheckerRefusesWhatTheLinkFieldsRefuse() throws {
        for url in Self.refusedInEveryLink {
            let source = "See \\href{\(url)}{here} and \\url{\(url)}."
            #expect(codes(source) == ["invalid-url", "invalid-url"], "\(url)")
        }
        let d = try #require(first("invalid-url", in: "\\href{https://x.org/a b}{t}"))
        #expect(d.position.column == 7)
        #expect(d.message.contains("is not a URL a link may have"))
        #expect(d.fix?.contains("%20") == true)
    }

    /// What the checker accepts renders as it always did: the renderer still links by
    /// scheme, so the documents of frozen years keep their bytes.
    @Test func acceptedLinksRenderAsBefore() {
        #expect(codes("\\href{https://x.org/a?b=1&c=2#d}{t}").isEmpty)
        let link = HTMLNode.element("a", attributes: [HTMLAttribute(name: "href", value: "https://x.org/a b")], children: [.text("t")])
        #expect(HTMLRenderer.render("\\href{https://x.org/a b}{t}") == [.element("p", attributes: [], children: [link])])
    }
}
