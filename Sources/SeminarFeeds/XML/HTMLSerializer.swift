import LaTeX

extension XMLWriter {
    /// The fragments, one after another, as HTML text, written by a separate, unindented
    /// xmlTextWriter (so that no whitespace is added to the text). The result is the *text*
    /// of an Atom `content type="html"` or an RSS `description`: the document's writer
    /// escapes it a second time, as both formats require.
    ///
    /// The text is also well-formed XML: void elements are written `<br/>`, every other
    /// element with an end tag even when empty.
    public static func html(_ fragments: HTMLFragment...) throws(FeedWriterError) -> String {
        let w = try XMLWriter(indent: false)
        for fragment in fragments { try w.write(fragment) }
        return String(decoding: try w.bytes(), as: UTF8.self)
    }

    private func write(_ fragment: HTMLFragment) throws(FeedWriterError) {
        // The void element just started, if any: the next event must end it.
        var openVoidElement: String? = nil
        var depth = 0
        for event in fragment {
            if let name = openVoidElement, event != .end { throw .misuse("HTML void element <\(name)> with children") }
            switch event {
            case let .start(name, attributes):
                try startElement(name)
                for a in attributes { try attribute(a.name, a.value) }
                openVoidElement = Self.voidElements.contains(name.lowercased()) ? name : nil
                depth += 1
            case let .text(s):
                try text(s)
            case .end:
                guard depth > 0 else { throw .misuse("an HTML fragment ends an element it did not start") }
                if openVoidElement != nil { try endElement() } else { try fullEndElement() }
                openVoidElement = nil
                depth -= 1
            }
        }
        // As in `HTMLFragment.nodes`, an element left open ends with its fragment.
        if openVoidElement != nil {
            try endElement()
            depth -= 1
        }
        for _ in 0..<depth { try fullEndElement() }
    }

    /// HTML elements that never have content or an end tag.
    private static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    ]
}
