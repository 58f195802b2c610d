import LaTeX

/// HTML as a tree, the form tests build by hand and compare whole; the code writes and
/// reads `HTMLFragment`s, whose events `nodes` turns into this tree and back.
public enum HTMLNode: Sendable, Equatable {
    case text(String)
    case element(String, attributes: [HTMLAttribute], children: [HTMLNode])
}

extension HTMLFragment {
    /// The nodes' events, in document order.
    public init(_ nodes: [HTMLNode]) {
        self.init()
        for node in nodes { append(node) }
    }

    private mutating func append(_ node: HTMLNode) {
        switch node {
        case let .text(text):
            appendText(text)
        case let .element(name, attributes, children):
            startElement(name, attributes: attributes)
            for child in children { append(child) }
            endElement()
        }
    }

    /// The tree of the events; an element left open ends with the fragment.
    public var nodes: [HTMLNode] {
        var open: [(name: String, attributes: [HTMLAttribute], children: [HTMLNode])] = [("", [], [])]
        func close() {
            let element = open.removeLast()
            open[open.count - 1].children.append(.element(element.name, attributes: element.attributes, children: element.children))
        }
        for event in self {
            switch event {
            case let .start(name, attributes):
                open.append((name, attributes, []))
            case let .text(text):
                open[open.count - 1].children.append(.text(text))
            case .end:
                if open.count > 1 { close() }
            }
        }
        while open.count > 1 { close() }
        return open[0].children
    }
}
