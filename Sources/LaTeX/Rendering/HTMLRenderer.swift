public struct HTMLAttribute: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// HTML for web pages: paragraphs, `em`/`strong`/`code`, links, lists, and math as
/// `span class="math"` with `sub`/`sup` and italic letters.
public enum HTMLRenderer {
    /// The HTML of `source`, as the flat fragment the renderer builds (its `nodes` give it as
    /// a tree). Math is grouped as `rules` say (the parentheses and spaces of the linear text).
    /// `linkingBareURLs`: a bare `http(s)://` address in prose becomes a link, as `\url{…}` does.
    public static func fragment(_ source: String, rules: LinearMathRules = .unambiguous, linkingBareURLs: Bool = false) -> HTMLFragment {
        fragment(LaTeXParser.parse(source), rules: rules, linkingBareURLs: linkingBareURLs)
    }

    public static func fragment(_ tree: SyntaxTree, rules: LinearMathRules = .unambiguous, linkingBareURLs: Bool = false) -> HTMLFragment {
        var renderer = TextRenderer(tree: tree, sink: HTMLSink(capacity: tree.utf8.count + 64), rules: rules)
        renderer.linksBareURLs = linkingBareURLs
        renderer.renderNode(Int32(tree.root))
        return renderer.sink.finish()
    }
}

/// Builds the fragment with a stack of open containers. Block things (paragraphs, display
/// math, lists) close the current paragraph; inline things go into it, opening one when
/// needed.
struct HTMLSink: TextSink {
    enum Kind { case root, paragraph, inline, list, item }

    struct Container {
        var kind: Kind
        /// Where its start is in the fragment's records; nil for a transparent container (a
        /// link whose URL is not allowed, a plain style), whose content joins its parent's.
        var start: Int?
    }

    /// A space waits in `pendingSpace` and is written before the next text in the same block.
    static var keepsSingleSpacesInRuns: Bool { true }
    var stack: [Container] = [Container(kind: .root, start: nil)]
    /// What is rendered so far. The text run being built is the end of its `utf8`, which
    /// `flushText()` makes a text event.
    var fragment = HTMLFragment()
    /// Scratch for `MathPieces.appendHTML`.
    var mathElements: MathPieces.ElementStack = []
    var pendingSpace = false
    /// Nothing visible yet in the current block: leading spaces are dropped.
    var atBlockStart = true

    /// Room for an abstract's worth of events and text: growing from empty cost a dozen
    /// reallocations per abstract. `capacity` is about the source's size, which the text
    /// takes about as much of; math-dense abstracts have an event every few bytes.
    init(capacity: Int = 256) {
        // The stack too: a paragraph and an inline element inside it would grow it twice.
        stack.reserveCapacity(4)
        fragment.reserveCapacity(records: capacity / 4, utf8: capacity)
    }

    static func elementName(_ style: TextStyle) -> HTMLFragment.Word? {
        switch style {
        case .emphasis: return .em
        case .strong: return .strong
        case .code: return .code
        case .plain: return nil
        }
    }

    var top: Kind { stack[stack.count - 1].kind }

    mutating func flushText() {
        fragment.endText()
    }

    /// Opens a container: an element, or with no name a transparent one.
    mutating func open(_ kind: Kind, _ name: HTMLFragment.Word?, attribute: HTMLFragment.WordAttribute? = nil) {
        var container = Container(kind: kind)
        if let name {
            container.start = fragment.records.count
            fragment.start(name, attribute: attribute)
        }
        stack.append(container)
    }

    mutating func ensureInline() {
        switch top {
        case .root: open(.paragraph, .p)
        case .list: open(.item, .li)
        default: return
        }
        atBlockStart = true
        pendingSpace = false
    }

    mutating func flushSpace() {
        if pendingSpace && !atBlockStart { fragment.utf8.append(0x20) }
        pendingSpace = false
    }

    mutating func closeTop() {
        flushText()
        let container = stack.removeLast()
        if let start = container.start {
            if container.kind == .paragraph && fragment.records.count == start + 1 {
                // An empty paragraph is left out.
                fragment.removeLastRecord()
                return
            }
            fragment.endElement()
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
        fragment.utf8.appendUTF8(of: stringUTF8)
        atBlockStart = false
    }

    mutating func append(utf8: Span<UInt8>) {
        ensureInline()
        flushSpace()
        utf8.withUnsafeBufferPointer { fragment.utf8.append(contentsOf: $0) }
        atBlockStart = false
    }

    mutating func space() { pendingSpace = true }

    mutating func lineBreak() {
        ensureInline()
        flushText()
        fragment.start(.br)
        fragment.endElement()
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

    /// Opens an inline container, a link when `href` is given; the text before it ends, even
    /// when the container is transparent.
    mutating func openInline(_ name: HTMLFragment.Word?, href: String? = nil) {
        ensureInline()
        flushSpace()
        flushText()
        open(.inline, name, attribute: href.map { (.href, fragment.store($0)) })
    }

    mutating func closeInline() {
        if top == .inline { closeTop() }
    }

    mutating func beginStyle(_ style: TextStyle) { openInline(Self.elementName(style)) }
    mutating func endStyle(_ style: TextStyle) { closeInline() }

    mutating func beginLink(url: String, showURL: Bool) {
        // By scheme alone (see `URLRule.hasLinkScheme`): the checker refuses the rest.
        if URLRule.hasLinkScheme(url) {
            openInline(.a, href: url)
        } else {
            openInline(nil)
        }
    }

    mutating func endLink(url: String, showURL: Bool) { closeInline() }

    mutating func math(_ list: MathPieceList, display: Bool) {
        if display {
            if top == .paragraph { closeTop() }
            flushText()
            appendMath(list, name: top == .inline ? .span : .div, class: .mathDisplay)
            pendingSpace = false
            atBlockStart = top != .inline
        } else {
            ensureInline()
            flushSpace()
            flushText()
            appendMath(list, name: .span, class: .math)
            atBlockStart = false
        }
    }

    mutating func appendMath(_ list: MathPieceList, name: HTMLFragment.Word, class value: HTMLFragment.Word) {
        fragment.start(name, attribute: (.class, HTMLFragment.StringReference(value)))
        MathPieces.appendHTML(list, to: &fragment, open: &mathElements)
        fragment.endElement()
    }

    mutating func beginList(ordered: Bool) {
        if top == .paragraph { closeTop() }
        flushText()
        open(.list, ordered ? .ol : .ul)
    }

    mutating func beginItem(label: String?) {
        guard stack.contains(where: { $0.kind == .list }) else {
            // `\item` outside a list: a bullet on a new line.
            lineBreak()
            append((label ?? "•") + " ")
            return
        }
        while top != .list { closeTop() }
        open(.item, .li)
        atBlockStart = true
        pendingSpace = false
        if let label { append(label + " ") }
    }

    mutating func endList() {
        guard stack.contains(where: { $0.kind == .list }) else { return }
        while top != .list { closeTop() }
        closeTop()
    }

    mutating func finish() -> HTMLFragment {
        while stack.count > 1 { closeTop() }
        flushText()
        return fragment
    }
}
