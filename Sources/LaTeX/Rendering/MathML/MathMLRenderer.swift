/// MathML Core for web pages: each formula of a source as a `math` element, typeset by the
/// browser without any script. Built from the syntax tree (the linear renderings lose the
/// structure a fraction or a matrix needs); each `math` carries the plain-text rendering as
/// `alttext`, for copying and for assistive technology.
///
/// The formulas come in the order the text walker meets them, which is the order of the
/// math elements (`span class="math"`, `div class="math display"`) in `HTMLRenderer`'s
/// output: a page swaps the one for the other.
public enum MathMLRenderer {
    /// Every formula of the parsed source, each a `math` element, as one fragment of
    /// events (what the page writes from).
    public static func fragment(_ tree: SyntaxTree) -> HTMLFragment {
        // The page is never frozen: its text follows the current rules.
        var renderer = TextRenderer(tree: tree, sink: FormulaSink(tree: tree), rules: .unambiguous)
        renderer.renderNode(Int32(tree.root))
        return renderer.sink.builder.out
    }

    public static func fragment(_ source: String) -> HTMLFragment {
        fragment(LaTeXParser.parse(source))
    }

}

/// Collects the formulas of a text walk and writes each as MathML; the rest of the text
/// is the HTML renderer's.
struct FormulaSink: TextSink {
    static var keepsSingleSpacesInRuns: Bool { true }
    var builder: MathMLBuilder
    private var pending: MathFormula?

    init(tree: SyntaxTree) { builder = MathMLBuilder(tree: tree) }

    mutating func willRenderMath(_ formula: MathFormula) { pending = formula }

    mutating func math(_ list: MathPieceList, display: Bool) {
        guard let formula = pending else { return }
        pending = nil
        builder.display = display
        builder.open("math", ("alttext", Self.trimmed(MathPieces.plain(list))), display ? ("display", "block") : nil)
        if formula.childrenOnly {
            builder.block(builder.tree.children(of: formula.node))
        } else {
            builder.items(CollectionOfOne(Int32(formula.node)))
        }
        builder.close()
    }

    /// Without the spaces at its ends. On the UTF-8 bytes, and without a copy when there
    /// is nothing to trim, the usual case: going through the scalars cost a quarter of the
    /// MathML rendering (callgrind, `latex-bench --only "MathML (tree)"`).
    static func trimmed(_ text: String) -> String {
        let utf8 = text.utf8
        guard utf8.first == 0x20 || utf8.last == 0x20 else { return text }
        var start = utf8.startIndex, end = utf8.endIndex
        while start < end, utf8[start] == 0x20 { start = utf8.index(after: start) }
        while end > start, utf8[utf8.index(before: end)] == 0x20 { end = utf8.index(before: end) }
        return String(text[start..<end])
    }

    mutating func append(_ text: String) {}
    mutating func append(stringUTF8: UnsafeBufferPointer<UInt8>) {}
    mutating func append(utf8: Span<UInt8>) {}
    mutating func space() {}
    mutating func lineBreak() {}
    mutating func paragraphBreak() {}
    mutating func beginStyle(_ style: TextStyle) {}
    mutating func endStyle(_ style: TextStyle) {}
    mutating func beginLink(url: String, showURL: Bool) {}
    mutating func endLink(url: String, showURL: Bool) {}
    mutating func beginList(ordered: Bool) {}
    mutating func beginItem(label: String?) {}
    mutating func endList() {}
}
