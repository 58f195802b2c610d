import CLibXML2

/// A document built node by node with libxml2's tree API, so that escaping is libxml2's
/// job and no markup is ever assembled from strings. Used for the HTML page (serialised
/// with the HTML rules: `<meta>` without a slash, script and style text left raw) and for
/// the XSLT stylesheet (serialised as XML).
///
/// Every string is checked for XML-forbidden characters before libxml2 sees it; `context`
/// names what is being written so that the error says where the bad character came from.
final class MarkupTree {
    typealias Node = UnsafeMutablePointer<xmlNode>
    typealias Namespace = UnsafeMutablePointer<xmlNs>

    private let doc: UnsafeMutablePointer<xmlDoc>
    private let isHTML: Bool
    /// Where the strings being added come from, for error messages.
    var context = "document"

    /// libxml2 must be initialised once before use from several threads (tests run in
    /// parallel); a static let runs its initialiser exactly once.
    private static let initialised: Void = { xmlInitParser() }()

    /// An HTML document with the HTML5 doctype `<!DOCTYPE html>` and no root yet.
    static func html() throws(PageMarkupError) -> MarkupTree {
        _ = initialised
        // htmlNewDoc would add the HTML 4.0 Transitional doctype; the short one is added by hand.
        guard let doc = htmlNewDocNoDtD(nil, nil) else { throw .libxml("htmlNewDocNoDtD failed") }
        let tree = MarkupTree(doc: doc, isHTML: true)
        guard xmlCreateIntSubset(doc, "html", nil, nil) != nil else { throw .libxml("xmlCreateIntSubset failed") }
        return tree
    }

    /// An XML 1.0 document with no root yet.
    static func xml() throws(PageMarkupError) -> MarkupTree {
        _ = initialised
        guard let doc = xmlNewDoc("1.0") else { throw .libxml("xmlNewDoc failed") }
        return MarkupTree(doc: doc, isHTML: false)
    }

    private init(doc: UnsafeMutablePointer<xmlDoc>, isHTML: Bool) {
        self.doc = doc
        self.isHTML = isHTML
        // Element and attribute names interned once per document instead of copied for
        // every node: a page has a dozen names and hundreds of thousands of nodes.
        // xmlFreeDoc frees the dictionary.
        if doc.pointee.dict == nil { doc.pointee.dict = xmlDictCreate() }
    }

    deinit { xmlFreeDoc(doc) }

    // MARK: Building

    /// The root element.
    func root(_ name: String, _ attributes: [(String, String)] = []) throws(PageMarkupError) -> Node {
        let node = try newElement(name, attributes, namespace: nil)
        xmlDocSetRootElement(doc, node)
        return node
    }

    /// Declares a namespace on `node` (the stylesheet's root).
    func namespace(_ uri: String, prefix: String, on node: Node) throws(PageMarkupError) -> Namespace {
        guard let ns = xmlNewNs(node, uri, prefix) else { throw .libxml("xmlNewNs \(prefix) failed") }
        return ns
    }

    /// Puts `node` (a root created before its namespace was declared) in `namespace`.
    func setNamespace(_ namespace: Namespace, of node: Node) { xmlSetNs(node, namespace) }

    /// Appends a new element to `parent`. Attributes keep the given order, so the output
    /// never depends on dictionary order.
    @discardableResult
    func element(_ name: String, _ attributes: [(String, String)] = [], in parent: Node, namespace: Namespace? = nil)
        throws(PageMarkupError) -> Node
    {
        let node = try newElement(name, attributes, namespace: namespace)
        try add(node, in: parent, isHTML5Block: Self.html5Blocks.contains(name))
        return node
    }

    private func add(_ node: Node, in parent: Node, isHTML5Block: Bool) throws(PageMarkupError) {
        xmlAddChild(parent, node)
        if isHTML && isHTML5Block {
            // libxml2's HTML formatter only knows HTML 4 elements and would put a whole
            // section on one line; newlines around these (insignificant between blocks)
            // keep the published page readable and its diffs small.
            try text("\n", in: node)
            try text("\n", in: parent)
        }
    }

    private static let html5Blocks: Set<String> = ["article", "footer", "header", "main", "nav", "section"]
    private static let html5BlockNames = html5Blocks.map { Array($0.utf8) }

    /// Appends an element holding only `text`.
    @discardableResult
    func element(_ name: String, _ attributes: [(String, String)] = [], text: String, in parent: Node,
                 namespace: Namespace? = nil) throws(PageMarkupError) -> Node
    {
        let node = try element(name, attributes, in: parent, namespace: namespace)
        try self.text(text, in: node)
        return node
    }

    /// Appends a text node. libxml2 keeps the text as given and escapes it on output
    /// (except inside `script` and `style` in HTML, whose text is raw by definition).
    func text(_ text: String, in parent: Node) throws(PageMarkupError) {
        try PageText.check(text, context: context)
        // Through `withXMLChars`: passing the String itself would copy it into a new array
        // first, for every text and attribute of the page.
        guard let node = withXMLChars(text, { xmlNewDocText(doc, $0) }) else { throw .libxml("xmlNewDocText failed") }
        xmlAddChild(parent, node)
    }

    /// Sets an attribute on an existing element.
    func attribute(_ name: String, _ value: String, on node: Node) throws(PageMarkupError) {
        try Self.checkName(name, context: context)
        try PageText.check(value, context: context)
        // xmlNewProp stores the value as text (escaped on output); xmlNewDocProp would
        // instead parse entity references in it.
        guard withXMLChars(name, { n in withXMLChars(value) { v in xmlNewProp(node, n, v) } }) != nil else {
            throw .libxml("xmlNewProp \(name) failed")
        }
    }

    private func newElement(_ name: String, _ attributes: [(String, String)], namespace: Namespace?)
        throws(PageMarkupError) -> Node
    {
        try Self.checkName(name, context: context)
        // No content argument: xmlNewDocNode would parse entity references in it.
        guard let node = withXMLChars(name, { xmlNewDocNode(doc, namespace, $0, nil) }) else {
            throw .libxml("xmlNewDocNode \(name) failed")
        }
        for (key, value) in attributes {
            do { try attribute(key, value, on: node) } catch {
                xmlFreeNode(node)
                throw error
            }
        }
        return node
    }

    // MARK: Building from UTF-8 bytes

    // The same, for names and text given as UTF-8 bytes, such as a `CompactHTML` record's:
    // they go to libxml2 straight from the bytes, names interned in the document's
    // dictionary, with no String made. The page's formulas were built from Strings (a
    // String and an array for every element, a C copy of every name and value): a ninth
    // of a full build's `perf` samples. From the bytes, the build of 10,000 talks takes 8%
    // fewer instructions (cachegrind).

    /// Appends a new element without attributes (see `attribute(utf8:value:on:)`).
    func element(utf8 name: UnsafeBufferPointer<UInt8>, in parent: Node) throws(PageMarkupError) -> Node {
        let interned = try internedName(name)
        // The name is the dictionary's: libxml2 frees only names the dictionary does not own.
        guard let node = xmlNewDocNodeEatName(doc, nil, UnsafeMutablePointer(mutating: interned), nil) else {
            throw .libxml("xmlNewDocNodeEatName failed")
        }
        try add(node, in: parent, isHTML5Block: Self.html5BlockNames.contains { $0.elementsEqual(name) })
        return node
    }

    /// Sets an attribute on an element, after those it has.
    func attribute(utf8 name: UnsafeBufferPointer<UInt8>, value: UnsafeBufferPointer<UInt8>, on node: Node) throws(PageMarkupError) {
        let interned = try internedName(name)
        try PageText.check(utf8: value, context: context)
        // libxml2 takes the value as a C string: copied once, with its terminating zero.
        let made = withUnsafeTemporaryAllocation(of: xmlChar.self, capacity: value.count + 1) { copy in
            _ = copy.initialize(fromContentsOf: value)
            copy[value.count] = 0
            return xmlNewNsPropEatName(node, nil, UnsafeMutablePointer(mutating: interned), copy.baseAddress)
        }
        guard made != nil else { throw .libxml("xmlNewNsPropEatName failed") }
    }

    /// Appends a text node.
    func text(utf8 text: UnsafeBufferPointer<UInt8>, in parent: Node) throws(PageMarkupError) {
        try PageText.check(utf8: text, context: context)
        guard let start = text.baseAddress else { return try self.text("", in: parent) }
        guard let node = xmlNewDocTextLen(doc, start, Int32(text.count)) else { throw .libxml("xmlNewDocTextLen failed") }
        xmlAddChild(parent, node)
    }

    /// `name` checked and interned in the document's dictionary.
    private func internedName(_ name: UnsafeBufferPointer<UInt8>) throws(PageMarkupError) -> UnsafePointer<xmlChar> {
        guard isXMLName(utf8: name), let start = name.baseAddress else {
            throw .invalidName(String(decoding: name, as: UTF8.self), context: context)
        }
        guard let interned = xmlDictLookup(doc.pointee.dict, start, Int32(name.count)) else { throw .libxml("xmlDictLookup failed") }
        return interned
    }

    /// Element and attribute names come from this code or from the abstract renderer;
    /// both are held to the feed writer's rule (`isXMLName`).
    static func checkName(_ name: String, context: String) throws(PageMarkupError) {
        if !isXMLName(name) { throw .invalidName(name, context: context) }
    }

    // MARK: Output

    /// The document in UTF-8, indented.
    func serialize() throws(PageMarkupError) -> [UInt8] {
        isHTML ? try serializeHTML { buffer in htmlDocContentDumpFormatOutput(buffer, doc, "UTF-8", 1) }
            : try serializeXML()
    }

    /// Marks where the children that `serialize(filling:count:to:with:)` appends to `parent`
    /// will go: an HTML comment, which nothing else on the page writes.
    func placeholder(in parent: Node) throws(PageMarkupError) -> Node {
        guard let node = xmlNewDocComment(doc, "placeholder") else { throw .libxml("xmlNewDocComment failed") }
        xmlAddChild(parent, node)
        return node
    }

    /// The HTML document with `placeholder` replaced by what `append(i)` adds to its parent,
    /// for each `i` in `0..<count`, handed to `sink` piece by piece. Each piece is
    /// serialised and freed before the next is built, so that a page of thousands of talks
    /// is never held whole, neither as nodes nor as bytes.
    ///
    /// The bytes are those of the whole tree serialised at once. That holds because
    /// libxml2's formatter treats the comment like the element each piece starts with, and
    /// does not format the end of an HTML5 block it does not know; both are checked.
    func serialize(filling placeholder: Node, count: Int, to sink: any ByteSink, with append: (Int) throws -> Void) throws {
        guard isHTML, let parent = placeholder.pointee.parent, placeholder.pointee.next == nil,
              let name = parent.pointee.name, Self.html5Blocks.contains(String(cString: name))
        else {
            throw PageMarkupError.libxml("a placeholder must be the last child of an HTML5 block element")
        }
        guard count > 0 else {
            xmlUnlinkNode(placeholder)
            xmlFreeNode(placeholder)
            return try sink.write(serialize())
        }
        let (page, at) = try serializeAroundPlaceholder(placeholder)
        xmlUnlinkNode(placeholder)
        xmlFreeNode(placeholder)

        try page.withUnsafeBytes { try sink.write(UnsafeRawBufferPointer(rebasing: $0[..<at.lowerBound])) }
        // The pieces go through one output buffer straight to the sink, a few kilobytes at
        // a time, rather than through a buffer and a copy of their own each.
        let connection = SinkConnection(sink)
        try withExtendedLifetime(connection) {
            guard let buffer = connection.outputBuffer() else { throw PageMarkupError.libxml("xmlOutputBufferCreateIO failed") }
            func stop(_ error: any Error) -> any Error {
                connection.sink = nil  // what libxml2 still holds must not reach the sink
                xmlOutputBufferClose(buffer)
                return error
            }
            for i in 0..<count {
                let before = parent.pointee.last
                do { try append(i) } catch { throw stop(error) }
                var next = before.map { $0.pointee.next } ?? parent.pointee.children
                guard next?.pointee.type == XML_ELEMENT_NODE else {
                    throw stop(PageMarkupError.libxml("each piece that fills a placeholder must start with an element"))
                }
                while let node = next {
                    htmlNodeDumpFormatOutput(buffer, doc, node, "UTF-8", 1)
                    next = node.pointee.next
                    xmlUnlinkNode(node)
                    xmlFreeNode(node)
                }
                if let failure = connection.failure { throw stop(failure) }
                if buffer.pointee.error != 0 { throw stop(PageMarkupError.libxml("could not serialise the HTML document")) }
            }
            // Closing flushes what the buffer still holds.
            let closed = xmlOutputBufferClose(buffer)
            if let failure = connection.failure { throw failure }
            if closed < 0 { throw PageMarkupError.libxml("could not serialise the HTML document") }
        }
        try page.withUnsafeBytes { try sink.write(UnsafeRawBufferPointer(rebasing: $0[at.upperBound...])) }
    }

    /// The page, and where the placeholder's comment is in it. libxml2 writes `<` as is in
    /// HTML attribute values, so an archive's text could spell the comment too: the comment
    /// is renamed until it occurs exactly once, which makes that once the placeholder.
    private func serializeAroundPlaceholder(_ placeholder: Node) throws -> ([UInt8], Range<Int>) {
        for attempt in 0... {
            let name = "placeholder " + String(attempt)
            xmlNodeSetContent(placeholder, name)
            let page = try serialize()
            let found = page.ranges(of: Array(("<!--" + name + "-->").utf8))
            if found.count == 1 { return (page, found[0]) }
        }
        fatalError("unreachable: a finite page spells finitely many names")
    }

    private func serializeHTML(_ dump: (xmlOutputBufferPtr) -> Void) throws(PageMarkupError) -> [UInt8] {
        // Not htmlDocDumpMemoryFormat: without a http-equiv meta it would turn every
        // non-ASCII character into an entity. An output buffer without an encoder writes
        // the UTF-8 the tree holds, and the page declares `<meta charset="utf-8">`.
        guard let buffer = xmlAllocOutputBuffer(nil) else { throw .libxml("xmlAllocOutputBuffer failed") }
        dump(buffer)
        let bytes = Self.copy(xmlOutputBufferGetContent(buffer), Int(xmlOutputBufferGetSize(buffer)))
        let failed = buffer.pointee.error != 0
        xmlOutputBufferClose(buffer)
        if failed || bytes.isEmpty { throw .libxml("could not serialise the HTML document") }
        return bytes
    }

    private func serializeXML() throws(PageMarkupError) -> [UInt8] {
        guard let buffer = xmlBufferCreate() else { throw .libxml("xmlBufferCreate failed") }
        defer { xmlBufferFree(buffer) }
        guard let save = xmlSaveToBuffer(buffer, "UTF-8", Int32(XML_SAVE_FORMAT.rawValue)) else {
            throw .libxml("xmlSaveToBuffer failed")
        }
        let written = xmlSaveDoc(save, doc)
        xmlSaveClose(save)
        if written < 0 { throw .libxml("could not serialise the XML document") }
        return Self.copy(xmlBufferContent(buffer), Int(xmlBufferLength(buffer)))
    }

    private static func copy(_ pointer: UnsafePointer<xmlChar>?, _ count: Int) -> [UInt8] {
        guard let pointer, count > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: pointer, count: count))
    }
}
