// `@preconcurrency` because libxml2 exposes `xmlFree` as a global function-pointer
// variable, which Swift 6 otherwise refuses to read; libxml2 never changes it after
// start-up here (nobody calls xmlMemSetup).
@preconcurrency import CLibXML2
import LaTeX

/// A small, checked wrapper over libxml2's `xmlTextWriter`, writing into a `ByteSink` as
/// it goes (or into memory).
///
/// All escaping is libxml2's: this type never assembles markup from strings. What it adds:
/// every string is checked for characters XML 1.0 forbids before libxml2 sees it (libxml2
/// would write them as they are, giving a document no parser accepts), names are checked,
/// and every libxml2 return code is turned into a `FeedWriterError`.
///
/// Not thread-safe; make one per document.
public final class XMLWriter {
    private let writer: xmlTextWriterPtr
    /// What libxml2's output callback writes to; this writer keeps it alive.
    private let output: SinkConnection
    /// The sink of a writer made with `init(indent:)`, which `bytes()` reads.
    private let memory: ByteCollector?
    /// Names of the open elements, for error messages and to refuse unbalanced ends.
    private var open: [String] = []

    /// A writer into memory; `bytes()` gives the document.
    ///
    /// - Parameter indent: two spaces per level, newlines between elements. Leave it off
    ///   for mixed content such as HTML, where added whitespace would change the text.
    public convenience init(indent: Bool) throws(FeedWriterError) {
        let memory = ByteCollector()
        try self.init(indent: indent, sink: memory, memory: memory)
    }

    /// A writer handing the document to `sink` in chunks of a few kilobytes as it is
    /// written; `flush()` hands over the rest.
    public convenience init(indent: Bool, to sink: any ByteSink) throws(FeedWriterError) {
        try self.init(indent: indent, sink: sink, memory: nil)
    }

    private init(indent: Bool, sink: any ByteSink, memory: ByteCollector?) throws(FeedWriterError) {
        _ = libxml2Initialized
        let output = SinkConnection(sink)
        // Without an encoder libxml2 passes on the UTF-8 it writes, exactly as
        // xmlNewTextWriterMemory does with the same kind of output buffer.
        guard let buffer = output.outputBuffer() else {
            throw .libxml2(call: "xmlOutputBufferCreateIO", code: -1)
        }
        guard let writer = xmlNewTextWriter(buffer) else {
            xmlOutputBufferClose(buffer)
            throw .libxml2(call: "xmlNewTextWriter", code: -1)
        }
        self.writer = writer
        self.output = output
        self.memory = memory
        if indent {
            try call("xmlTextWriterSetIndent", xmlTextWriterSetIndent(writer, 1))
            try call("xmlTextWriterSetIndentString", withXMLChars("  ") { xmlTextWriterSetIndentString(writer, $0) })
        }
    }

    deinit {
        // Closing the output buffer flushes it: what is left of a document abandoned
        // half-way must not reach the sink.
        output.sink = nil
        xmlFreeTextWriter(writer)
    }

    // MARK: Document

    /// `<?xml version="1.0" encoding="UTF-8"?>`
    public func startDocument() throws(FeedWriterError) {
        try call("xmlTextWriterStartDocument", xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil))
    }

    /// Closes the document; every element must have been ended.
    public func endDocument() throws(FeedWriterError) {
        guard open.isEmpty else { throw .misuse("document ended with <\(open.joined(separator: "><"))> still open") }
        try call("xmlTextWriterEndDocument", xmlTextWriterEndDocument(writer))
    }

    /// `<?target content?>`, such as an `xml-stylesheet` instruction before the root.
    public func processingInstruction(_ target: String, _ content: String) throws(FeedWriterError) {
        let place = "processing instruction \(target)"
        try checkName(target, place: place)
        guard target.lowercased() != "xml" else { throw .invalidName(target, place: place) }
        try checkCharacters(content, place: place)
        // libxml2 does not look inside: "?>" would end the instruction early.
        guard !content.contains("?>") else { throw .misuse("`?>` inside the \(place)") }
        try call("xmlTextWriterWritePI", withXMLChars(target) { t in
            withXMLChars(content) { c in xmlTextWriterWritePI(writer, t, c) }
        })
    }

    // MARK: Elements

    /// Opens an element; `name` may carry a prefix declared with `namespace(prefix:uri:)`
    /// on this element or an ancestor, such as `atom:link`.
    public func startElement(_ name: String) throws(FeedWriterError) {
        try checkName(name, place: "element name")
        try call("xmlTextWriterStartElement", withXMLChars(name) { xmlTextWriterStartElement(writer, $0) })
        open.append(name)
    }

    /// Declares a namespace on the element just opened: `xmlns="uri"` when `prefix` is nil,
    /// else `xmlns:prefix="uri"`.
    public func namespace(prefix: String?, uri: String) throws(FeedWriterError) {
        try attribute(prefix.map { "xmlns:" + $0 } ?? "xmlns", uri)
    }

    /// An attribute of the element just opened; libxml2 escapes the value.
    public func attribute(_ name: String, _ value: String) throws(FeedWriterError) {
        // Built only when a check fails: this runs for every attribute of every entry.
        func place() -> String { "attribute \(name) of <\(open.last ?? "?")>" }
        try checkName(name, place: place())
        try checkCharacters(value, place: place())
        try call("xmlTextWriterWriteAttribute", withXMLChars(name) { n in
            withXMLChars(value) { v in xmlTextWriterWriteAttribute(writer, n, v) }
        })
    }

    /// Character data; libxml2 escapes `<`, `>`, `&` and carriage returns.
    public func text(_ content: String) throws(FeedWriterError) {
        try checkCharacters(content, place: "text of <\(open.last ?? "top level")>")
        if open.isEmpty {
            // xmlTextWriterWriteString escapes only inside an element: at the top level it
            // writes the string raw. Escape with libxml2's own function instead.
            try writeEscapedTopLevel(content)
        } else {
            try call("xmlTextWriterWriteString", withXMLChars(content) { xmlTextWriterWriteString(writer, $0) })
        }
    }

    /// Character data as CDATA sections, `<![CDATA[a < b]]>`: the same text to any parser
    /// as `text(_:)` gives, without an entity for every `<`, `>`, `&` and `"`. That makes
    /// escaped HTML (Atom `content type="html"`, RSS `description`) about half the size.
    /// libxml2 writes a section's content as it is, so a `]]>` inside is split across two
    /// sections (`]]` ends one, `>` starts the next), as XML 1.0 (2.7) requires.
    public func cdata(_ content: String) throws(FeedWriterError) {
        try checkCharacters(content, place: "text of <\(open.last ?? "top level")>")
        guard !open.isEmpty else { throw .misuse("a CDATA section outside any element") }
        var content = content
        // Byte offsets just after the `]]` of each `]]>`: ASCII, so always between characters.
        let cuts: [Int] = content.withUTF8 { u in
            var cuts: [Int] = []
            var i = 0
            while i + 2 < u.count {
                if u[i] == UInt8(ascii: "]"), u[i + 1] == UInt8(ascii: "]"), u[i + 2] == UInt8(ascii: ">") { cuts.append(i + 2) }
                i += 1
            }
            return cuts
        }
        func section(_ text: String) throws(FeedWriterError) {
            try call("xmlTextWriterWriteCDATA", withXMLChars(text) { xmlTextWriterWriteCDATA(writer, $0) })
        }
        guard !cuts.isEmpty else { return try section(content) }
        let bytes = Array(content.utf8)
        for (start, end) in zip([0] + cuts, cuts + [bytes.count]) where start < end {
            try section(String(decoding: bytes[start..<end], as: UTF8.self))
        }
    }

    /// Ends the innermost element, as `<name/>` when it is empty.
    public func endElement() throws(FeedWriterError) {
        guard open.popLast() != nil else { throw .misuse("endElement with no element open") }
        try call("xmlTextWriterEndElement", xmlTextWriterEndElement(writer))
    }

    /// Ends the innermost element always with an end tag, `<name></name>` when empty: HTML
    /// parsers read `<p/>` as an unclosed `<p>`.
    public func fullEndElement() throws(FeedWriterError) {
        guard open.popLast() != nil else { throw .misuse("fullEndElement with no element open") }
        try call("xmlTextWriterFullEndElement", xmlTextWriterFullEndElement(writer))
    }

    /// `<name a="…">text</name>`, the common case of a leaf element.
    public func element(_ name: String, _ content: String, attributes: [(String, String)] = []) throws(FeedWriterError) {
        try startElement(name)
        for (n, v) in attributes { try attribute(n, v) }
        try text(content)
        try endElement()
    }

    /// `<name a="…"/>`.
    public func emptyElement(_ name: String, attributes: [(String, String)]) throws(FeedWriterError) {
        try startElement(name)
        for (n, v) in attributes { try attribute(n, v) }
        try endElement()
    }

    // MARK: Output

    /// Hands everything written so far to the sink.
    public func flush() throws(FeedWriterError) {
        try call("xmlTextWriterFlush", xmlTextWriterFlush(writer))
    }

    /// Everything written so far, as UTF-8, from a writer made with `init(indent:)`.
    public func bytes() throws(FeedWriterError) -> [UInt8] {
        guard let memory else { throw .misuse("bytes() of a writer that writes to a sink") }
        try flush()
        return memory.bytes
    }

    // MARK: Checks

    /// Once the sink has failed, the next call stops the document with the sink's error.
    private func call(_ name: String, _ code: Int32) throws(FeedWriterError) {
        if let failure = output.failure { throw .output(String(describing: failure)) }
        if code < 0 { throw .libxml2(call: name, code: code) }
    }

    private func writeEscapedTopLevel(_ content: String) throws(FeedWriterError) {
        guard let escaped = withXMLChars(content, { xmlEncodeSpecialChars(nil, $0) }) else {
            throw .libxml2(call: "xmlEncodeSpecialChars", code: -1)
        }
        defer { xmlFree(escaped) }
        try call("xmlTextWriterWriteRaw", xmlTextWriterWriteRaw(writer, escaped))
    }
}

// MARK: - Character and name checks

/// Throws unless every character of `s` may appear in an XML 1.0 document:
/// `Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]`.
/// Swift strings cannot hold surrogates, so only C0 controls and U+FFFE/U+FFFF remain to
/// refuse. Works on the UTF-8 bytes: this runs over every abstract, and must stay cheap.
func checkCharacters(_ s: String, place: @autoclosure () -> String) throws(FeedWriterError) {
    var s = s
    if let bad = s.withUTF8(firstForbiddenCharacter) {
        throw .forbiddenCharacter(scalar: bad.scalar, utf8Offset: bad.offset, place: place())
    }
}

/// The first character XML 1.0 forbids in UTF-8 text, with its byte offset.
func firstForbiddenCharacter(_ u: UnsafeBufferPointer<UInt8>) -> (scalar: UInt32, offset: Int)? {
    var i = skipOrdinaryWords(u, from: 0)
    while i < u.count {
        let b = u[i]
        if b < 0x20 {
            if b != 0x09 && b != 0x0A && b != 0x0D { return (UInt32(b), i) }
        } else if b == 0xEF, i + 2 < u.count, u[i + 1] == 0xBF, u[i + 2] == 0xBE || u[i + 2] == 0xBF {
            return (u[i + 2] == 0xBE ? 0xFFFE : 0xFFFF, i)
        }
        i = skipOrdinaryWords(u, from: i + 1)
    }
    return nil
}

/// Skips eight bytes at a time while a word has no byte below 0x20 and no 0xEF (the lead
/// byte of U+FFFE and U+FFFF): nothing there to refuse, which is almost all of any text.
/// The word tests may flag a word that is fine; the byte loop then looks at it.
@inline(__always)
private func skipOrdinaryWords(_ u: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    guard let base = u.baseAddress else { return start }
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    var i = start
    while i + 8 <= u.count {
        let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
        // "Has a byte less than n" and "has a zero byte" from Bit Twiddling Hacks.
        let below20 = (word &- ones &* 0x20) & ~word & highs
        let xorEF = word ^ (ones &* 0xEF)
        let hasEF = (xorEF &- ones) & ~xorEF & highs
        if below20 | hasEF != 0 { break }
        i += 8
    }
    return i
}

/// Throws unless `name` is a name the writer may write (`isXMLName`).
func checkName(_ name: String, place: @autoclosure () -> String) throws(FeedWriterError) {
    if !isXMLName(name) { throw .invalidName(name, place: place()) }
}

/// `body` with the string as libxml2's `const xmlChar *` (NUL-terminated UTF-8); the
/// character check has already refused NUL, so nothing is cut short.
@inline(__always)
func withXMLChars<R>(_ s: String, _ body: (UnsafePointer<xmlChar>) -> R) -> R {
    s.withCString { body(UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) }
}

/// The sink behind libxml2's output callback (`writeToSink`), and its error once it has
/// failed: libxml2 cannot carry it.
final class SinkConnection {
    var sink: (any ByteSink)?
    private(set) var failure: (any Error)?

    init(_ sink: any ByteSink) { self.sink = sink }

    /// A libxml2 output buffer that hands what is written to it to the sink, a few
    /// kilobytes at a time. The connection must outlive the buffer.
    func outputBuffer() -> xmlOutputBufferPtr? {
        xmlOutputBufferCreateIO(writeToSink, nil, Unmanaged.passUnretained(self).toOpaque(), nil)
    }

    /// After a failure the sink is given nothing more.
    func write(_ chunk: UnsafeRawBufferPointer) {
        guard failure == nil else { return }
        do {
            try sink?.write(chunk)
        } catch {
            failure = error
        }
    }
}

/// libxml2's output callback. It always reports success: on an error libxml2 would print
/// "I/O error" to standard error by itself; `XMLWriter.call` reports the sink's error instead.
private func writeToSink(_ context: UnsafeMutableRawPointer?, _ buffer: UnsafePointer<CChar>?, _ length: Int32) -> Int32 {
    guard let context else { return -1 }
    Unmanaged<SinkConnection>.fromOpaque(context).takeUnretainedValue().write(UnsafeRawBufferPointer(start: buffer, count: Int(length)))
    return length
}

/// libxml2 wants its globals set up once, before threads use it.
private let libxml2Initialized: Void = { xmlInitParser() }()
