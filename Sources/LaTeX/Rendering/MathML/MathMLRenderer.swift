/// MathML Core for web pages: each formula of a source as a `math` element, typeset by the
/// browser without any script. Built from the syntax tree (the linear renderings lose the
/// structure a fraction or a matrix needs); each `math` carries the plain-text rendering as
/// `alttext`, for copying and for assistive technology.
///
/// The formulas come in the order the text walker meets them, which is the order of the
/// math elements (`span class="math"`, `div class="math display"`) in `HTMLRenderer`'s
/// output: a page swaps the one for the other.
public enum MathMLRenderer {
    /// Every formula of the parsed source, each a `math` element.
    public static func formulas(_ tree: SyntaxTree) -> [HTMLNode] {
        // The page is never frozen: its text follows the current rules.
        var renderer = TextRenderer(tree: tree, sink: FormulaSink(tree: tree), rules: .unambiguous)
        renderer.renderNode(Int32(tree.root))
        return renderer.sink.formulas
    }

    public static func formulas(_ source: String) -> [HTMLNode] {
        formulas(LaTeXParser.parse(source))
    }
}

/// Collects the formulas of a text walk and renders each as MathML; the rest of the text
/// is the HTML renderer's.
struct FormulaSink: TextSink {
    static var keepsSingleSpacesInRuns: Bool { true }
    let tree: SyntaxTree
    var formulas: [HTMLNode] = []
    private var pending: MathFormula?

    init(tree: SyntaxTree) { self.tree = tree }

    mutating func willRenderMath(_ formula: MathFormula) { pending = formula }

    mutating func math(_ list: MathPieceList, display: Bool) {
        guard let formula = pending else { return }
        pending = nil
        var builder = MathMLBuilder(tree: tree, display: display)
        let children = formula.childrenOnly
            ? builder.block(tree.children(of: formula.node))
            : builder.items(CollectionOfOne(Int32(formula.node)))
        var attributes = [HTMLAttribute(name: "alttext", value: Self.trimmed(MathPieces.plain(list)))]
        if display { attributes.append(HTMLAttribute(name: "display", value: "block")) }
        formulas.append(.element("math", attributes: attributes, children: children))
    }

    static func trimmed(_ text: String) -> String {
        var scalars = text.unicodeScalars[...]
        while scalars.first == " " { scalars.removeFirst() }
        while scalars.last == " " { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
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
