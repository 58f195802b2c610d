/// A source parsed once, for callers that need several results. `LaTeXChecker.check`,
/// `PlainTextRenderer.render` and `HTMLRenderer.render` each parse their input; a publisher
/// that checks and renders every abstract saves two parses, and `renderings()` also renders
/// the math once for both outputs.
public struct LaTeXDocument: Sendable {
    public let tree: SyntaxTree

    public init(_ source: String) {
        tree = LaTeXParser.parse(source)
    }

    public init(tree: SyntaxTree) {
        self.tree = tree
    }

    public func diagnostics(extraMacros: Set<String> = []) -> [LaTeXDiagnostic] {
        LaTeXChecker.check(tree, extraMacros: extraMacros)
    }

    public func plainText(rules: LinearMathRules = .unambiguous) -> String { PlainTextRenderer.render(tree, rules: rules) }

    /// Both renderings from one walk of the tree; identical to `plainText()` and `html()`
    /// (whose tree is the fragment's `nodes`).
    /// `linkingBareURLs`: a bare `http(s)://` address in prose becomes a link in the HTML,
    /// as `\url{…}` does (the plain text shows it as written).
    public func renderings(rules: LinearMathRules = .unambiguous, linkingBareURLs: Bool = false) -> (plainText: String, html: HTMLFragment) {
        let sink = TeeSink(first: PlainTextSink(capacity: tree.source.count + 16), second: HTMLSink(capacity: tree.utf8.count + 64))
        var renderer = TextRenderer(tree: tree, sink: sink, rules: rules)
        renderer.linksBareURLs = linkingBareURLs
        renderer.renderNode(Int32(tree.root))
        return (renderer.sink.first.finish(), renderer.sink.second.finish())
    }

    /// Both renderings and the web page's MathML formulas (`MathMLRenderer.fragment`) from
    /// one walk of the tree, each formula's linear pieces built once for all three. The
    /// page is never frozen, so its rules are the current ones (`.unambiguous`), and so
    /// are the other two renderings here.
    public func renderingsWithMathML(linkingBareURLs: Bool = false) -> (plainText: String, html: HTMLFragment, mathML: HTMLFragment) {
        let sink = TeeSink(
            first: TeeSink(first: PlainTextSink(capacity: tree.source.count + 16), second: HTMLSink(capacity: tree.utf8.count + 64)),
            second: FormulaSink(tree: tree))
        var renderer = TextRenderer(tree: tree, sink: sink, rules: .unambiguous)
        renderer.linksBareURLs = linkingBareURLs
        renderer.renderNode(Int32(tree.root))
        return (renderer.sink.first.first.finish(), renderer.sink.first.second.finish(), renderer.sink.second.builder.out)
    }
}

/// Feeds one walk to two sinks.
struct TeeSink<First: TextSink, Second: TextSink>: TextSink {
    static var keepsSingleSpacesInRuns: Bool { First.keepsSingleSpacesInRuns && Second.keepsSingleSpacesInRuns }
    var first: First
    var second: Second

    /// The string's UTF-8 is read once for both sinks: `withUTF8` copies a small string out
    /// (most appended strings are small: `ő`, `—`) and a large one costs a retain.
    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append(stringUTF8: $0) }
    }

    mutating func append(stringUTF8: UnsafeBufferPointer<UInt8>) {
        first.append(stringUTF8: stringUTF8)
        second.append(stringUTF8: stringUTF8)
    }

    mutating func append(utf8: Span<UInt8>) {
        first.append(utf8: utf8)
        second.append(utf8: utf8)
    }

    mutating func space() {
        first.space()
        second.space()
    }

    mutating func lineBreak() {
        first.lineBreak()
        second.lineBreak()
    }

    mutating func paragraphBreak() {
        first.paragraphBreak()
        second.paragraphBreak()
    }

    mutating func beginStyle(_ style: TextStyle) {
        first.beginStyle(style)
        second.beginStyle(style)
    }

    mutating func endStyle(_ style: TextStyle) {
        first.endStyle(style)
        second.endStyle(style)
    }

    mutating func beginLink(url: String, showURL: Bool) {
        first.beginLink(url: url, showURL: showURL)
        second.beginLink(url: url, showURL: showURL)
    }

    mutating func endLink(url: String, showURL: Bool) {
        first.endLink(url: url, showURL: showURL)
        second.endLink(url: url, showURL: showURL)
    }

    mutating func math(_ list: MathPieceList, display: Bool) {
        first.math(list, display: display)
        second.math(list, display: display)
    }

    mutating func willRenderMath(_ formula: MathFormula) {
        first.willRenderMath(formula)
        second.willRenderMath(formula)
    }

    mutating func beginList(ordered: Bool) {
        first.beginList(ordered: ordered)
        second.beginList(ordered: ordered)
    }

    mutating func beginItem(label: String?) {
        first.beginItem(label: label)
        second.beginItem(label: label)
    }

    mutating func endList() {
        first.endList()
        second.endList()
    }
}
