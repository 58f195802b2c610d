import FeedTestSupport
import LaTeX
import Testing
@testable import SeminarFeeds

/// Presentations keep the abstract's HTML as bytes (`CompactHTML`); the web page walks the
/// fragment they give back.
@Suite struct CompactHTMLTests {
    @Test func nodesComeBackAsTheyWere() {
        let long = String(repeating: "é and 𝔼 ", count: 300)  // lengths past one LEB128 byte
        let nodes: [HTMLNode] = [
            .text("top"),
            .element("p", attributes: [], children: []),
            .element("p", attributes: [HTMLAttribute(name: "class", value: "x"), HTMLAttribute(name: "title", value: "")], children: [
                .text(""), .text(long),
                .element("span", attributes: [HTMLAttribute(name: "class", value: "math")], children: [
                    .element("i", attributes: [], children: [.text("x")]),
                    .element("sub", attributes: [], children: [.element("i", attributes: [], children: [.text("k")])]),
                ]),
            ]),
            .element("br", attributes: [], children: []),
        ]
        #expect(CompactHTML(HTMLFragment(nodes)).fragment.nodes == nodes)
        #expect(CompactHTML(HTMLFragment()).fragment.isEmpty)
    }

    @Test func aRenderedAbstractSurvives() {
        let fragment = HTMLRenderer.fragment("Let $x_{k+1} = x_k - \\eta \\nabla f(x_k)$ and \\emph{more}.\n\nSecond $\\frac{1}{\\sqrt{n}}$.")
        #expect(CompactHTML(fragment).fragment == fragment)
    }
}

extension CompactHTML {
    /// The fragment again.
    var fragment: HTMLFragment {
        var fragment = HTMLFragment()
        for event in self {
            switch event {
            case let .text(text): fragment.appendText(text)
            case let .start(name, attributes): fragment.startElement(name, attributes: attributes)
            case .end: fragment.endElement()
            }
        }
        return fragment
    }
}
