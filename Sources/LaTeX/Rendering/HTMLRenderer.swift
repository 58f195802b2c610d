public struct HTMLAttribute: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// An HTML tree for the caller to serialize (with libxml2): the renderer never escapes, and
/// never produces scripts or style attributes. Not `indirect`: the children array already
/// breaks the recursion, and a boxed case would cost an allocation per element.
public enum HTMLNode: Sendable, Equatable {
    case text(String)
    case element(String, attributes: [HTMLAttribute], children: [HTMLNode])
}

extension Array where Element == HTMLNode {
    /// Replaces the nodes from `start` on with one element holding them (see `Scratch.swift`);
    /// the math builder's `sub`, `sup` and styles.
    mutating func wrap(from start: Int, in name: String) {
        let children = removeSuffix(from: start, placeholder: .text(""))
        append(.element(name, attributes: [], children: children))
    }
}

/// HTML for web pages: paragraphs, `em`/`strong`/`code`, links, lists, and math as
/// `span class="math"` with `sub`/`sup` and italic letters.
public enum HTMLRenderer {
    public static func render(_ source: String) -> [HTMLNode] {
        render(LaTeXParser.parse(source))
    }

    public static func render(_ tree: SyntaxTree) -> [HTMLNode] {
        var renderer = TextRenderer(tree: tree, sink: HTMLSink(capacity: tree.utf8.count + 64))
        renderer.renderNode(Int32(tree.root))
        return renderer.sink.finish()
    }
}

/// Builds the element tree with a stack of open containers. Block things (paragraphs,
/// display math, lists) close the current paragraph; inline things go into it, opening one
/// when needed.
struct HTMLSink: TextSink {
    enum Kind { case root, paragraph, inline, list, item }

    struct Container {
        var kind: Kind
        /// Empty for a transparent container (a link whose URL is not allowed, a plain
        /// style): its children join the parent's.
        var name: String
        var attributes: [HTMLAttribute] = []
        /// Its finished children while a container inside it is open (the innermost
        /// container's are in `HTMLSink.children`).
        var children: [HTMLNode] = []
    }

    /// A space waits in `pendingSpace` and is written before the next text in the same block.
    static var keepsSingleSpacesInRuns: Bool { true }
    var stack: [Container] = [Container(kind: .root, name: "")]
    /// The finished children of the innermost open container. Each container gets an array
    /// of its own: gathering them all at the end of one shared array and moving them out
    /// when their container closed cost more. The innermost one's is kept here, out of
    /// the stack, because appending to an array inside an array element costs several
    /// times a plain append.
    var children: [HTMLNode] = []
    /// The text run being built, as UTF-8 from `textStart` on, decoded once when the run
    /// ends. Finished runs are skipped rather than removed, which would take the general
    /// `replaceSubrange` path each time. Emptied after a formula once it holds more than
    /// 4 KB: rarely enough to cost nothing, often enough to stay small.
    var text: [UInt8] = []
    var textStart = 0
    /// Scratch for `MathPieces.appendHTML`.
    var mathElements: MathPieces.ElementStack = []
    var pendingSpace = false
    /// Nothing visible yet in the current block: leading spaces are dropped.
    var atBlockStart = true

    /// Room for an abstract's worth of paragraphs and text: growing from empty cost a dozen
    /// reallocations per abstract. `capacity` is about the source's size (text runs are kept
    /// until 4 KB, so an abstract's text fits; nested sinks stay small).
    init(capacity: Int = 256) {
        // The stack too: a paragraph and an inline element inside it would grow it twice.
        stack.reserveCapacity(4)
        children.reserveCapacity(16)
        text.reserveCapacity(min(capacity, 4096))
    }

    static func elementName(_ style: TextStyle) -> String? {
        switch style {
        case .emphasis: return "em"
        case .strong: return "strong"
        case .code: return "code"
        case .plain: return nil
        }
    }

    var top: Kind { stack[stack.count - 1].kind }

    /// Appends a finished node to the innermost open container.
    mutating func add(_ node: HTMLNode) {
        children.append(node)
    }

    mutating func flushText() {
        if text.count > textStart {
            add(.text(String(validUTF8: text, textStart...)))
            textStart = text.count
        }
    }

    mutating func open(_ kind: Kind, _ name: String, attributes: [HTMLAttribute] = []) {
        // The parent's children go back to its entry in the stack.
        swap(&children, &stack[stack.count - 1].children)
        stack.append(Container(kind: kind, name: name, attributes: attributes))
        // Paragraphs and items hold prose and formulas, styles and links a few nodes: room
        // for the usual count saves the first reallocations.
        children.reserveCapacity(kind == .inline ? 2 : 16)
    }

    mutating func ensureInline() {
        switch top {
        case .root: open(.paragraph, "p")
        case .list: open(.item, "li")
        default: return
        }
        atBlockStart = true
        pendingSpace = false
    }

    mutating func flushSpace() {
        if pendingSpace && !atBlockStart { text.append(0x20) }
        pendingSpace = false
    }

    mutating func closeTop() {
        flushText()
        let container = stack.removeLast()
        var finished: [HTMLNode] = []
        swap(&finished, &children)
        swap(&children, &stack[stack.count - 1].children)
        if container.kind == .paragraph && finished.isEmpty { return }
        if !container.name.isEmpty {
            add(.element(container.name, attributes: container.attributes, children: finished))
        } else {
            children.append(contentsOf: finished)
        }
        if container.kind != .inline {
            pendingSpace = false
            atBlockStart = true
        }
    }

    mutating func append(_ value: String) {
        var value = value
        value.withUTF8 { append(stringUTF8: $0) }
    }

    mutating func append(stringUTF8: UnsafeBufferPointer<UInt8>) {
        guard !stringUTF8.isEmpty else { return }
        ensureInline()
        flushSpace()
        text.appendUTF8(of: stringUTF8)
        atBlockStart = false
    }

    mutating func append(utf8: Span<UInt8>) {
        ensureInline()
        flushSpace()
        utf8.withUnsafeBufferPointer { text.append(contentsOf: $0) }
        atBlockStart = false
    }

    mutating func space() { pendingSpace = true }

    mutating func lineBreak() {
        ensureInline()
        flushText()
        add(.element("br", attributes: [], children: []))
        pendingSpace = false
        atBlockStart = true
    }

    mutating func paragraphBreak() {
        if top == .paragraph {
            closeTop()
        } else {
            pendingSpace = true
        }
    }

    mutating func openInline(_ name: String, attributes: [HTMLAttribute] = []) {
        ensureInline()
        flushSpace()
        flushText()
        open(.inline, name, attributes: attributes)
    }

    mutating func closeInline() {
        if top == .inline { closeTop() }
    }

    mutating func beginStyle(_ style: TextStyle) { openInline(Self.elementName(style) ?? "") }
    mutating func endStyle(_ style: TextStyle) { closeInline() }

    mutating func beginLink(url: String, showURL: Bool) {
        openInline(Self.isAllowedLink(url) ? "a" : "", attributes: Self.isAllowedLink(url) ? [HTMLAttribute(name: "href", value: url)] : [])
    }

    mutating func endLink(url: String, showURL: Bool) { closeInline() }

    /// Only schemes that cannot run code; relative and `javascript:` URLs stay text.
    static func isAllowedLink(_ url: String) -> Bool {
        let lower = url.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("mailto:")
    }

    /// Shared attribute arrays: every math span carries one, and a literal would allocate it anew.
    static let mathClass = [HTMLAttribute(name: "class", value: "math")]
    static let displayMathClass = [HTMLAttribute(name: "class", value: "math display")]

    mutating func math(_ list: MathPieceList, display: Bool) {
        if display {
            if top == .paragraph { closeTop() }
            flushText()
            appendMath(list, name: top == .inline ? "span" : "div", attributes: Self.displayMathClass)
            pendingSpace = false
            atBlockStart = top != .inline
        } else {
            ensureInline()
            flushSpace()
            flushText()
            appendMath(list, name: "span", attributes: Self.mathClass)
            atBlockStart = false
        }
    }

    /// The math element. Its children are built in an array of their own, reserved for the
    /// most they can be (one node per piece): growing it piece by piece, as for containers,
    /// would reallocate several times.
    mutating func appendMath(_ list: MathPieceList, name: String, attributes: [HTMLAttribute]) {
        var children: [HTMLNode] = []
        children.reserveCapacity(list.count)
        MathPieces.appendHTML(list, to: &children, text: &text, open: &mathElements)
        if text.count > 4096 { text.removeAll(keepingCapacity: true) }
        textStart = text.count
        add(.element(name, attributes: attributes, children: children))
    }

    mutating func beginList(ordered: Bool) {
        if top == .paragraph { closeTop() }
        flushText()
        open(.list, ordered ? "ol" : "ul")
    }

    mutating func beginItem(label: String?) {
        guard stack.contains(where: { $0.kind == .list }) else {
            // `\item` outside a list: a bullet on a new line.
            lineBreak()
            append((label ?? "•") + " ")
            return
        }
        while top != .list { closeTop() }
        open(.item, "li")
        atBlockStart = true
        pendingSpace = false
        if let label { append(label + " ") }
    }

    mutating func endList() {
        guard stack.contains(where: { $0.kind == .list }) else { return }
        while top != .list { closeTop() }
        closeTop()
    }

    mutating func finish() -> [HTMLNode] {
        while stack.count > 1 { closeTop() }
        flushText()
        return children
    }
}
