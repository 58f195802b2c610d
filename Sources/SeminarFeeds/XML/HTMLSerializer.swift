import LaTeX

extension XMLWriter {
    /// The nodes as an HTML fragment, written by a separate, unindented xmlTextWriter (so
    /// that no whitespace is added to the text). The result is the *text* of an Atom
    /// `content type="html"` or an RSS `description`: the document's writer escapes it a
    /// second time, as both formats require.
    ///
    /// The fragment is also well-formed XML: void elements are written `<br/>`, every
    /// other element with an end tag even when empty.
    public static func html(_ nodes: [HTMLNode]) throws(FeedWriterError) -> String {
        let w = try XMLWriter(indent: false)
        for node in nodes { try w.write(node) }
        return String(decoding: try w.bytes(), as: UTF8.self)
    }

    private func write(_ node: HTMLNode) throws(FeedWriterError) {
        switch node {
        case let .text(s):
            try text(s)
        case let .element(name, attributes, children):
            try startElement(name)
            for a in attributes { try attribute(a.name, a.value) }
            if Self.voidElements.contains(name.lowercased()) {
                guard children.isEmpty else { throw .misuse("HTML void element <\(name)> with children") }
                try endElement()
            } else {
                for child in children { try write(child) }
                try fullEndElement()
            }
        }
    }

    /// HTML elements that never have content or an end tag.
    private static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    ]
}
