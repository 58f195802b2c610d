/// What the text walker produces, abstracted so that plain text, HTML and text inside math
/// (`\text{…}`) share one walker. Sinks own whitespace: callers say "a space here" and the
/// sink collapses runs and trims edges as its format requires.
protocol TextSink {
    /// Whether `append(a); space(); append(b)`, with `a` not empty, writes exactly `a`, one
    /// space and `b`. The walker then hands such a sink prose a phrase at a time, single
    /// spaces included, rather than a word at a time.
    static var keepsSingleSpacesInRuns: Bool { get }
    mutating func append(_ text: String)
    /// `append(_:)` of a string's UTF-8, for `TeeSink` to read a string's bytes once for
    /// both of its sinks.
    mutating func append(stringUTF8: UnsafeBufferPointer<UInt8>)
    /// Source text, as the UTF-8 of whole scalars (see `SyntaxTree.utf8Range(_:_:)`).
    mutating func append(utf8: Span<UInt8>)
    mutating func space()
    mutating func lineBreak()
    mutating func paragraphBreak()
    mutating func beginStyle(_ style: TextStyle)
    mutating func endStyle(_ style: TextStyle)
    /// `showURL`: `\href` (the URL is shown after the text in plain text), not `\url`.
    mutating func beginLink(url: String, showURL: Bool)
    mutating func endLink(url: String, showURL: Bool)
    mutating func math(_ list: MathPieceList, display: Bool)
    /// Called right before `math(_:display:)` with the formula's place in the tree, for a
    /// sink that renders the formula from the tree itself (MathML).
    mutating func willRenderMath(_ formula: MathFormula)
    mutating func beginList(ordered: Bool)
    mutating func beginItem(label: String?)
    mutating func endList()
}

extension TextSink {
    mutating func willRenderMath(_ formula: MathFormula) {}
}

/// A formula as the text walker meets it: a node whose children are the formula (`$…$`,
/// `equation`), or a node that is one math item met in text (`\alpha` outside math).
struct MathFormula {
    var node: Int
    var childrenOnly: Bool
    var display: Bool
}

/// Walks text-mode nodes. Recursion follows the tree, whose depth the parser caps.
struct TextRenderer<Sink: TextSink> {
    let tree: SyntaxTree
    var sink: Sink
    /// Inside `tabular`, `&` separates cells instead of being a stray character.
    private var tabularDepth = 0
    /// The math renderer of every formula, kept between them (see `renderAsMath(display:_:)`).
    private var math: MathRenderer
    /// Whether a bare `http://` or `https://` address in prose becomes a link, as `\url{…}`
    /// does (see `renderTextLinkingURLs`).
    var linksBareURLs = false

    init(tree: SyntaxTree, sink: Sink, rules: LinearMathRules) {
        self.tree = tree
        self.sink = sink
        math = MathRenderer(tree: tree, rules: rules)
    }

    mutating func renderChildren(of index: Int) {
        for child in tree.children(of: index) { renderNode(child) }
    }

    mutating func renderNode(_ index: Int32) {
        let node = tree.nodes[Int(index)]
        switch node.kind {
        case .root:
            renderChildren(of: Int(index))
        case .text:
            if linksBareURLs {
                renderTextLinkingURLs(Int(node.start), Int(node.end), plainRun: node.flags.contains(.plainRun))
            } else {
                renderTextRun(Int(node.start), Int(node.end), plainRun: node.flags.contains(.plainRun))
            }
        case .paragraphBreak:
            sink.paragraphBreak()
        case .group:
            if !node.isClosed { sink.append("{") }
            renderChildren(of: Int(index))
        case .optionalArgument:
            sink.append("[")
            renderChildren(of: Int(index))
            if node.isClosed { sink.append("]") }
        case .math:
            renderMath(Int(index))
        case .command:
            renderCommand(Int(index))
        case .environment:
            renderEnvironment(Int(index))
        case .alignment:
            if tabularDepth > 0 {
                sink.space()
                sink.append("|")
                sink.space()
            } else {
                sink.append("&")
            }
        case .leftRight, .scripts:
            // Math constructs met in text (already reported): show them as math.
            renderAsMath(MathFormula(node: Int(index), childrenOnly: false, display: false))
        case .verbatim, .raw, .comment:
            renderSource(Int(node.start), Int(node.end))
        }
    }

    // MARK: Text

    /// Prose from `start` to `end` of a text node (`plainRun`: the node holds no ligature
    /// and no run of spaces).
    mutating func renderTextRun(_ start: Int, _ end: Int, plainRun: Bool) {
        if Sink.keepsSingleSpacesInRuns && plainRun {
            renderPlainRun(start, end)
        } else {
            renderText(start, end)
        }
    }

    /// Prose in which each bare `http://` or `https://` address is a link, as if written
    /// `\url{…}`: the address runs to the next space, less the punctuation that ends a
    /// sentence or a clause (`.` `,` `;` `:` `!` `?` and quotes) and a closing parenthesis or
    /// bracket it does not open. It is shown as written (no ligature), in the plain text too.
    mutating func renderTextLinkingURLs(_ start: Int, _ end: Int, plainRun: Bool) {
        let source = tree.source
        var from = start
        var index = start
        while index + 7 <= end {
            guard source[index] == "h" || source[index] == "H", let length = Self.schemeLength(source, at: index, end: end),
                  index == start || !Self.continuesWord(source[index - 1])
            else {
                index += 1
                continue
            }
            var stop = index + length
            while stop < end, !CharacterClass.isSpace(source[stop]) { stop += 1 }
            // An address that goes on past the text (into `_`, `%`, `#` or a command,
            // which \url{…} is for) stays text rather than become a link cut short.
            let cut = stop == end && end < source.count && !CharacterClass.isSpace(source[end])
            stop = Self.trimmedURLEnd(source, from: index, to: stop)
            guard !cut, stop > index + length else {
                index += length
                continue
            }
            renderTextRun(from, index, plainRun: plainRun)
            var url = ""
            url.unicodeScalars.append(contentsOf: source[index..<stop])
            sink.beginLink(url: url, showURL: false)
            sink.append(url)
            sink.endLink(url: url, showURL: false)
            from = stop
            index = stop
        }
        renderTextRun(from, end, plainRun: plainRun)
    }

    /// The length of `http://` or `https://` (any case) at `index`, if one is there.
    static func schemeLength(_ source: [Unicode.Scalar], at index: Int, end: Int) -> Int? {
        for scheme in bareURLSchemes where index + scheme.count <= end {
            // The schemes are ASCII: a letter matches itself or its capital, 32 before it.
            // (Asking Unicode for the capital made a string for every `h` of every text.)
            let matches = zip(scheme, source[index...]).allSatisfy { expected, found in
                expected == found || (("a"..."z").contains(expected) && found.value == expected.value - 0x20)
            }
            if matches { return scheme.count }
        }
        return nil
    }

    /// Whether `scalar` before `http` makes it part of a word (`xhttp://` is no address).
    static func continuesWord(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "/" || scalar == "_"
    }

    /// Where an address from `start` to `end` really ends: closing punctuation and an
    /// unmatched closing parenthesis or bracket belong to the sentence.
    static func trimmedURLEnd(_ source: [Unicode.Scalar], from start: Int, to end: Int) -> Int {
        var stop = end
        while stop > start {
            let last = source[stop - 1]
            if ".,;:!?'\"’”".unicodeScalars.contains(last) {
                stop -= 1
            } else if last == ")" || last == "]" {
                let open: Unicode.Scalar = last == ")" ? "(" : "["
                let opened = source[start..<stop].filter { $0 == open }.count
                let closed = source[start..<stop].filter { $0 == last }.count
                guard closed > opened else { break }
                stop -= 1
            } else {
                break
            }
        }
        return stop
    }

    /// A run of `count` dashes or quotes with its ligatures: `--` en dash, `---` em dash,
    /// ``` `` ``` and `''` curly double quotes. Runs that are one character or one ligature
    /// (almost all) are literals: building them with `String(repeating:)` and `+` cost two
    /// strings, an append and their releases each.
    static func ligature(_ scalar: Unicode.Scalar, count: Int) -> String {
        switch (scalar, count) {
        case ("-", 1): return "-"
        case ("-", 2): return "–"
        case ("-", 3): return "—"
        case ("`", 1): return "‘"
        case ("`", 2): return "“"
        case ("'", 1): return "’"
        case ("'", 2): return "”"
        case ("-", _): return String(repeating: "—", count: count / 3) + (count % 3 == 2 ? "–" : count % 3 == 1 ? "-" : "")
        case ("`", _): return String(repeating: "“", count: count / 2) + (count % 2 == 1 ? "‘" : "")
        default: return String(repeating: "”", count: count / 2) + (count % 2 == 1 ? "’" : "")
        }
    }

    /// Prose with TeX's ligatures: dashes, quotes, `~`. Whitespace goes to the sink.
    mutating func renderText(_ start: Int, _ end: Int) {
        // Local copies: a span of `tree.utf8` could not be lent to the sink, a part of `self`.
        let (source, utf8) = (tree.source, tree.utf8)
        var index = start
        while index < end {
            let scalar = source[index]
            switch scalar {
            case " ", "\t", "\n", "\r":
                sink.space()
                index += 1
            case "~":
                sink.append("\u{00A0}")
                index += 1
            case "-", "`", "'":
                var count = 0
                while index < end, source[index] == scalar {
                    count += 1
                    index += 1
                }
                sink.append(Self.ligature(scalar, count: count))
            default:
                var runEnd = index + 1
                while runEnd < end {
                    if Self.isPlain(source[runEnd]) {
                        runEnd += 1
                    } else if Sink.keepsSingleSpacesInRuns, source[runEnd] == " ", runEnd + 1 < end,
                              Self.isPlain(source[runEnd + 1]) {
                        runEnd += 2
                    } else {
                        break
                    }
                }
                sink.append(utf8: utf8.span.extracting(tree.utf8Range(index, runEnd)))
                index = runEnd
            }
        }
    }

    /// A `plainRun` node, as `renderText` would write it: a space at either edge, and
    /// between them one piece (its spaces are single and between plain scalars).
    mutating func renderPlainRun(_ start: Int, _ end: Int) {
        let (source, utf8) = (tree.source, tree.utf8)
        var first = start
        var last = end
        if first < last, source[first] == " " {
            sink.space()
            first += 1
        }
        let trailingSpace = last > first && source[last - 1] == " "
        if trailingSpace { last -= 1 }
        if first < last { sink.append(utf8: utf8.span.extracting(tree.utf8Range(first, last))) }
        if trailingSpace { sink.space() }
    }

    /// Whether prose copies a scalar as it is (no whitespace, no ligature).
    /// Tests a 128-bit set, like `CharacterClass.breaksTextRun`: prose runs test every scalar.
    static func isPlain(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value >= 128 { return true }
        // 0x09 0x0A 0x0D 0x20 (whitespace), 0x27 ', 0x2D -; 0x60 `, 0x7E ~ (less 64)
        let low: UInt64 = 1 << 0x09 | 1 << 0x0A | 1 << 0x0D | 1 << 0x20 | 1 << 0x27 | 1 << 0x2D
        let high: UInt64 = 1 << (0x60 - 64) | 1 << (0x7E - 64)
        return value < 64 ? (low >> value) & 1 == 0 : (high >> (value & 63)) & 1 == 0
    }

    /// Source kept as written (unknown commands, broken constructs), whitespace collapsed.
    mutating func renderSource(_ start: Int, _ end: Int) {
        let (source, utf8) = (tree.source, tree.utf8)
        var index = start
        while index < end {
            if CharacterClass.isSpace(source[index]) {
                sink.space()
                index += 1
                continue
            }
            var runEnd = index + 1
            while runEnd < end, !CharacterClass.isSpace(source[runEnd]) { runEnd += 1 }
            sink.append(utf8: utf8.span.extracting(tree.utf8Range(index, runEnd)))
            index = runEnd
        }
    }

    // MARK: Math

    mutating func renderMath(_ index: Int) {
        let node = tree.nodes[index]
        // Unclosed math and prices are prose that happens to contain `$`: show the source.
        if !node.isClosed || node.flags.contains(.looksLikeMoney) {
            renderSource(Int(node.start), Int(node.end))
            return
        }
        let display = node.flags.contains(.display)
        renderAsMath(MathFormula(node: index, childrenOnly: true, display: display))
    }

    mutating func renderAsMath(_ formula: MathFormula) {
        sink.willRenderMath(formula)
        if formula.childrenOnly {
            renderAsMath(display: formula.display) { $0.render(children: formula.node) }
        } else {
            renderAsMath(display: formula.display) { $0.render(single: formula.node) }
        }
    }

    /// Renders math and hands the pieces to the sink. One renderer serves every formula:
    /// creating one copies the tree (seven arrays to retain and release) and allocates a
    /// piece list, and an abstract has dozens of formulas. (Moving it out of an optional
    /// while in use would copy it.) Text inside math (`\text{…}`) gets a walker of its own,
    /// so the renderer is never in use twice.
    mutating func renderAsMath(display: Bool, _ render: (inout MathRenderer) -> Void) {
        math.reset()
        render(&math)
        sink.math(math.list, display: display)
    }

    // MARK: Commands

    /// An argument's content: a group's children without the braces, or the token itself.
    mutating func renderArgument(_ argument: Int32?) {
        guard let argument else { return }
        let node = tree.nodes[Int(argument)]
        if node.kind == .group || node.kind == .optionalArgument {
            renderChildren(of: Int(argument))
        } else {
            renderNode(argument)
        }
    }

    /// An argument as plain text: verbatim content as is, anything else rendered.
    func plainText(_ argument: Int32?) -> String {
        guard let argument else { return "" }
        let node = tree.nodes[Int(argument)]
        if node.kind == .verbatim { return tree.text(of: Int(argument)) }
        var renderer = TextRenderer<PlainTextSink>(tree: tree, sink: PlainTextSink(), rules: math.rules)
        renderer.renderArgument(argument)
        return renderer.sink.finish()
    }

    /// The target of a `\url` or `\href` command node, as the sinks receive it (and as the
    /// checker tests it).
    func linkURL(_ index: Int) -> String {
        plainText(tree.argument(index, 0))
    }

    mutating func renderCommand(_ index: Int) {
        let node = tree.nodes[index]
        // Kind and mode alone: copying the whole entry would retain and release its name.
        guard let kind = tree.commandKind(of: index), let mode = tree.commandMode(of: index) else {
            renderSource(Int(node.start), Int(node.end))
            return
        }
        switch kind {
        case .symbol(let output):
            if mode == .math {
                renderAsMath(index)
            } else if !output.isEmpty {
                sink.append(output)
            }
        case .textAccent(let mark):
            renderTextAccent(index, mark: mark)
        case .textStyle(let style):
            sink.beginStyle(style)
            renderArgument(tree.argument(index, 0))
            sink.endStyle(style)
        case .textBox:
            renderArgument(tree.argument(index, 0))
        case .lineAccent where mode == .both:
            // `\underline` in text: the spec keeps just the text.
            renderArgument(tree.argument(index, 0))
        case .spacing(let output):
            if !output.isEmpty { sink.space() }
        case .ignored, .begin, .end:
            break
        case .url:
            let url = linkURL(index)
            sink.beginLink(url: url, showURL: false)
            sink.append(url)
            sink.endLink(url: url, showURL: false)
        case .href:
            let url = linkURL(index)
            sink.beginLink(url: url, showURL: true)
            renderArgument(tree.argument(index, 1))
            sink.endLink(url: url, showURL: true)
        case .footnote:
            sink.space()
            sink.append("(")
            renderArgument(tree.argument(index, 0))
            sink.append(")")
        case .cite:
            var text = "[" + plainText(tree.argument(index, 0))
            if let optional = tree.optionalArgument(index) {
                let note = plainText(optional)
                if !note.isEmpty { text += ", " + note }
            }
            sink.append(text + "]")
        case .reference:
            sink.append("[" + plainText(tree.argument(index, 0)) + "]")
        case .equationReference:
            sink.append("(" + plainText(tree.argument(index, 0)) + ")")
        case .item:
            sink.beginItem(label: tree.optionalArgument(index).map { plainText($0) })
        case .section:
            if tree.name(of: index) == "paragraph" {
                sink.paragraphBreak()
                renderArgument(tree.argument(index, 0))
                sink.space()
            } else {
                sink.paragraphBreak()
                renderArgument(tree.argument(index, 0))
                sink.paragraphBreak()
            }
        case .lineBreak:
            sink.lineBreak()
        case .paragraph:
            sink.paragraphBreak()
        default:
            // Math commands in text (already reported): render them as math would.
            renderAsMath(index)
        }
    }

    mutating func renderAsMath(_ index: Int) {
        renderAsMath(MathFormula(node: index, childrenOnly: false, display: false))
    }

    /// `\"o`, `\"{o}`, `\H{o}`, `\"\i`: base plus combining mark, composed (NFC).
    mutating func renderTextAccent(_ index: Int, mark: Unicode.Scalar) {
        let node = tree.nodes[index]
        let argument = tree.argument(index, 0)
        if let argument, let base = singleScalar(argument) {
            // The common cases, `\"o` and `\H{o}`: one scalar, no need to render anything.
            sink.append(Composition.compose(tree.source[base], mark))
            return
        }
        let base = plainText(argument)
        guard let first = base.unicodeScalars.first, !node.flags.contains(.incomplete) else {
            renderSource(Int(node.start), Int(node.end))
            return
        }
        sink.append(Composition.compose(first, mark) + String(base.unicodeScalars.dropFirst()))
    }

    /// Where the one scalar of an accent's argument is, when the argument is that scalar:
    /// a one-scalar token (`\"o`), or a group holding just one that renders as itself
    /// (`\H{o}`, but not `\H{-}`, whose rendering is a ligature's).
    func singleScalar(_ argument: Int32) -> Int? {
        var node = tree.nodes[Int(argument)]
        if node.kind == .group {
            let children = tree.children(of: Int(argument))
            guard children.count == 1 else { return nil }
            node = tree.nodes[Int(children[children.startIndex])]
            guard node.end - node.start == 1, Self.isPlain(tree.source[Int(node.start)]) else { return nil }
        }
        return node.kind == .text && node.end - node.start == 1 ? Int(node.start) : nil
    }

    // MARK: Environments

    mutating func renderEnvironment(_ index: Int) {
        guard let environment = tree.environment(of: index) else {
            // Unknown (already reported): `\begin{…}` and `\end{…}` stay as written, around
            // the body rendered, so that nothing of the source is dropped.
            let (opener, closer) = tree.delimiters(of: index)
            renderSource(opener.lowerBound, opener.upperBound)
            renderChildren(of: index)
            renderSource(closer.lowerBound, closer.upperBound)
            return
        }
        switch environment.kind {
        case .displayMath, .inlineMath:
            let display = environment.kind == .displayMath
            renderAsMath(MathFormula(node: index, childrenOnly: true, display: display))
        case .itemize, .enumerate, .description:
            sink.beginList(ordered: environment.kind == .enumerate)
            renderChildren(of: index)
            sink.endList()
        case .tabular:
            tabularDepth += 1
            sink.paragraphBreak()
            renderChildren(of: index)
            sink.paragraphBreak()
            tabularDepth -= 1
        case .block:
            sink.paragraphBreak()
            renderChildren(of: index)
            sink.paragraphBreak()
        case .matrix, .cases, .aligned:
            // Math environments in text (already reported): render them as math.
            renderAsMath(index)
        }
    }
}

/// Text inside math (`\text{ if }`): spaces are kept at the edges, since they separate the
/// text from the surrounding formula. Appends to the math renderer's list (see
/// `MathRenderer.renderAsText(_:)`).
struct PieceSink: TextSink {
    /// Spaces become pieces of their own, which `\not` (it composes with the last piece)
    /// can tell apart.
    static var keepsSingleSpacesInRuns: Bool { false }
    var list = MathPieceList()
    var pendingSpace = false

    mutating func flushSpace() {
        if pendingSpace {
            list.append(" " as Unicode.Scalar)
            pendingSpace = false
        }
    }

    mutating func append(stringUTF8: UnsafeBufferPointer<UInt8>) {
        append(String(decoding: stringUTF8, as: UTF8.self))
    }

    mutating func append(_ text: String) {
        guard !text.isEmpty else { return }
        flushSpace()
        list.append(text)
    }

    mutating func append(utf8: Span<UInt8>) {
        flushSpace()
        utf8.withUnsafeBufferPointer { list.append(utf8: $0) }
    }

    mutating func space() { pendingSpace = true }
    mutating func lineBreak() { pendingSpace = true }
    mutating func paragraphBreak() { pendingSpace = true }

    mutating func beginStyle(_ style: TextStyle) {
        flushSpace()
        if style != .plain { list.append(.beginStyle(style)) }
    }

    mutating func endStyle(_ style: TextStyle) {
        if style != .plain { list.append(.endStyle) }
    }

    mutating func beginLink(url: String, showURL: Bool) { flushSpace() }

    mutating func endLink(url: String, showURL: Bool) {
        if showURL { append(" (" + url + ")") }
    }

    mutating func math(_ list: MathPieceList, display: Bool) {
        flushSpace()
        self.list.append(contentsOf: list)
    }

    mutating func beginList(ordered: Bool) {}
    mutating func beginItem(label: String?) { append((label ?? "•") + " ") }
    mutating func endList() {}
}

/// The schemes a bare address starts with (`TextRenderer.schemeLength`).
private let bareURLSchemes: [[Unicode.Scalar]] = ["http://", "https://"].map { Array($0.unicodeScalars) }
