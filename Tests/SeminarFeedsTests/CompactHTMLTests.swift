import FeedTestSupport
import Foundation
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

    /// Elements of the classes given keep their start, attributes and end, and nothing of
    /// what they hold; every other event is kept as it was.
    @Test func emptiedElementsKeepOnlyTheirStartAndEnd() {
        let math = HTMLAttribute(name: "class", value: "math")
        func span(_ attributes: [HTMLAttribute], _ children: [HTMLNode]) -> HTMLNode {
            .element("span", attributes: attributes, children: children)
        }
        let inner: [HTMLNode] = [.element("i", attributes: [HTMLAttribute(name: "title", value: "t")], children: [.text("x")]), .text("+1")]
        let nodes: [HTMLNode] = [
            .text("a "),
            span([math, HTMLAttribute(name: "title", value: "kept")], inner),
            .element("p", attributes: [HTMLAttribute(name: "class", value: "mathematics")], children: inner),
            .element("em", attributes: [], children: [span([math], [span([math], inner)]), .text(" b")]),
            .element("div", attributes: [HTMLAttribute(name: "class", value: "math display")], children: inner),
        ]
        let expected: [HTMLNode] = [
            .text("a "),
            span([math, HTMLAttribute(name: "title", value: "kept")], []),
            .element("p", attributes: [HTMLAttribute(name: "class", value: "mathematics")], children: inner),
            .element("em", attributes: [], children: [span([math], []), .text(" b")]),
            .element("div", attributes: [HTMLAttribute(name: "class", value: "math display")], children: []),
        ]
        let fragment = HTMLFragment(nodes)
        #expect(CompactHTML(fragment, emptyingClasses: WebPageTalk.mathClassesUTF8).fragment.nodes == expected)
        #expect(CompactHTML(fragment, emptyingClasses: []).fragment.nodes == nodes)
    }

    /// The page replaces each math element by the formula the same walk made of it, so a
    /// presentation keeps math elements empty; the page's bytes do not change, for any
    /// valid abstract of the LaTeX corpus.
    @Test func thePageIsTheSameWithMathElementsEmptied() throws {
        let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("LaTeXTests/Fixtures/corpus/valid")
        let names = try FileManager.default.contentsOfDirectory(atPath: corpus.path).filter { $0.hasSuffix(".tex") }.sorted()
        #expect(names.count >= 200)
        var emptiedSomewhere = false
        for name in names {
            let source = try String(contentsOf: corpus.appendingPathComponent(name), encoding: .utf8)
            let (_, html, mathML) = LaTeXDocument(source).renderingsWithMathML(linkingBareURLs: true)
            func page(_ abstract: CompactHTML) throws -> [UInt8] {
                let tree = try MarkupTree.html()
                let body = try tree.element("body", in: try tree.root("html"))
                try WebPageTalk.appendHTML(abstract, formulas: CompactHTML(mathML), tree: tree, in: body)
                return try tree.serialize()
            }
            let full = CompactHTML(html), emptied = CompactHTML(html, emptyingClasses: WebPageTalk.mathClassesUTF8)
            emptiedSomewhere = emptiedSomewhere || emptied.fragment.count < full.fragment.count
            #expect(try page(emptied) == page(full), "\(name)")
        }
        #expect(emptiedSomewhere)
    }

    /// Names and values that are among `CompactHTML.words` take one byte; texts are spelt
    /// out whatever they say. Both readings, the events and the borrowed records, give
    /// every word back.
    @Test func namesAndValuesThatAreWordsTakeOneByte() throws {
        var mi = HTMLFragment()
        mi.startElement("mi", attributes: [HTMLAttribute(name: "mathvariant", value: "normal")])
        mi.appendText("mi")
        mi.endElement()
        // start and word; attribute, word and word; text, length and "mi"; end.
        #expect(CompactHTML(mi).bytes.count == 2 + 3 + 4 + 1)

        var every = HTMLFragment()
        for word in CompactHTML.words {
            every.startElement(word, attributes: [HTMLAttribute(name: word, value: word), HTMLAttribute(name: "not-a-word", value: word + "s")])
            every.appendText(word)
            every.endElement()
        }
        let compact = CompactHTML(every)
        #expect(compact.fragment == every)
        var borrowed: [String] = []
        var pieces = compact.pieces()
        while try pieces.next({ record in
            switch record {
            case let .text(text): borrowed.append("text " + String(decoding: text, as: UTF8.self))
            case let .start(name): borrowed.append("start " + String(decoding: name, as: UTF8.self))
            case let .attribute(name, value):
                borrowed.append("attribute " + String(decoding: name, as: UTF8.self) + "=" + String(decoding: value, as: UTF8.self))
            case .end: borrowed.append("end")
            }
        }) {}
        #expect(borrowed == CompactHTML.words.flatMap { ["start " + $0, "attribute \($0)=\($0)", "attribute not-a-word=\($0)s", "text " + $0, "end"] })
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
