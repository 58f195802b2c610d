import Testing
@testable import SeminarFeeds

/// The web page is serialised piece by piece (`serialize(filling:count:to:with:)`) so that a
/// long history is never held as one tree; the bytes must be those of the whole tree.
@Suite struct MarkupTreeTests {
    /// A page with a header, a section of items and a footer; the items are added by
    /// `addItems` (at once, or while serialising).
    func page(items: [String], streamed: Bool) throws -> [UInt8] {
        let tree = try MarkupTree.html()
        let html = try tree.root("html", [("lang", "en")])
        let body = try tree.element("body", in: html)
        // Text that spells the placeholder's comment, before it (libxml2 writes `<` as is
        // in attribute values) and in the items.
        try tree.element("h1", [("title", "<!--placeholder 0--> <!--placeholder 1-->")], text: "Talks",
                         in: try tree.element("header", in: body))
        let section = try tree.element("section", [("id", "talks")], in: body)
        try tree.element("h2", text: "All", in: section)
        func add(_ i: Int) throws {
            let article = try tree.element("article", [("id", "item-\(i)"), ("title", items[i])], in: section)
            try tree.element("h3", text: items[i], in: article)
            try tree.element("p", text: "Abstract of " + items[i] + " with <b> & “quotes”", in: article)
        }
        if streamed {
            let slot = try tree.placeholder(in: section)
            try tree.element("footer", text: "Contact", in: body)
            let out = ByteCollector()
            try tree.serialize(filling: slot, count: items.count, to: out, with: add)
            return out.bytes
        }
        for i in items.indices { try add(i) }
        try tree.element("footer", text: "Contact", in: body)
        return try tree.serialize()
    }

    @Test func streamedPageIsTheWholeTreeByteForByte() throws {
        let items = ["One", "Two <!--placeholder 2-->", "Drei — ü", "Four"]
        let whole = String(decoding: try page(items: items, streamed: false), as: UTF8.self)
        let streamed = String(decoding: try page(items: items, streamed: true), as: UTF8.self)
        #expect(streamed == whole)
        #expect(streamed.contains("<article id=\"item-3\""))
        #expect(streamed.contains("title=\"<!--placeholder 0--> <!--placeholder 1-->\""))
    }

    @Test func noItemsLeavesTheSectionAsItWouldBe() throws {
        #expect(String(decoding: try page(items: [], streamed: true), as: UTF8.self) == String(decoding: try page(items: [], streamed: false), as: UTF8.self))
    }

    /// Where the formatter would treat the pieces differently from the whole tree, the
    /// streamed serialisation refuses rather than write other bytes.
    @Test func misuseIsRefused() throws {
        let tree = try MarkupTree.html()
        let body = try tree.element("body", in: try tree.root("html"))
        let notLast = try tree.placeholder(in: try tree.element("section", in: body))
        try tree.element("p", in: notLast.pointee.parent!)
        #expect(throws: PageMarkupError.self) { try tree.serialize(filling: notLast, count: 1, to: ByteCollector()) { _ in } }

        let inAList = try tree.placeholder(in: try tree.element("ul", in: body))
        #expect(throws: PageMarkupError.self) { try tree.serialize(filling: inAList, count: 1, to: ByteCollector()) { _ in } }

        let section = try tree.element("section", in: body)
        let textFirst = try tree.placeholder(in: section)
        #expect(throws: PageMarkupError.self) { try tree.serialize(filling: textFirst, count: 1, to: ByteCollector()) { _ in try tree.text("text", in: section) } }
    }

    /// The page holds names to the feed writer's rule: the same list as
    /// `XMLWriterTests.invalidNamesAreRefused`, where `a:b:c` was once accepted here.
    @Test(arguments: ["", "1p", "-p", "a b", "a:b:c", ":a", "a:", "p<", "é"])
    func invalidNamesAreRefused(_ name: String) throws {
        let tree = try MarkupTree.html()
        let html = try tree.root("html")
        #expect(throws: PageMarkupError.self) { try tree.element(name, in: html) }
        #expect(throws: PageMarkupError.self) { try tree.element("p", [(name, "v")], in: html) }
        // And what it must still take: a prefixed name, digits, `-` and `.` after the start.
        try tree.element("h2", [("xml:lang", "en"), ("data-x.y", "v")], in: html)
        // The same rule for names given as bytes.
        utf8(name) { name in
            #expect(throws: PageMarkupError.invalidName(String(decoding: name, as: UTF8.self), context: "document")) {
                try tree.element(utf8: name, in: html)
            }
            utf8("v") { value in
                #expect(throws: PageMarkupError.self) { try tree.attribute(utf8: name, value: value, on: html) }
            }
        }
    }

    /// `body` with the UTF-8 bytes of `text`.
    @discardableResult
    func utf8<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try Array(text.utf8).withUnsafeBufferPointer(body)
    }

    /// Names, attributes and text given as bytes (the page's formulas) make the same
    /// document as the same given as Strings, and are held to the same checks.
    @Test func bytesMakeTheSameTreeAsStrings() throws {
        let content: [(name: String, attributes: [(String, String)], text: String)] = [
            ("section", [("id", "s")], "a < b & “c”"),  // an HTML5 block: newlines around it
            ("math", [("display", "block"), ("title", "x \"<y>\" & z")], ""),
            ("mi", [], "é 😀"),
            ("mo", [("stretchy", "false")], "&lt;"),
        ]
        func page(bytes: Bool) throws -> [UInt8] {
            let tree = try MarkupTree.html()
            var parent = try tree.element("body", in: try tree.root("html"))
            for (name, attributes, text) in content {
                if bytes {
                    parent = try utf8(name) { try tree.element(utf8: $0, in: parent) }
                    for (key, value) in attributes {
                        try utf8(key) { key in try utf8(value) { try tree.attribute(utf8: key, value: $0, on: parent) } }
                    }
                    try utf8(text) { try tree.text(utf8: $0, in: parent) }
                } else {
                    parent = try tree.element(name, attributes, text: text, in: parent)
                }
            }
            return try tree.serialize()
        }
        let fromStrings = try page(bytes: false)
        #expect(try page(bytes: true) == fromStrings)
        #expect(String(decoding: fromStrings, as: UTF8.self).contains("<mo stretchy=\"false\">&amp;lt;</mo>"))

        let tree = try MarkupTree.html()
        let html = try tree.root("html")
        utf8("bad \u{1}") { bad in
            #expect(throws: PageMarkupError.forbiddenCharacter(codePoint: 1, text: "bad \u{1}", context: "document")) {
                try tree.text(utf8: bad, in: html)
            }
            utf8("title") { name in
                #expect(throws: PageMarkupError.forbiddenCharacter(codePoint: 1, text: "bad \u{1}", context: "document")) {
                    try tree.attribute(utf8: name, value: bad, on: html)
                }
            }
        }
    }

    @Test func anErrorWhileFillingIsThrown() throws {
        let tree = try MarkupTree.html()
        let section = try tree.element("section", in: try tree.root("html"))
        let slot = try tree.placeholder(in: section)
        #expect(throws: PageMarkupError.self) {
            try tree.serialize(filling: slot, count: 2, to: ByteCollector()) { i in try tree.element("p", text: i == 0 ? "fine" : "bad \u{1}", in: section) }
        }
    }
}
