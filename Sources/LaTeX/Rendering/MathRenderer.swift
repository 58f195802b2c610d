import Foundation

/// Turns math nodes into `MathPiece`s, deciding spacing the way TeX does in spirit: every
/// item is an atom with a class (ordinary, operator, binary, relation, opening, closing,
/// punctuation), and the space between two atoms depends on their classes only.
///
/// Recursion follows the tree, whose depth the parser caps at `LaTeXParser.maximumDepth`.
struct MathRenderer {
    let tree: SyntaxTree
    /// The rules of the linear form (`LinearText.md`); `.original` renders as snapshot
    /// formats 1–3 did, and every grouping below is for `.unambiguous` only.
    let rules: LinearMathRules
    var list = MathPieceList()
    /// Where the argument being rendered by `renderSeparately` starts in `list`: what lies before
    /// belongs to the enclosing list, which `appendSpace` must not look at.
    private var argumentStart = 0
    /// The last fraction written without outer parentheses, while nothing has followed it
    /// (`end` is still the list's end): a factor, script or prime that comes next groups it.
    private var openFraction: (start: Int, end: Int)?
    /// The last root written, while nothing has followed it: a script that comes next groups
    /// it (`(√x)²`, not `√x²`; `(√(a + b))ⁿ`).
    private var openRoot: (start: Int, end: Int)?

    init(tree: SyntaxTree, rules: LinearMathRules) {
        self.tree = tree
        self.rules = rules
        list.rules = rules
    }

    /// Ready for the next formula, keeping the piece list's storage. (Storage is reserved
    /// here, not in `init`: every text walker creates a renderer, most never use it.)
    mutating func reset() {
        list.removeAll()
        list.pieces.reserveCapacity(32)
        argumentStart = 0
        openFraction = nil
        openRoot = nil
    }

    enum AtomClass: UInt8 {
        /// Start of a list: nothing to space against.
        case none
        case ordinary, bigOperator, operatorName, binary, relation, opening, closing, punctuation
        /// An unknown command shown as source: a following letter must not glue onto its name.
        case unknown
        /// A binary operator in unary position (`-x`): spaced as an ordinary atom, but not a
        /// factor that a following fraction would be multiplied by.
        case sign

        /// Whether an atom of this class, next to a fraction, would read as multiplying it
        /// (or, for an operator name, as applied to it).
        var isFactor: Bool {
            switch self {
            case .ordinary, .closing, .opening, .operatorName, .bigOperator, .unknown: return true
            default: return false
            }
        }
    }

    struct Context {
        /// In scripts: no spaces around relations, binary operators and after commas.
        var tight = false
        var font: MathFont?
        /// What `&` becomes (nil: nothing) and what `\\` becomes (nil: a line break).
        /// Literals, not strings: a context is copied for every nested list and script, and
        /// strings would be retained and released at each copy.
        var cellSeparator: StaticString?
        var rowSeparator: StaticString?
    }

    /// What a bare script or root is set apart from: a script from letters, digits and
    /// operators that are words (`p_θ(x)` is p_θ applied to x); a root from any factor
    /// (`√x (a/b)`, which `√x(a/b)` would put under the root).
    enum Separation { case none, letters, factors }

    struct ListState {
        var previous: AtomClass = .none
        /// For a braced group's list, the class of the atom before the group: what the
        /// group's first atom stands next to in the output.
        var outer: AtomClass = .none
        /// The previous atom ends in a bare script (`∇_θ`) or an unparenthesized root (`√n`):
        /// a following factor is set apart by a space, so that it does not read as part of it.
        var separateNext = Separation.none

        /// The class of the atom the next one stands next to, through braces.
        var neighbour: AtomClass { previous == .none ? outer : previous }
    }

    // MARK: Entry points

    /// The content of a formula, inline or displayed: the linear form is the same either
    /// way (the sink sets a displayed formula apart).
    mutating func render(children index: Int) {
        renderList(tree.children(of: index), Context())
    }

    /// A single math-only command met in text (e.g. `\alpha` outside `$`): rendered as math.
    mutating func render(single index: Int) {
        var state = ListState()
        renderItem(Int32(index), &state, Context())
    }

    // MARK: Lists and atoms

    mutating func renderList(_ children: ArraySlice<Int32>, _ context: Context) {
        var state = ListState()
        renderList(children, context, &state)
    }

    mutating func renderList(_ children: ArraySlice<Int32>, _ context: Context, _ state: inout ListState) {
        // A `\\` after the last real content (`a \\ b \\`) ends nothing and is dropped.
        var lastContent = children.endIndex - 1
        while lastContent >= children.startIndex, isTrailingFiller(children[lastContent]) { lastContent -= 1 }
        for position in children.indices {
            let child = children[position]
            if position > lastContent, isLineBreak(child) { continue }
            renderItem(child, &state, context)
        }
    }

    func isLineBreak(_ index: Int32) -> Bool {
        if case .lineBreak = tree.commandKind(of: Int(index)) { return true }
        return false
    }

    func isTrailingFiller(_ index: Int32) -> Bool {
        let node = tree.nodes[Int(index)]
        switch node.kind {
        case .command:
            switch tree.commandKind(of: Int(index)) {
            case .lineBreak?, .ignored?: return true
            default: return false
            }
        case .comment, .paragraphBreak: return true
        case .text: return tree.source[Int(node.start)..<Int(node.end)].allSatisfy(CharacterClass.isSpace)
        default: return false
        }
    }

    /// Spaces between the previous atom and one of class `next`, and returns the class the
    /// atom really has (a binary operator in unary position is ordinary).
    mutating func beginAtom(_ next: AtomClass, _ state: inout ListState, _ context: Context, startsWithLetter: Bool = false) -> AtomClass {
        var atom = next
        let previous = state.previous
        if atom == .binary {
            switch previous {
            case .none, .opening, .relation, .binary, .bigOperator, .operatorName, .punctuation: atom = .sign
            default: break
            }
        }
        if rules == .unambiguous && atom.isFactor && atom != .closing { groupOpenFraction() }
        var space = false
        switch previous {
        case .none:
            space = false
        case .bigOperator:
            space = true
        case .operatorName:
            // `\log n`, `\sin\theta`, `\log\log n`, but `\log(n)` and `\sup|f|`.
            space = startsWithLetter || atom == .bigOperator || atom == .operatorName
        case .unknown:
            space = startsWithLetter || (!context.tight && (atom == .relation || atom == .binary))
        case .relation:
            space = !context.tight && atom != .relation && atom != .closing && atom != .punctuation
        case .binary:
            space = !context.tight
        case .punctuation:
            space = !context.tight && atom != .closing
        default:
            if atom == .relation && previous != .opening { space = !context.tight }
            if atom == .binary { space = !context.tight }
        }
        if rules == .unambiguous && !space && previous != .none {
            // Operator names never touch a letter before them (`d log n`, not `dlog n`),
            // and a bare script or root is set apart from a following factor (`∇_θ f`).
            space = (atom == .operatorName && (previous == .ordinary || previous == .closing || previous == .unknown)
                     && endsWithFactor())
                || (state.separateNext == .letters && (atom == .operatorName || atom == .bigOperator
                    || atom == .unknown || (atom == .ordinary && startsWithLetter)))
                || (state.separateNext == .factors && atom.isFactor && atom != .closing)
        }
        if space { appendSpace() }
        state.previous = atom
        state.separateNext = .none
        return atom
    }

    /// Whether the list (this argument of it) ends in a letter, digit, script, prime or
    /// closing bracket, which an operator name after it would run into (`d log`, but `n/log`).
    func endsWithFactor() -> Bool {
        var position = list.count
        while position > argumentStart {
            position -= 1
            switch list.pieces[position] {
            case .text(let text), .letter(let text):
                guard !text.isEmpty else { continue }
                // The last scalar: step back over continuation bytes.
                var start = text.count - 1
                while start > 0, list.byte(text, start) & 0xC0 == 0x80 { start -= 1 }
                let scalar = list.scalar(text, at: start).scalar
                return MathPieces.isSimple(scalar) || ")]}|‖⟩!".unicodeScalars.contains(scalar)
            case .endScript:
                return true
            case .beginStyle, .endStyle:
                continue
            case .lineBreak, .beginScript:
                return false
            }
        }
        return false
    }

    /// Puts the open fraction, if it is still the end of the list, in parentheses: what
    /// comes next would otherwise read as part of its denominator (`1/2n`).
    mutating func groupOpenFraction() {
        guard let fraction = openFraction else { return }
        openFraction = nil
        if fraction.end == list.count, fraction.start <= list.count { group(from: fraction.start) }
    }

    /// Puts the pieces from `start` on in parentheses.
    mutating func group(from start: Int) {
        list.pieces.insert(.text(MathText("(")), at: start)
        list.append(")" as Unicode.Scalar)
    }

    mutating func appendSpace() {
        if list.count > argumentStart, case .text(let text) = list.pieces[list.count - 1], endsWithSpace(text) {
            return
        }
        list.append(" " as Unicode.Scalar)
    }

    /// Appends a command's output.
    mutating func appendText(_ text: String) {
        list.append(text)
    }

    /// Appends the output of command `entry`, even when empty (an empty piece still keeps
    /// `appendSpace` from seeing a space before it): from a table made once when it fits
    /// inline text, as almost all do, rather than from the string each time.
    mutating func appendOutput(of entry: Int) {
        if let text = Self.commandTexts[entry] {
            list.append(.text(text))
        } else {
            list.append(Self.output(of: entry))
        }
    }

    /// The output string of command `entry` (empty for commands without one).
    static func output(of entry: Int) -> String {
        switch CommandTable.commands[entry].kind {
        case .symbol(let output), .relation(let output), .binary(let output), .operatorName(let output),
             .bigOperator(let output), .opening(let output), .closing(let output), .punctuation(let output),
             .spacing(let output):
            return output
        default:
            return ""
        }
    }

    /// Each command's output as inline text, index for index with `CommandTable.commands`;
    /// nil for commands without one and for outputs too long.
    private static let commandTexts: [MathText?] = CommandTable.commands.map { command in
        switch command.kind {
        case .symbol(let output), .relation(let output), .binary(let output), .operatorName(let output),
             .bigOperator(let output), .opening(let output), .closing(let output), .punctuation(let output),
             .spacing(let output):
            return MathText(inline: output)
        default:
            return nil
        }
    }

    /// The atom class of each command that is a plain atom with an output, index for index
    /// with `CommandTable.commands`.
    private static let atomClasses: [AtomClass?] = CommandTable.commands.map { command in
        switch command.kind {
        case .relation: .relation
        case .bigOperator: .bigOperator
        case .operatorName: .operatorName
        case .opening: .opening
        case .closing: .closing
        case .punctuation: .punctuation
        default: nil
        }
    }

    /// Whether a text piece's string `hasSuffix(" ")`, which segments graphemes, answered
    /// from the last two bytes when they settle it: a space after an ASCII byte is a
    /// character of its own (only some non-ASCII characters, such as U+0600, join a
    /// following space).
    func endsWithSpace(_ text: MathText) -> Bool {
        guard text.count >= 1, list.byte(text, text.count - 1) == 0x20 else { return false }
        guard text.count >= 2, list.byte(text, text.count - 2) >= 0x80 else { return true }
        return list.string(text).hasSuffix(" ")
    }

    mutating func renderItem(_ index: Int32, _ state: inout ListState, _ context: Context) {
        let node = tree.nodes[Int(index)]
        switch node.kind {
        case .text:
            renderText(node, &state, context)
        case .command:
            renderCommand(Int(index), &state, context)
        case .group, .optionalArgument:
            let children = tree.children(of: Int(index))
            if children.isEmpty {
                // `{}` is an empty ordinary atom: it only separates (e.g. `{}^{14}C`).
                state.previous = .ordinary
                return
            }
            // A braced group is one ordinary atom, spaced inside on its own.
            let neighbour = state.neighbour
            _ = beginAtom(.ordinary, &state, context, startsWithLetter: true)
            var inner = ListState()
            inner.outer = neighbour
            renderList(children, context, &inner)
        case .scripts:
            renderScripts(Int(index), &state, context)
        case .leftRight:
            renderLeftRight(Int(index), &state, context)
        case .environment:
            _ = beginAtom(.ordinary, &state, context, startsWithLetter: true)
            renderEnvironment(Int(index), context)
        case .alignment:
            if let separator = context.cellSeparator {
                list.append(literal: separator)
                state.previous = .none
            }
        case .math:
            // `$` inside `\text{…}` inside math: the text renderer handles it; here it can only
            // be leftover source.
            _ = beginAtom(.ordinary, &state, context)
            appendSource(Int(node.start), Int(node.end))
        case .raw, .comment, .verbatim:
            _ = beginAtom(.unknown, &state, context, startsWithLetter: startsWithLetter(node))
            appendSource(Int(node.start), Int(node.end))
        case .paragraphBreak, .root:
            break
        }
    }

    func startsWithLetter(_ node: Node) -> Bool {
        node.end > node.start && tree.source[Int(node.start)].properties.isAlphabetic
    }

    /// Source text with whitespace runs collapsed to one space.
    mutating func appendSource(_ start: Int, _ end: Int) {
        var bytes: [UInt8] = []
        var inSpace = false
        for scalar in tree.source[start..<end] {
            if CharacterClass.isSpace(scalar) {
                if !inSpace { bytes.append(0x20) }
                inSpace = true
            } else {
                bytes.appendUTF8(scalar)
                inSpace = false
            }
        }
        bytes.withUnsafeBufferPointer { list.append(utf8: $0) }
    }

    // MARK: Text runs

    mutating func renderText(_ node: Node, _ state: inout ListState, _ context: Context) {
        let source = tree.source
        var index = Int(node.start)
        let end = Int(node.end)
        while index < end {
            let scalar = source[index]
            index += 1
            switch scalar {
            case " ", "\t", "\n", "\r":
                continue
            case "~":
                appendSpace()
                continue
            case "'":
                var count = 1
                while index < end, source[index] == "'" {
                    count += 1
                    index += 1
                }
                // Primes attach to what precedes them, like a superscript.
                let primes = ["′", "″", "‴", "⁗"]
                var text = ""
                while count > 0 {
                    text += primes[min(count, 4) - 1]
                    count -= min(count, 4)
                }
                if rules == .unambiguous { groupOpenFraction() }
                appendText(text)
                if state.previous == .none { state.previous = .ordinary }
                continue
            default:
                break
            }
            let atomClass: AtomClass
            switch scalar {
            case "+", "-", "*": atomClass = .binary
            case "=", "<", ">", ":": atomClass = .relation
            case ",", ";": atomClass = .punctuation
            case "(", "[": atomClass = .opening
            case ")", "]": atomClass = .closing
            default: atomClass = .ordinary
            }
            let letterLike = scalar.isASCIILetter || scalar.isASCIIDigit || scalar.value >= 128
            _ = beginAtom(atomClass, &state, context, startsWithLetter: letterLike)
            if scalar.isASCIILetter {
                switch context.font {
                case nil, .italic?:
                    list.append(scalar, letter: true)
                case .roman?:
                    list.append(scalar)
                case let font?:
                    list.append(MathAlphabets.map(scalar, font))
                }
            } else if let font = context.font, font != .roman, font != .italic {
                list.append(MathAlphabets.map(scalar, font))
            } else {
                list.append(scalar)
            }
        }
    }

    // MARK: Commands

    /// Renders an argument as its own list (a group's children, or the single token).
    mutating func renderArgument(_ argument: Int32, _ context: Context) {
        let node = tree.nodes[Int(argument)]
        if node.kind == .group {
            renderList(tree.children(of: Int(argument)), context)
        } else {
            var state = ListState()
            renderItem(argument, &state, context)
        }
    }

    /// Renders an argument at the end of `list` as if into a list of its own, and returns
    /// where it starts, so that the caller can inspect it in place.
    @discardableResult
    mutating func renderSeparately(_ argument: Int32?, _ context: Context) -> Int {
        let start = list.count
        guard let argument else { return start }
        let outerStart = argumentStart
        argumentStart = start
        renderArgument(argument, context)
        argumentStart = outerStart
        return start
    }

    /// Text-mode content in math (`\text{…}`, a list environment), walked by a text renderer
    /// whose sink appends to `list`, lent to it meanwhile: nothing is copied.
    mutating func renderAsText(_ index: Int) {
        var text = TextRenderer(tree: tree, sink: PieceSink(), rules: rules)
        swap(&text.sink.list, &list)
        text.renderNode(Int32(index))
        text.sink.flushSpace()
        swap(&list, &text.sink.list)
    }

    mutating func renderCommand(_ index: Int, _ state: inout ListState, _ context: Context) {
        let node = tree.nodes[index]
        guard let entry = tree.commandEntry(of: index) else {
            _ = beginAtom(.unknown, &state, context)
            appendSource(Int(node.start), Int(node.end))
            return
        }
        // The kind is matched in place and outputs are read through `appendOutput`: a copy of
        // the kind, or a binding of its string, would retain and release the string.
        switch CommandTable.commands[entry].kind {
        case .symbol:
            // A bar or bracket (`\|`, `\rangle`) does not run into a bare script before it.
            if state.separateNext == .letters, let first = Self.output(of: entry).unicodeScalars.first,
               "‖|⟨⟩⌊⌋⌈⌉".unicodeScalars.contains(first) {
                state.separateNext = .none
            }
            _ = beginAtom(.ordinary, &state, context, startsWithLetter: true)
            if context.font == .bold {
                list.append(scalars: Self.output(of: entry).unicodeScalars.lazy.map { MathAlphabets.map($0, .bold) })
            } else {
                appendOutput(of: entry)
            }
        case .binary:
            let before = state.neighbour
            let atom = beginAtom(.binary, &state, context)
            // A binary operator that is a word (`\bmod`) is spaced even in a script or in
            // unary position: `a mod b`, never `amodb`.
            if rules == .unambiguous, Self.commandTexts[entry].map({ list.byte($0, 0) }).map({ Unicode.Scalar($0).isASCIILetter }) == true {
                if atom == .sign || context.tight, before != .none { appendSpace() }
                appendOutput(of: entry)
                if atom == .sign || context.tight { state.separateNext = .letters }
                return
            }
            appendOutput(of: entry)
        case .relation, .bigOperator, .operatorName, .opening, .closing, .punctuation:
            // An atom of its own class with its output: the class is looked up, not
            // matched out of the kind (see above).
            _ = beginAtom(Self.atomClasses[entry]!, &state, context)
            appendOutput(of: entry)
        case .spacing:
            // `\!` is nothing, not even an empty piece (outputs not in the table are long).
            if Self.commandTexts[entry]?.isEmpty != true { appendOutput(of: entry) }
        case .ignored, .begin, .end, .left, .right:
            break
        case .mathFont(let font):
            _ = beginAtom(.ordinary, &state, context, startsWithLetter: true)
            var inner = context
            inner.font = font
            if let argument = tree.argument(index, 0) { renderArgument(argument, inner) }
        case .operatorNameCommand:
            _ = beginAtom(.operatorName, &state, context)
            var inner = context
            inner.font = .roman
            if let argument = tree.argument(index, 0) { renderArgument(argument, inner) }
        case .mathAccent(let mark):
            _ = beginAtom(.ordinary, &state, context, startsWithLetter: true)
            renderAccent(index, mark: mark, everyCharacter: false, context)
        case .lineAccent(let mark):
            _ = beginAtom(.ordinary, &state, context, startsWithLetter: true)
            renderAccent(index, mark: mark, everyCharacter: true, context)
        case .textAccent, .textStyle, .textBox, .url, .href, .footnote, .cite, .item, .section, .paragraph:
            _ = beginAtom(.ordinary, &state, context)
            renderAsText(index)
        case .reference, .equationReference, .tag:
            _ = beginAtom(.ordinary, &state, context)
            let key = tree.argument(index, 0).map { plainArgument($0) } ?? ""
            switch CommandTable.commands[entry].kind {
            case .reference: list.append("[" + key + "]")
            case .equationReference: list.append("(" + key + ")")
            default:
                appendSpace()
                list.append("(" + key + ")")
            }
        case .fraction:
            // Next to a factor or an operator name, a fraction is in parentheses: `(1/n) log(1/δ)`.
            let groupNow = rules == .unambiguous && state.neighbour.isFactor && state.neighbour != .opening
                && state.neighbour != .bigOperator
            _ = beginAtom(.ordinary, &state, context, startsWithLetter: !groupNow)
            let start = list.count
            appendWrappedIfCompound(tree.argument(index, 0), context)
            list.append("/" as Unicode.Scalar)
            appendWrappedIfCompound(tree.argument(index, 1), context)
            if groupNow {
                group(from: start)
            } else if rules == .unambiguous {
                openFraction = (start, list.count)
            }
        case .binomial:
            _ = beginAtom(.ordinary, &state, context)
            list.append("binom(")
            renderSeparately(tree.argument(index, 0), context)
            list.append(", ")
            renderSeparately(tree.argument(index, 1), context)
            list.append(")" as Unicode.Scalar)
        case .squareRoot:
            _ = beginAtom(.ordinary, &state, context, startsWithLetter: true)
            let start = list.count
            let bare = renderSquareRoot(index, context)
            if rules == .unambiguous {
                if bare { state.separateNext = .factors }
                openRoot = (start, list.count)
            }
        case .sizedDelimiter, .middle, .passThrough:
            // `\big(` is `(` at another size; `\mathrel{…}` and `\boxed{…}` are their content.
            if let argument = tree.argument(index, 0) {
                if tree.nodes[Int(argument)].kind == .group {
                    _ = beginAtom(.ordinary, &state, context)
                    renderList(tree.children(of: Int(argument)), context)
                } else {
                    renderItem(argument, &state, context)
                }
            }
        case .lineBreak:
            if let separator = context.rowSeparator {
                list.append(literal: separator)
            } else {
                list.append(.lineBreak)
            }
            state.previous = .none
        case .negation:
            _ = beginAtom(.relation, &state, context)
            // Rendered in place, and its last piece then rewritten: only text composes
            // (`\not=` is ≠); a letter keeps the mark apart.
            let start = renderSeparately(tree.argument(index, 0), context)
            if list.count > start, case .text(let text) = list.pieces[list.count - 1], let base = list.onlyScalar(text) {
                list.removePieces(from: list.count - 1)
                list.append(Composition.compose(base, "\u{0338}"))
            } else {
                list.append("\u{0338}" as Unicode.Scalar)
            }
        case .parenthesizedMod:
            _ = beginAtom(.ordinary, &state, context)
            appendSpace()
            list.append("(mod ")
            renderSeparately(tree.argument(index, 0), context)
            list.append(")" as Unicode.Scalar)
        case .overset, .underset:
            // `\stackrel{def}{=}`: the base keeps its class, the annotation is a script.
            if let base = tree.argument(index, 1) {
                if tree.nodes[Int(base)].kind == .group {
                    _ = beginAtom(.ordinary, &state, context)
                    renderList(tree.children(of: Int(base)), context)
                } else {
                    renderItem(base, &state, context)
                }
            }
            if let annotation = tree.argument(index, 0) {
                var inner = context
                inner.tight = true
                let overset = if case .overset = CommandTable.commands[entry].kind { true } else { false }
                list.append(.beginScript(superscript: overset))
                renderArgument(annotation, inner)
                list.append(.endScript)
            }
        }
    }

    /// The argument's plain text (labels, keys): verbatim content or rendered math.
    func plainArgument(_ argument: Int32) -> String {
        let node = tree.nodes[Int(argument)]
        if node.kind == .verbatim { return tree.text(of: Int(argument)) }
        var renderer = MathRenderer(tree: tree, rules: rules)
        renderer.renderArgument(argument, Context())
        return MathPieces.plain(renderer.list)
    }

    /// A fraction part or radicand, in parentheses unless it is simple (under the original
    /// rules) or one factor (under the unambiguous ones); returns whether it is bare.
    @discardableResult
    mutating func appendWrappedIfCompound(_ argument: Int32?, _ context: Context, radicand: Bool = false) -> Bool {
        let start = renderSeparately(argument, context)
        let bare = rules == .original ? MathPieces.isSimple(list, from: start) : MathPieces.isSingleFactor(list, from: start, radicand: radicand)
        if !bare { group(from: start) }
        return bare
    }

    /// Returns whether the radicand is bare (`√n`, not `√(2n)`).
    mutating func renderSquareRoot(_ index: Int, _ context: Context) -> Bool {
        if let optional = tree.optionalArgument(index) {
            var inner = context
            inner.tight = true
            // The index is rendered in place, then replaced by a radical that says it, or
            // made a superscript before `√`.
            let start = renderSeparately(optional, inner)
            // Only a one-piece index can read "3" or "4".
            var digit: UInt8 = 0
            if list.count == start + 1 {
                switch list.pieces[start] {
                case .text(let text), .letter(let text):
                    if text.count == 1 { digit = list.byte(text, 0) }
                default:
                    break
                }
            }
            switch digit {
            case UInt8(ascii: "2"), UInt8(ascii: "3"), UInt8(ascii: "4"):
                list.removePieces(from: start)
                let radical: Unicode.Scalar = digit == UInt8(ascii: "2") ? "√" : digit == UInt8(ascii: "3") ? "∛" : "∜"
                list.append(radical)
            case _ where list.count == start:
                list.append("√" as Unicode.Scalar)
            default:
                list.pieces.insert(.beginScript(superscript: true), at: start)
                list.append(.endScript)
                list.append("√" as Unicode.Scalar)
            }
        } else {
            list.append("√" as Unicode.Scalar)
        }
        return appendWrappedIfCompound(tree.argument(index, 0), context, radicand: true)
    }

    /// `\hat{x}` is x̂ (a combining mark, then NFC); several characters (`\overline{AB}`) get
    /// the mark each for line accents, and anything compound becomes `hat(…)`.
    mutating func renderAccent(_ index: Int, mark: Unicode.Scalar, everyCharacter: Bool, _ context: Context) {
        // The argument is rendered in place, then replaced by its accented form.
        let start = renderSeparately(tree.argument(index, 0), context)
        // The usual `\hat{x}`, `\hat{\theta}`: one piece of one scalar, composed without
        // first gathering the pieces into a string as below.
        if list.count == start + 1, let (only, italic) = singleScalar(list.pieces[start]) {
            list.removePieces(from: start)
            if Self.isWhitespace(only) {
                list.append(only, letter: italic)
            } else {
                list.append(Composition.compose(only, mark), letter: italic)
            }
            return
        }
        var isFlat = true
        var utf8: [UInt8] = []
        var italic = false
        for piece in list.pieces[start...] {
            switch piece {
            case .text(let piece):
                list.append(piece, to: &utf8)
            case .letter(let piece):
                list.append(piece, to: &utf8)
                italic = true
            default:
                isFlat = false
            }
        }
        let text = String(validUTF8: utf8[...])
        let scalars = text.unicodeScalars
        if isFlat, let only = scalars.first, scalars.index(after: scalars.startIndex) == scalars.endIndex {
            // One scalar, as in the usual `\hat{x}`: one character, no need to segment.
            list.removePieces(from: start)
            list.append(Self.isWhitespace(only) ? text : Composition.compose(only, mark), letter: italic)
            return
        }
        let characters = text.count
        if isFlat && characters >= 1 && (characters == 1 || everyCharacter) {
            var composed = ""
            for character in text {
                let scalars = character.unicodeScalars
                if character.isWhitespace {
                    composed += String(character)
                } else if scalars.count == 1, let base = scalars.first {
                    composed += Composition.compose(base, mark)
                } else {
                    composed += (String(character) + String(mark)).precomposedStringWithCanonicalMapping
                }
            }
            list.removePieces(from: start)
            list.append(composed, letter: italic && characters == 1)
            return
        }
        list.append(tree.name(of: index) + "(")
        // Moved to the front: its text may lie anywhere in the buffer.
        list.pieces.insert(list.pieces.removeLast(), at: start)
        list.append(")" as Unicode.Scalar)
    }

    /// The scalar of a piece that is one scalar, and whether the piece is a letter.
    func singleScalar(_ piece: MathPiece) -> (Unicode.Scalar, italic: Bool)? {
        switch piece {
        case .text(let text): return list.onlyScalar(text).map { ($0, false) }
        case .letter(let text): return list.onlyScalar(text).map { ($0, true) }
        default: return nil
        }
    }

    /// `scalar.properties.isWhitespace`, with ASCII (U+0009–U+000D and the space) answered
    /// without a property lookup.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x80 ? scalar.value == 0x20 || (0x09...0x0D).contains(scalar.value) : scalar.properties.isWhitespace
    }

    // MARK: Scripts and delimiters

    mutating func renderScripts(_ index: Int, _ state: inout ListState, _ context: Context) {
        let node = tree.nodes[index]
        if node.flags.contains(.extraScript) {
            _ = beginAtom(.unknown, &state, context)
            appendSource(Int(node.start), Int(node.end))
            return
        }
        // The three slots read in place: a slice of the links would retain and release them.
        let slots = Int(tree.nodes[index].childStart)
        let base = tree.links[slots]
        if base >= 0 {
            renderItem(base, &state, context)
        } else {
            _ = beginAtom(.ordinary, &state, context)
        }
        // A fraction or a bare root with a script is in parentheses: `(1/2)ⁿ`, `(√x)²`.
        if rules == .unambiguous {
            groupOpenFraction()
            if let root = openRoot, root.end == list.count, root.start <= list.count { group(from: root.start) }
            openRoot = nil
        }
        var inner = context
        inner.tight = true
        var bare = false
        for slot in 1...2 {
            let script = tree.links[slots + slot]
            guard script >= 0 else { continue }
            list.append(.beginScript(superscript: slot == 2))
            let start = list.count
            renderArgument(script, inner)
            if rules == .unambiguous { bare = isBareScript(from: start, superscript: slot == 2) }
            list.append(.endScript)
        }
        if bare { state.separateNext = .letters }
    }

    /// Whether the script from `start` on will be written `_θ` / `^α`: one character without
    /// a Unicode script form, which nothing closes (see `MathPieces.appendPlain`).
    func isBareScript(from start: Int, superscript: Bool) -> Bool {
        // The commonest script, one piece of one scalar (`x_i`, `\nabla_\theta`), decided at once.
        if list.count == start + 1, let scalar = list.onlyScalar(of: list.pieces[start]) {
            return MathPieces.scriptForm(scalar, superscript: superscript, rules) == nil
                && MathPieces.wholeScriptForm(scalar, superscript: superscript, rules) == nil
        }
        guard !MathPieces.hasScriptForms(list, from: start, superscript: superscript) else { return false }
        var utf8: [UInt8] = []
        for piece in list.pieces[start...] {
            switch piece {
            case .text(let text), .letter(let text): list.append(text, to: &utf8)
            case .lineBreak, .beginScript, .endScript: return false
            case .beginStyle, .endStyle: continue
            }
        }
        return MathPieces.characterCount(utf8[...]) == 1
    }

    mutating func renderLeftRight(_ index: Int, _ state: inout ListState, _ context: Context) {
        let node = tree.nodes[index]
        let children = tree.children(of: index)
        _ = beginAtom(.opening, &state, context)
        guard let first = children.first else { return }
        renderDelimiter(first)
        let bodyEnd = node.isClosed ? children.endIndex - 1 : children.endIndex
        var inner = ListState(previous: .opening)
        if children.startIndex + 1 < bodyEnd {
            renderList(children[(children.startIndex + 1)..<bodyEnd], context, &inner)
        }
        if node.isClosed, let last = children.last {
            renderDelimiter(last)
        }
        state.previous = .closing
    }

    /// `\left.` is an invisible delimiter.
    mutating func renderDelimiter(_ index: Int32) {
        let node = tree.nodes[Int(index)]
        if node.kind == .text, node.end - node.start == 1, tree.source[Int(node.start)] == "." { return }
        var state = ListState()
        renderItem(index, &state, Context(tight: true))
    }

    // MARK: Environments

    mutating func renderEnvironment(_ index: Int, _ context: Context) {
        let children = tree.children(of: index)
        guard let environment = tree.environment(of: index) else {
            // Unknown (already reported): its delimiters stay as written (see TextRenderer).
            let (opener, closer) = tree.delimiters(of: index)
            appendSource(opener.lowerBound, opener.upperBound)
            renderList(children, context)
            appendSource(closer.lowerBound, closer.upperBound)
            return
        }
        var inner = context
        switch environment.kind {
        case .matrix:
            inner.cellSeparator = ", "
            inner.rowSeparator = "; "
            list.append(environment.delimiters.0)
            renderList(children, inner)
            list.append(environment.delimiters.1)
        case .cases:
            inner.cellSeparator = " "
            inner.rowSeparator = "; "
            list.append("{ ")
            renderList(children, inner)
        case .aligned, .displayMath, .inlineMath:
            inner.cellSeparator = nil
            inner.rowSeparator = nil
            renderList(children, inner)
        case .itemize, .enumerate, .description, .tabular, .block:
            renderAsText(index)
        }
    }
}
