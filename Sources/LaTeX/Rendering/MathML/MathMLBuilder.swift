/// Turns the math nodes of a syntax tree into MathML Core elements. Recursion follows the
/// tree, whose depth the parser caps.
struct MathMLBuilder {
    let tree: SyntaxTree
    /// Display style: big operators take their limits above and below.
    let display: Bool
    /// The alphabet of `\mathbb{…}` and friends while inside one.
    private var font: MathFont?

    init(tree: SyntaxTree, display: Bool) {
        self.tree = tree
        self.display = display
    }

    // MARK: Lists

    /// A formula's body: a table when it has rows or cells (`align`, `\\` in `$$…$$`),
    /// else its items.
    mutating func block(_ children: ArraySlice<Int32>) -> [HTMLNode] {
        let rows = self.rows(children)
        if rows.count == 1 && rows[0].count == 1 { return items(rows[0][0]) }
        return [table(rows, alignment: .alternating, displayStyle: display)]
    }

    /// Items one after another. `\not` composes with the item after it.
    mutating func items<Items: Collection<Int32>>(_ children: Items) -> [HTMLNode] {
        var out: [HTMLNode] = []
        var negate = false
        for child in children {
            if case .negation? = tree.commandKind(of: Int(child)) {
                negate = true
                continue
            }
            let rendered = item(child)
            if negate, !rendered.isEmpty {
                out.append(Self.element("mo", text: plainText(of: child) + "\u{338}"))
                negate = false
                continue
            }
            out.append(contentsOf: rendered)
        }
        return out
    }

    /// An argument as one element: a group's items in an `mrow` (or the only item).
    mutating func argument(_ index: Int32?) -> HTMLNode {
        guard let index else { return Self.element("mrow") }
        return Self.row(tree.nodes[Int(index)].kind == .group ? items(tree.children(of: Int(index))) : item(index))
    }

    static func row(_ nodes: [HTMLNode]) -> HTMLNode {
        nodes.count == 1 ? nodes[0] : element("mrow", children: nodes)
    }

    // MARK: Items

    mutating func item(_ index: Int32) -> [HTMLNode] {
        let node = tree.nodes[Int(index)]
        switch node.kind {
        case .text:
            return text(Int(node.start), Int(node.end))
        case .command:
            return command(Int(index))
        case .group, .optionalArgument:
            let children = items(tree.children(of: Int(index)))
            return children.isEmpty ? [] : [Self.row(children)]
        case .scripts:
            return scripts(Int(index))
        case .leftRight:
            return [leftRight(Int(index))]
        case .environment:
            return environment(Int(index))
        case .raw, .math, .verbatim:
            return [Self.element("mtext", text: tree.text(of: Int(index)))]
        case .alignment, .comment, .paragraphBreak, .root:
            return []
        }
    }

    /// A run of letters, digits and punctuation: a letter is an identifier, a run of digits
    /// (with its decimal point) a number, anything else an operator.
    func text(_ start: Int, _ end: Int) -> [HTMLNode] {
        let source = tree.source
        var out: [HTMLNode] = []
        var index = start
        while index < end {
            let scalar = source[index]
            index += 1
            if scalar.isASCIIDigit {
                var number = String(scalar)
                while index < end, source[index].isASCIIDigit
                    || (source[index] == "." && index + 1 < end && source[index + 1].isASCIIDigit)
                {
                    number.unicodeScalars.append(source[index])
                    index += 1
                }
                out.append(Self.element("mn", text: number))
                continue
            }
            switch scalar {
            case " ", "\t", "\n", "\r":
                continue
            case "~":
                out.append(Self.space("0.2778em"))
            case "'":
                var primes = "′"
                while index < end, source[index] == "'" {
                    primes += "′"
                    index += 1
                }
                out.append(Self.element("mo", text: primes))
            case "-":
                out.append(Self.element("mo", text: "−"))
            case "*":
                out.append(Self.element("mo", text: "∗"))
            default:
                if scalar.properties.isAlphabetic {
                    out.append(identifier(scalar))
                } else if "()[]|".unicodeScalars.contains(scalar) {
                    // TeX keeps a delimiter written without `\left` at its size.
                    out.append(Self.element("mo", [("stretchy", "false")], text: String(scalar)))
                } else {
                    out.append(Self.element("mo", text: String(scalar)))
                }
            }
        }
        return out
    }

    /// A letter in the current alphabet: `\mathbb` and friends become the Unicode
    /// mathematical letters, `\mathrm` an upright `mi`.
    func identifier(_ scalar: Unicode.Scalar) -> HTMLNode {
        switch font {
        case nil, .italic?:
            return Self.element("mi", text: String(scalar))
        case .roman?:
            return Self.element("mi", [("mathvariant", "normal")], text: String(scalar))
        case let font?:
            // A mapped letter is upright by nature; `normal` keeps the browser from
            // looking for an italic form of it.
            return Self.element("mi", [("mathvariant", "normal")], text: String(MathAlphabets.map(scalar, font)))
        }
    }

    // MARK: Commands

    mutating func command(_ index: Int) -> [HTMLNode] {
        guard let kind = tree.commandKind(of: index) else {
            // Unknown (already reported): its source, as text.
            return [Self.element("mtext", text: tree.text(of: index))]
        }
        switch kind {
        case .symbol(let output):
            if output.unicodeScalars.count == 1, let scalar = output.unicodeScalars.first,
               scalar.properties.isAlphabetic || Self.ordinarySymbols.contains(scalar)
            {
                // TeX sets capital Greek upright, a lone `mi` would be italic.
                let upright = (0x391...0x3A9).contains(scalar.value)
                return [Self.element("mi", upright ? [("mathvariant", "normal")] : [], text: output)]
            }
            return [Self.element("mo", text: output)]
        case .relation(let output), .binary(let output), .punctuation(let output):
            return [Self.element("mo", text: output)]
        case .opening(let output), .closing(let output):
            return [Self.element("mo", [("stretchy", "false")], text: output)]
        case .operatorName(let output):
            // MathML Core spaces operators, not identifiers: `\log p` needs its thin space.
            return [Self.element("mi", text: output), Self.space("0.1667em")]
        case .bigOperator(let output):
            return [Self.element("mo", text: output)]
        case .operatorNameCommand:
            return [Self.element("mi", text: tree.argument(index, 0).map { plainText(of: $0) } ?? ""), Self.space("0.1667em")]
        case .mathFont(let font):
            let outer = self.font
            self.font = font
            defer { self.font = outer }
            return [argument(tree.argument(index, 0))]
        case .mathAccent(let mark):
            return [Self.element("mover", [("accent", "true")], children: [
                argument(tree.argument(index, 0)), Self.element("mo", text: Self.spacingAccent(mark)),
            ])]
        case .lineAccent(let mark):
            let under = mark == "\u{332}"
            return [Self.element(under ? "munder" : "mover", [(under ? "accentunder" : "accent", "true")], children: [
                argument(tree.argument(index, 0)), Self.element("mo", [("stretchy", "true")], text: under ? "_" : "‾"),
            ])]
        case .fraction:
            return [Self.element("mfrac", children: [argument(tree.argument(index, 0)), argument(tree.argument(index, 1))])]
        case .binomial:
            return [Self.element("mrow", children: [
                Self.element("mo", text: "("),
                Self.element("mfrac", [("linethickness", "0")],
                             children: [argument(tree.argument(index, 0)), argument(tree.argument(index, 1))]),
                Self.element("mo", text: ")"),
            ])]
        case .squareRoot:
            let radicand = argument(tree.argument(index, 0))
            if let degree = tree.optionalArgument(index) {
                return [Self.element("mroot", children: [radicand, Self.row(items(tree.children(of: Int(degree))))])]
            }
            return [Self.element("msqrt", children: [radicand])]
        case .sizedDelimiter:
            guard let delimiter = tree.argument(index, 0) else { return [] }
            return [Self.element("mo", [("stretchy", "false")], text: plainText(of: delimiter))]
        case .middle:
            guard let delimiter = tree.argument(index, 0) else { return [] }
            return [Self.element("mo", [("stretchy", "true")], text: plainText(of: delimiter))]
        case .passThrough:
            return [argument(tree.argument(index, 0))]
        case .spacing:
            return Self.spaces[tree.name(of: index)].map { [Self.space($0)] } ?? []
        case .overset, .underset:
            let over = if case .overset = kind { true } else { false }
            return [Self.element(over ? "mover" : "munder", children: [
                argument(tree.argument(index, 1)), argument(tree.argument(index, 0)),
            ])]
        case .parenthesizedMod:
            return [Self.element("mrow", children: [
                Self.element("mo", text: "("), Self.element("mi", text: "mod"), Self.space("0.1667em"),
                argument(tree.argument(index, 0)), Self.element("mo", text: ")"),
            ])]
        case .textBox, .textAccent, .textStyle, .url, .href, .footnote, .cite, .item, .section, .paragraph,
             .reference, .equationReference, .tag:
            // Text in math: what the plain rendering says of it. A browser trims the edges
            // of a token, but `\text{ if }` is spaced on purpose: no-break spaces stay.
            let text = String(String.UnicodeScalarView(plainText(of: Int32(index), trimmed: false).unicodeScalars.map {
                $0 == " " ? "\u{A0}" : $0
            }))
            return text.isEmpty ? [] : [Self.element("mtext", text: text)]
        case .ignored, .begin, .end, .left, .right, .lineBreak, .negation:
            return []
        }
    }

    /// Symbols that are letters to a reader, not operators.
    static let ordinarySymbols: Set<Unicode.Scalar> = ["∞", "∂", "∇", "∅", "ℏ", "ℓ", "ℵ", "ℶ", "℘", "ı", "ȷ", "⊤", "⊥", "′"]

    static let spaces: [String: String] = [
        ",": "0.1667em", "thinspace": "0.1667em", ":": "0.2222em", ">": "0.2222em", "medspace": "0.2222em",
        ";": "0.2778em", "thickspace": "0.2778em", " ": "0.2778em", "quad": "1em", "qquad": "2em",
        "enspace": "0.5em",
    ]

    /// The spacing form of a combining accent, which MathML draws over the base.
    static func spacingAccent(_ mark: Unicode.Scalar) -> String {
        switch mark {
        case "\u{302}": return "^"
        case "\u{303}": return "~"
        case "\u{304}", "\u{305}": return "¯"
        case "\u{306}": return "˘"
        case "\u{307}": return "˙"
        case "\u{308}": return "¨"
        case "\u{30A}": return "˚"
        case "\u{30C}": return "ˇ"
        case "\u{301}": return "´"
        case "\u{300}": return "`"
        case "\u{20D7}", "\u{20D6}": return "→"
        default: return String(mark)
        }
    }

    // MARK: Scripts

    mutating func scripts(_ index: Int) -> [HTMLNode] {
        let node = tree.nodes[index]
        if node.flags.contains(.extraScript) { return [Self.element("mtext", text: tree.text(of: index))] }
        let slots = Int(node.childStart)
        let base = tree.links[slots], sub = tree.links[slots + 1], sup = tree.links[slots + 2]
        let limits = display && base >= 0 && takesLimits(base)
        var baseNode = base >= 0 ? Self.row(item(base)) : Self.element("mrow")
        if limits, case let .element("mo", attributes, children) = baseNode {
            // A big operator's limits move beside it wherever the style is not display (a
            // table's cells are not): these are meant above and below.
            baseNode = .element("mo", attributes: attributes + [HTMLAttribute(name: "movablelimits", value: "false")], children: children)
        }
        var scripts: [HTMLNode] = []
        if sub >= 0 { scripts.append(argument(sub)) }
        if sup >= 0 { scripts.append(argument(sup)) }
        let name: String
        switch (sub >= 0, sup >= 0) {
        case (true, true): name = limits ? "munderover" : "msubsup"
        case (true, false): name = limits ? "munder" : "msub"
        case (false, true): name = limits ? "mover" : "msup"
        case (false, false): return [baseNode]
        }
        return [Self.element(name, children: [baseNode] + scripts)]
    }

    /// Big operators (`\sum`, `\prod`, not the integrals, whose limits TeX sets beside them)
    /// and limit-like operator names (`\lim`, `\max`).
    func takesLimits(_ index: Int32) -> Bool {
        switch tree.commandKind(of: Int(index)) {
        case .bigOperator(let output)?:
            return !output.unicodeScalars.contains { ("∫"..."∳").contains($0) || $0 == "⨌" }
        case .operatorName(let output)?:
            return Self.limitNames.contains(output)
        default:
            return false
        }
    }

    static let limitNames: Set<String> = [
        "lim", "liminf", "limsup", "lim inf", "lim sup", "max", "min", "sup", "inf", "det", "gcd", "Pr", "argmax",
        "argmin", "arg max", "arg min",
    ]

    // MARK: Delimiters and tables

    mutating func leftRight(_ index: Int) -> HTMLNode {
        let node = tree.nodes[index]
        let children = tree.children(of: index)
        guard let first = children.first else { return Self.element("mrow") }
        var out = [delimiter(first)]
        let bodyEnd = node.isClosed ? children.endIndex - 1 : children.endIndex
        if children.startIndex + 1 < bodyEnd { out += items(children[(children.startIndex + 1)..<bodyEnd]) }
        if node.isClosed, let last = children.last { out.append(delimiter(last)) }
        return Self.element("mrow", children: out)
    }

    /// `\left(` grows with what it encloses; `\left.` is an empty operator.
    func delimiter(_ index: Int32) -> HTMLNode {
        let node = tree.nodes[Int(index)]
        let isDot = node.kind == .text && node.end - node.start == 1 && tree.source[Int(node.start)] == "."
        return Self.element("mo", [("fence", "true"), ("stretchy", "true")], text: isDot ? "" : plainText(of: index))
    }

    enum ColumnAlignment { case center, left, alternating }

    mutating func environment(_ index: Int) -> [HTMLNode] {
        guard let environment = tree.environment(of: index) else {
            return [Self.element("mtext", text: tree.text(of: index))]
        }
        let body = tree.children(of: index).filter {
            let kind = tree.nodes[Int($0)].kind
            return kind != .verbatim && kind != .optionalArgument
        }
        switch environment.kind {
        case .matrix:
            let table = self.table(rows(body[...]), alignment: .center)
            let (open, close) = environment.delimiters
            if open.isEmpty { return [table] }
            return [Self.element("mrow", children: [
                Self.element("mo", [("fence", "true"), ("stretchy", "true")], text: open), table,
                Self.element("mo", [("fence", "true"), ("stretchy", "true")], text: close),
            ])]
        case .cases:
            return [Self.element("mrow", children: [
                Self.element("mo", [("fence", "true"), ("stretchy", "true")], text: "{"),
                table(rows(body[...]), alignment: .left),
            ])]
        case .aligned, .displayMath, .inlineMath:
            return block(body[...])
        case .itemize, .enumerate, .description, .tabular, .block:
            let text = plainText(of: Int32(index))
            return text.isEmpty ? [] : [Self.element("mtext", text: text)]
        }
    }

    /// The items split into rows at `\\` and into cells at `&`; a last empty row (a
    /// trailing `\\`) is dropped.
    func rows(_ children: ArraySlice<Int32>) -> [[ArraySlice<Int32>]] {
        var rows: [[ArraySlice<Int32>]] = []
        var cells: [ArraySlice<Int32>] = []
        var cellStart = children.startIndex
        for position in children.indices {
            let child = children[position]
            let node = tree.nodes[Int(child)]
            let isRowEnd = if case .lineBreak? = tree.commandKind(of: Int(child)) { true } else { false }
            guard node.kind == .alignment || isRowEnd else { continue }
            cells.append(children[cellStart..<position])
            cellStart = position + 1
            if isRowEnd {
                rows.append(cells)
                cells = []
            }
        }
        cells.append(children[cellStart...])
        let lastIsEmpty = cells.count == 1 && !cells[0].contains { isVisible($0) }
        if !(lastIsEmpty && !rows.isEmpty) { rows.append(cells) }
        return rows
    }

    func isVisible(_ index: Int32) -> Bool {
        switch tree.nodes[Int(index)].kind {
        case .comment, .paragraphBreak: return false
        case .text: return tree.source[Int(tree.nodes[Int(index)].start)..<Int(tree.nodes[Int(index)].end)].contains { !CharacterClass.isSpace($0) }
        default: return true
        }
    }

    /// `mtable` with one `mtd` per cell. Aligned equations alternate right and left
    /// columns, as `align` does.
    mutating func table(_ rows: [[ArraySlice<Int32>]], alignment: ColumnAlignment, displayStyle: Bool = false) -> HTMLNode {
        var out: [HTMLNode] = []
        for row in rows {
            var cells: [HTMLNode] = []
            for (column, cell) in row.enumerated() {
                let align: String
                switch alignment {
                case .center: align = "center"
                case .left: align = "left"
                case .alternating: align = row.count == 1 ? "center" : column % 2 == 0 ? "right" : "left"
                }
                // MathML Core leaves `columnalign` out: the page's style sheet aligns a cell
                // by its class.
                cells.append(Self.element("mtd", align == "center" ? [] : [("class", align)], children: items(cell)))
            }
            out.append(Self.element("mtr", children: cells))
        }
        // The rows of `align` are displayed formulas; a table's cells otherwise are not.
        return Self.element("mtable", displayStyle ? [("displaystyle", "true")] : [], children: out)
    }

    // MARK: Helpers

    /// The plain-text rendering of one node, from the module's math renderer.
    func plainText(of index: Int32, trimmed: Bool = true) -> String {
        var renderer = MathRenderer(tree: tree, rules: .unambiguous)
        renderer.reset()
        renderer.render(single: Int(index))
        let text = MathPieces.plain(renderer.list)
        return trimmed ? FormulaSink.trimmed(text) : text
    }

    static func element(_ name: String, _ attributes: [(String, String)] = [], text: String) -> HTMLNode {
        element(name, attributes, children: [.text(text)])
    }

    static func element(_ name: String, _ attributes: [(String, String)] = [], children: [HTMLNode] = []) -> HTMLNode {
        .element(name, attributes: attributes.map { HTMLAttribute(name: $0.0, value: $0.1) }, children: children)
    }

    static func space(_ width: String) -> HTMLNode { element("mspace", [("width", width)]) }
}
