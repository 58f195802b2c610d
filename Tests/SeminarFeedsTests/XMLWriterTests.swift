import FeedTestSupport
import LaTeX
import Testing
@testable import SeminarFeeds

@Suite struct XMLWriterTests {
    @Test func indentationIsTwoSpacesAndTextStaysOnItsLine() throws {
        let w = try XMLWriter(indent: true)
        try w.startDocument()
        try w.processingInstruction("xml-stylesheet", XMLPseudoAttributes.stylesheet(href: "s.xsl"))
        try w.startElement("root")
        try w.namespace(prefix: nil, uri: "urn:x")
        try w.namespace(prefix: "p", uri: "urn:p")
        try w.startElement("outer")
        try w.element("leaf", "a < b & c > d", attributes: [("q", #""'<&>"#)])
        try w.emptyElement("p:empty", attributes: [])
        try w.endElement()
        try w.endElement()
        try w.endDocument()
        #expect(String(decoding: try w.bytes(), as: UTF8.self) == """
            <?xml version="1.0" encoding="UTF-8"?>
            <?xml-stylesheet type="text/xsl" href="s.xsl"?>
            <root xmlns="urn:x" xmlns:p="urn:p">
              <outer>
                <leaf q="&quot;'&lt;&amp;&gt;">a &lt; b &amp; c &gt; d</leaf>
                <p:empty/>
              </outer>
            </root>

            """)
    }

    @Test func htmlFragmentsKeepVoidElementsShortAndEveryOtherElementClosed() throws {
        let nodes: [HTMLNode] = [
            .text("top & <level>"),
            .element("p", attributes: [], children: []),
            .element("p", attributes: [], children: [
                .text("line"), .element("br", attributes: [], children: []),
                .element("a", attributes: [HTMLAttribute(name: "href", value: "https://e.org/?a=1&b=\"2\"")], children: [.text("x]]>y")]),
            ]),
        ]
        #expect(try XMLWriter.html(HTMLFragment(nodes))
            == #"top &amp; &lt;level&gt;<p></p><p>line<br/><a href="https://e.org/?a=1&amp;b=&quot;2&quot;">x]]&gt;y</a></p>"#)
    }

    @Test(arguments: ["<p>a & b</p>", "x]]>y", "]]>", "a]]>]]>b]]", "]]]>>", "é𝔼 ]]"])
    func cdataSectionsReadBackAsTheTextWritten(_ content: String) throws {
        let w = try XMLWriter(indent: true)
        try w.startDocument()
        try w.startElement("root")
        try w.startElement("html")
        try w.cdata(content)
        try w.endElement()
        try w.endElement()
        try w.endDocument()
        let bytes = try w.bytes()
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("<html><![CDATA["), "\(text)")
        // libxml2 parses it back (a `]]>` left inside a section would end it early) to
        // exactly the text written, in one text node as a reader sees it.
        let doc = try ParsedXML(bytes)
        #expect(doc.string("/root/html") == content)
    }

    @Test func cdataRefusesForbiddenCharactersAndTheTopLevel() throws {
        let w = try XMLWriter(indent: false)
        try w.startElement("p")
        #expect(throws: FeedWriterError.self) { try w.cdata("bell \u{7}") }
        try w.endElement()
        #expect(throws: FeedWriterError.self) { try w.cdata("outside") }
    }

    @Test func nonASCIITextIsWrittenAsUTF8() throws {
        let html = try XMLWriter.html(nodes: [.element("p", attributes: [], children: [.text("Émilie — “quoted” 𝔼")])])
        #expect(html == "<p>Émilie — “quoted” 𝔼</p>")
    }

    @Test(arguments: ["", "1p", "-p", "a b", "a:b:c", ":a", "a:", "p<", "é"])
    func invalidNamesAreRefused(_ name: String) throws {
        let w = try XMLWriter(indent: false)
        #expect(throws: FeedWriterError.self) { try w.startElement(name) }
        #expect(throws: FeedWriterError.self) {
            try XMLWriter.html(nodes: [.element("p", attributes: [HTMLAttribute(name: name, value: "v")], children: [])])
        }
    }

    @Test func fragmentsWithUnbalancedEventsAreClosedOrRefused() throws {
        var open = HTMLFragment()
        open.startElement("p")
        open.appendText("a")
        open.startElement("br")
        // Left open: ended with the fragment, as `nodes` reads it.
        #expect(try XMLWriter.html(open) == "<p>a<br/></p>")
        #expect(open.nodes == [.element("p", attributes: [], children: [.text("a"), .element("br", attributes: [], children: [])])])
        var stray = HTMLFragment()
        stray.appendText("a")
        stray.endElement()
        #expect(throws: FeedWriterError.self) { try XMLWriter.html(stray) }
        // A fragment cannot end what the one before it started.
        var starts = HTMLFragment()
        starts.startElement("p")
        var ends = HTMLFragment()
        ends.endElement()
        #expect(try XMLWriter.html(starts) == "<p></p>")
        #expect(throws: FeedWriterError.self) { try XMLWriter.html(starts, ends) }
    }

    @Test func misuseIsReported() throws {
        let w = try XMLWriter(indent: false)
        #expect(throws: FeedWriterError.misuse("endElement with no element open")) { try w.endElement() }
        try w.startDocument()
        try w.startElement("a")
        #expect(throws: FeedWriterError.self) { try w.endDocument() }
        #expect(throws: FeedWriterError.self) { try w.processingInstruction("pi", "ends ?> early") }
        #expect(throws: FeedWriterError.self) { try w.processingInstruction("XML", "reserved") }
        #expect(throws: FeedWriterError.self) {
            try XMLWriter.html(nodes: [.element("br", attributes: [], children: [.text("no")])])
        }
    }
}

@Suite struct CharacterCheckTests {
    /// Every forbidden character at every offset of a long text (the check reads eight
    /// bytes at a time) is found where it is; allowed neighbours never are.
    @Test func forbiddenCharactersAreFoundAtEveryOffset() throws {
        // Allowed text, including U+FFFD and U+EFFF whose UTF-8 starts with 0xEF like
        // U+FFFE and U+FFFF.
        let fine = "Ab é—𝔼\t\n\r\u{FFFD}\u{EFFF}xyz "
        for scalar: UInt32 in [0x00, 0x01, 0x08, 0x0B, 0x1F, 0xFFFE, 0xFFFF] {
            for lead in ["", "é", "\u{FFFD}"] {
                for offset in 0..<24 {
                    let before = lead + String(repeating: "a", count: offset)
                    let text = before + String(Character(Unicode.Scalar(scalar)!)) + fine
                    #expect(throws: FeedWriterError.forbiddenCharacter(scalar: scalar, utf8Offset: before.utf8.count, place: "test")) {
                        try checkCharacters(text, place: "test")
                    }
                }
            }
        }
        try checkCharacters(String(repeating: fine, count: 100), place: "test")
    }
}

extension XMLWriter {
    /// The nodes as HTML text, as `html(_: HTMLFragment...)` writes them.
    static func html(nodes: [HTMLNode]) throws(FeedWriterError) -> String {
        try html(HTMLFragment(nodes))
    }
}
