/// Writes the math nodes of a syntax tree as MathML Core elements, as events into one
/// fragment (`out`): no array per element nor string per text, which a tree of nodes
/// costs to build and to free. Recursion follows the tree, whose depth the parser caps.
struct MathMLBuilder {
    let tree: SyntaxTree
    /// Display style: big operators take their limits above and below.
    var display = false
    /// The alphabet of `\mathbb{…}` and friends while inside one.
    private var font: MathFont?
    /// Every formula written so far.
    var out = HTMLFragment()

    init(tree: SyntaxTree) {
        self.tree = tree
    }

    // MARK: Writing

    /// An element's start, with up to two attributes.
    mutating func open(_ name: String, _ first: (String, String)? = nil, _ second: (String, String)? = nil) {
        out.startElement(name)
        if let first { out.appendAttribute(first.0, first.1) }
        if let second { out.appendAttribute(second.0, second.1) }
    }

    mutating func close() { out.endElement() }

    /// A token element: `<mi>x</mi>`.
    mutating func token(_ name: String, _ text: String) {
        token(name, nil, text)
    }

    mutating func token(_ name: String, _ attribute: (String, String)?, _ text: String) {
        open(name, attribute)
        out.appendText(text)
        close()
    }

    mutating func space(_ width: String) {
        open("mspace", ("width", width))
        close()
    }

    /// What `body` writes, as one element: itself when it writes one node, else in an
    /// `mrow` (an empty one when it writes nothing).
    mutating func row(_ body: (inout MathMLBuilder) -> Void) {
        let mark = out.mark
        body(&self)
        if out.topLevelNodes(since: mark) != 1 { out.wrap(since: mark, in: "mrow") }
    }

    /// An `mrow` of `(`, what `body` writes, and `)`.
    mutating func parenthesized(_ body: (inout MathMLBuilder) -> Void) {
        open("mrow")
        token("mo", "(")
        body(&self)
        token("mo", ")")
        close()
    }

    // MARK: Lists

    /// A formula's body: a table when it has rows or cells (`align`, `\\` in `$$…$$`),
    /// else its items.
    mutating func block(_ children: ArraySlice<Int32>) {
        let rows = self.rows(children)
        if rows.count == 1 && rows[0].count == 1 { return items(rows[0][0]) }
        table(rows, alignment: .alternating, displayStyle: display)
    }

    /// Items one after another. `\not` composes with the item after it.
    mutating func items<Items: Collection<Int32>>(_ children: Items) {
        var negate = false
        for child in children {
            if case .negation? = tree.commandKind(of: Int(child)) {
                negate = true
                continue
            }
            let mark = out.mark
            item(child)
            if negate, out.topLevelNodes(since: mark) > 0 {
                out.truncate(to: mark)
                token("mo", plainText(of: child) + "\u{338}")
                negate = false
            }
        }
    }

    /// An argument as one element: a group's items in an `mrow` (or the only item).
    mutating func argument(_ index: Int32?) {
        guard let index else {
            open("mrow")
            return close()
        }
        if tree.nodes[Int(index)].kind == .group {
            let children = tree.children(of: Int(index))
            row { $0.items(children) }
        } else {
            row { $0.item(index) }
        }
    }

    // MARK: Items

    mutating func item(_ index: Int32) {
        let node = tree.nodes[Int(index)]
        switch node.kind {
        case .text:
            text(Int(node.start), Int(node.end))
        case .command:
            command(Int(index))
        case .group, .optionalArgument:
            let mark = out.mark
            items(tree.children(of: Int(index)))
            if out.topLevelNodes(since: mark) > 1 { out.wrap(since: mark, in: "mrow") }
        case .scripts:
            scripts(Int(index))
        case .leftRight:
            leftRight(Int(index))
        case .environment:
            environment(Int(index))
        case .raw, .math, .verbatim:
            token("mtext", tree.text(of: Int(index)))
        case .alignment, .comment, .paragraphBreak, .root:
            break
        }
    }

    /// A run of letters, digits and punctuation: a letter is an identifier, a run of digits
    /// (with its decimal point) a number, anything else an operator.
    mutating func text(_ start: Int, _ end: Int) {
        let source = tree.source
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
                token("mn", number)
                continue
            }
            switch scalar {
            case " ", "\t", "\n", "\r":
                continue
            case "~":
                space("0.2778em")
            case "'":
                var primes = "′"
                while index < end, source[index] == "'" {
                    primes += "′"
                    index += 1
                }
                token("mo", primes)
            case "-":
                token("mo", "−")
            case "*":
                token("mo", "∗")
            default:
                if Self.isLetter(scalar) {
                    identifier(scalar)
                } else if "()[]|".unicodeScalars.contains(scalar) {
                    // TeX keeps a delimiter written without `\left` at its size.
                    token("mo", ("stretchy", "false"), String(scalar))
                } else {
                    token("mo", String(scalar))
                }
            }
        }
    }

    /// Whether `scalar` is alphabetic; ASCII is answered without the Unicode property
    /// lookup, which cost more than the rest of a token.
    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.isASCII else { return scalar.properties.isAlphabetic }
        let lowered = scalar.value | 0x20
        return lowered >= 0x61 && lowered <= 0x7A
    }

    /// A letter in the current alphabet: `\mathbb` and friends become the Unicode
    /// mathematical letters, `\mathrm` an upright `mi`.
    mutating func identifier(_ scalar: Unicode.Scalar) {
        switch font {
        case nil, .italic?:
            token("mi", String(scalar))
        case .roman?:
            token("mi", ("mathvariant", "normal"), String(scalar))
        case let font?:
            // A mapped letter is upright by nature; `normal` keeps the browser from
            // looking for an italic form of it.
            token("mi", ("mathvariant", "normal"), String(MathAlphabets.map(scalar, font)))
        }
    }

    // MARK: Commands

    mutating func command(_ index: Int) {
        guard let kind = tree.commandKind(of: index) else {
            // Unknown (already reported): its source, as text.
            return token("mtext", tree.text(of: index))
        }
        switch kind {
        case .symbol(let output):
            if output.unicodeScalars.count == 1, let scalar = output.unicodeScalars.first,
               scalar.properties.isAlphabetic || Self.ordinarySymbols.contains(scalar)
            {
                // TeX sets capital Greek upright, a lone `mi` would be italic.
                let upright = (0x391...0x3A9).contains(scalar.value)
                return token("mi", upright ? ("mathvariant", "normal") : nil, output)
            }
            token("mo", output)
        case .relation(let output), .binary(let output), .punctuation(let output):
            token("mo", output)
        case .opening(let output), .closing(let output):
            token("mo", ("stretchy", "false"), output)
        case .operatorName(let output):
            // MathML Core spaces operators, not identifiers: `\log p` needs its thin space.
            token("mi", output)
            space("0.1667em")
        case .bigOperator(let output):
            token("mo", output)
        case .operatorNameCommand:
            token("mi", tree.argument(index, 0).map { plainText(of: $0) } ?? "")
            space("0.1667em")
        case .mathFont(let font):
            let outer = self.font
            self.font = font
            defer { self.font = outer }
            argument(tree.argument(index, 0))
        case .mathAccent(let mark):
            open("mover", ("accent", "true"))
            argument(tree.argument(index, 0))
            token("mo", Self.spacingAccent(mark))
            close()
        case .lineAccent(let mark):
            let under = mark == "\u{332}"
            open(under ? "munder" : "mover", (under ? "accentunder" : "accent", "true"))
            argument(tree.argument(index, 0))
            token("mo", ("stretchy", "true"), under ? "_" : "‾")
            close()
        case .fraction:
            open("mfrac")
            argument(tree.argument(index, 0))
            argument(tree.argument(index, 1))
            close()
        case .binomial:
            let (top, bottom) = (tree.argument(index, 0), tree.argument(index, 1))
            parenthesized {
                $0.open("mfrac", ("linethickness", "0"))
                $0.argument(top)
                $0.argument(bottom)
                $0.close()
            }
        case .squareRoot:
            if let degree = tree.optionalArgument(index) {
                open("mroot")
                argument(tree.argument(index, 0))
                let children = tree.children(of: Int(degree))
                row { $0.items(children) }
            } else {
                open("msqrt")
                argument(tree.argument(index, 0))
            }
            close()
        case .sizedDelimiter:
            guard let delimiter = tree.argument(index, 0) else { return }
            token("mo", ("stretchy", "false"), plainText(of: delimiter))
        case .middle:
            guard let delimiter = tree.argument(index, 0) else { return }
            token("mo", ("stretchy", "true"), plainText(of: delimiter))
        case .passThrough:
            argument(tree.argument(index, 0))
        case .spacing:
            if let width = Self.spaces[tree.name(of: index)] { space(width) }
        case .overset, .underset:
            let over = if case .overset = kind { true } else { false }
            open(over ? "mover" : "munder")
            argument(tree.argument(index, 1))
            argument(tree.argument(index, 0))
            close()
        case .parenthesizedMod:
            let modulus = tree.argument(index, 0)
            parenthesized {
                $0.token("mi", "mod")
                $0.space("0.1667em")
                $0.argument(modulus)
            }
        case .textBox, .textAccent, .textStyle, .url, .href, .footnote, .cite, .item, .section, .paragraph,
             .reference, .equationReference, .tag:
            // Text in math: what the plain rendering says of it. A browser trims the edges
            // of a token, but `\text{ if }` is spaced on purpose: no-break spaces stay.
            let text = String(String.UnicodeScalarView(plainText(of: Int32(index), trimmed: false).unicodeScalars.map {
                $0 == " " ? "\u{A0}" : $0
            }))
            if !text.isEmpty { token("mtext", text) }
        case .ignored, .begin, .end, .left, .right, .lineBreak, .negation:
            break
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

    mutating func scripts(_ index: Int) {
        let node = tree.nodes[index]
        if node.flags.contains(.extraScript) { return token("mtext", tree.text(of: index)) }
        let slots = Int(node.childStart)
        let base = tree.links[slots], sub = tree.links[slots + 1], sup = tree.links[slots + 2]
        let limits = display && base >= 0 && takesLimits(base)
        let name: String? = switch (sub >= 0, sup >= 0) {
        case (true, true): limits ? "munderover" : "msubsup"
        case (true, false): limits ? "munder" : "msub"
        case (false, true): limits ? "mover" : "msup"
        case (false, false): nil
        }
        if let name { open(name) }
        let mark = out.mark
        if base >= 0 {
            row { $0.item(base) }
        } else {
            open("mrow")
            close()
        }
        if limits, out.isSingleElement("mo", since: mark) {
            // A big operator's limits move beside it wherever the style is not display (a
            // table's cells are not): these are meant above and below.
            out.addAttribute("movablelimits", "false", toElementAt: mark)
        }
        guard name != nil else { return }
        if sub >= 0 { argument(sub) }
        if sup >= 0 { argument(sup) }
        close()
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

    mutating func leftRight(_ index: Int) {
        let node = tree.nodes[index]
        let children = tree.children(of: index)
        open("mrow")
        defer { close() }
        guard let first = children.first else { return }
        delimiter(first)
        let bodyEnd = node.isClosed ? children.endIndex - 1 : children.endIndex
        if children.startIndex + 1 < bodyEnd { items(children[(children.startIndex + 1)..<bodyEnd]) }
        if node.isClosed, let last = children.last { delimiter(last) }
    }

    /// `\left(` grows with what it encloses; `\left.` is an empty operator.
    mutating func delimiter(_ index: Int32) {
        let node = tree.nodes[Int(index)]
        let isDot = node.kind == .text && node.end - node.start == 1 && tree.source[Int(node.start)] == "."
        fence(isDot ? "" : plainText(of: index))
    }

    /// A delimiter that grows with what it encloses: `\left`/`\right`, a matrix's, `cases`'.
    mutating func fence(_ text: String) {
        open("mo", ("fence", "true"), ("stretchy", "true"))
        out.appendText(text)
        close()
    }

    enum ColumnAlignment { case center, left, alternating }

    mutating func environment(_ index: Int) {
        guard let environment = tree.environment(of: index) else {
            return token("mtext", tree.text(of: index))
        }
        let body = tree.children(of: index).filter {
            let kind = tree.nodes[Int($0)].kind
            return kind != .verbatim && kind != .optionalArgument
        }
        switch environment.kind {
        case .matrix:
            let (open, close) = environment.delimiters
            if open.isEmpty { return table(rows(body[...]), alignment: .center) }
            self.open("mrow")
            fence(open)
            table(rows(body[...]), alignment: .center)
            fence(close)
            self.close()
        case .cases:
            open("mrow")
            fence("{")
            table(rows(body[...]), alignment: .left)
            close()
        case .aligned, .displayMath, .inlineMath:
            block(body[...])
        case .itemize, .enumerate, .description, .tabular, .block:
            let text = plainText(of: Int32(index))
            if !text.isEmpty { token("mtext", text) }
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
    mutating func table(_ rows: [[ArraySlice<Int32>]], alignment: ColumnAlignment, displayStyle: Bool = false) {
        // The rows of `align` are displayed formulas; a table's cells otherwise are not.
        open("mtable", displayStyle ? ("displaystyle", "true") : nil)
        for row in rows {
            open("mtr")
            for (column, cell) in row.enumerated() {
                let align: String
                switch alignment {
                case .center: align = "center"
                case .left: align = "left"
                case .alternating: align = row.count == 1 ? "center" : column % 2 == 0 ? "right" : "left"
                }
                // MathML Core leaves `columnalign` out: the page's style sheet aligns a cell
                // by its class.
                open("mtd", align == "center" ? nil : ("class", align))
                items(cell)
                close()
            }
            close()
        }
        close()
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
}
