import LaTeX

/// HTML nodes as HTML text, for `content_html`. Kept to one small function on purpose:
/// the Atom writer serializes the same nodes with libxml2, and the two may be merged
/// into one shared serializer later.
enum JSONFeedHTML {
    /// Elements that have no end tag in HTML.
    static let voidElements: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]

    static func serialize(_ nodes: [HTMLNode]) -> String {
        var out = ""
        func write(_ node: HTMLNode) {
            switch node {
            case let .text(text):
                out += escape(text, quotes: false)
            case let .element(name, attributes, children):
                out += "<" + name
                for attribute in attributes { out += " " + attribute.name + "=\"" + escape(attribute.value, quotes: true) + "\"" }
                out += ">"
                if voidElements.contains(name) { return }
                children.forEach(write)
                out += "</" + name + ">"
            }
        }
        nodes.forEach(write)
        return out
    }

    static func escape(_ text: String, quotes: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where quotes: out += "&quot;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
