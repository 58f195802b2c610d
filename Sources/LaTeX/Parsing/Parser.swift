/// Builds a `SyntaxTree` from a source, reporting structural problems on the way.
///
/// The parser never recurses: every construct that nests (groups, math, environments,
/// `\left…\right`, a command waiting for its arguments, a script waiting for its operand) is
/// a frame on an explicit stack. Finished nodes are handed to the frame below (`deliver`),
/// which either keeps them as children or, for a frame waiting for an argument, takes them as
/// that argument. Nesting is capped at `maximumDepth`; past it, a group is kept as raw source,
/// so the tree (and every renderer walking it) stays shallow whatever the input.
public enum LaTeXParser {
    public static let maximumDepth = 200

    public static func parse(_ source: String) -> SyntaxTree {
        let utf8 = Array(source.utf8)
        return parse(scalars: decodeScalars(utf8), utf8: utf8)
    }

    /// `Array(source.unicodeScalars)` counts the scalars in a first pass and then copies them
    /// through a generic iterator; decoding the UTF-8 directly, into uninitialized storage,
    /// is several times faster.
    static func decodeScalars(_ bytes: [UInt8]) -> [Unicode.Scalar] {
        bytes.withUnsafeBufferPointer { bytes in
            [Unicode.Scalar](unsafeUninitializedCapacity: bytes.count) { scalars, written in
                var index = 0
                var count = 0
                while index < bytes.count {
                    // Eight ASCII bytes at a time when they are (prose mostly is): one test of
                    // their high bits instead of a branch per byte, and one vector widening to
                    // scalars instead of eight stores (with their overflow checks).
                    if index + 8 <= bytes.count {
                        let chunk = UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self)
                        if chunk & 0x8080_8080_8080_8080 == 0 {
                            // The bit cast keeps the bytes' memory order: lane 0 is the first byte.
                            let scalarValues = SIMD8<UInt32>(truncatingIfNeeded: unsafeBitCast(chunk, to: SIMD8<UInt8>.self))
                            UnsafeMutableRawPointer(scalars.baseAddress! + count).storeBytes(of: scalarValues, as: SIMD8<UInt32>.self)
                            count += 8
                            index += 8
                            continue
                        }
                    }
                    let byte = bytes[index]
                    if byte < 0x80 {
                        scalars.initializeElement(at: count, to: Unicode.Scalar(byte))
                        count += 1
                        index += 1
                        continue
                    }
                    // Valid UTF-8 is guaranteed by String: the lead byte gives the length.
                    var value: UInt32
                    let length: Int
                    if byte >= 0xF0 {
                        value = UInt32(byte & 0x07)
                        length = 4
                    } else if byte >= 0xE0 {
                        value = UInt32(byte & 0x0F)
                        length = 3
                    } else {
                        value = UInt32(byte & 0x1F)
                        length = 2
                    }
                    for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
                    scalars.initializeElement(at: count, to: Unicode.Scalar(value) ?? "\u{FFFD}")
                    count += 1
                    index += length
                }
                written = count
            }
        }
    }

    public static func parse(scalars: [Unicode.Scalar]) -> SyntaxTree {
        var utf8: [UInt8] = []
        utf8.reserveCapacity(scalars.count)
        utf8.appendUTF8(scalars)
        return parse(scalars: scalars, utf8: utf8)
    }

    static func parse(scalars: [Unicode.Scalar], utf8: [UInt8]) -> SyntaxTree {
        var parser = Parser(scalars, utf8: utf8)
        parser.run()
        return parser.tree
    }
}

private struct Frame {
    enum Kind: UInt8 { case root, group, math, environment, leftRight, optional, argument }
    /// What a frame of kind `.argument` is collecting for.
    enum Purpose: UInt8 { case command, superscript, `subscript`, leftDelimiter, rightDelimiter }

    // Offsets and counts are kept in 32 bits, like the tree's (see `Compact`): frames are
    // copied whenever the top one is inspected or popped, and at less than half the size
    // (48 bytes instead of 120) each copy costs less than half as much. The opener's line
    // and column are not kept: diagnostics look them up (`Parser.position(of:)`).
    var kind: Kind
    var mode: Mode
    /// The opener: its offset and end (diagnostics point at it).
    @Compact var start: Int
    @Compact var openerEnd: Int
    /// Where this frame's finished children begin in `Parser.pending`.
    @Compact var pendingStart: Int
    /// Command or environment index, or the `MathDelimiter`.
    var info: Int32 = -1
    @Compact var nameStart = 0
    @Compact var nameEnd = 0
    var purpose: Purpose = .command
    /// Required arguments still expected; -1 for an unknown command, which takes every
    /// directly following `{…}` so that it can be shown as written.
    @Compact var remaining = 0
    @Compact var argumentIndex = 0
    var verbatim: UInt8 = 0
    var flags: Node.Flags = []
    /// For scripts: the base and, when adding `^` to `x_i`, the scripts node to extend.
    var base: Int32 = -1
    var scripts: Int32 = -1

    init(kind: Kind, mode: Mode, start: Int, openerEnd: Int, pendingStart: Int, info: Int32 = -1) {
        self.kind = kind
        self.mode = mode
        self.start = start
        self.openerEnd = openerEnd
        self.pendingStart = pendingStart
        self.info = info
    }
}

/// An `Int` stored in 32 bits, as the tree stores offsets.
@propertyWrapper
private struct Compact {
    private var value: Int32

    init(wrappedValue: Int) {
        value = Int32(wrappedValue)
    }

    var wrappedValue: Int {
        get { Int(value) }
        set { value = Int32(newValue) }
    }
}

/// Finished nodes waiting for their parent (see `Parser.pending`). Every finished frame cuts
/// its children off the top, so the storage only grows and `count` says how much of it is in
/// use: cutting is one assignment, where removing the children one by one cost a uniqueness
/// check each (and removing them as a range took the general `replaceSubrange` path).
private struct NodeStack {
    private var storage: [Int32] = []
    private(set) var count = 0

    init() {
        storage.reserveCapacity(64)
    }

    subscript(index: Int) -> Int32 {
        precondition(index < count)
        return storage[index]
    }

    @inline(__always)
    mutating func append(_ item: Int32) {
        if count < storage.count {
            storage[count] = item
        } else {
            storage.append(item)
        }
        count += 1
    }

    mutating func removeLast() {
        precondition(count > 0)
        count -= 1
    }

    mutating func popLast() -> Int32? {
        guard count > 0 else { return nil }
        count -= 1
        return storage[count]
    }

    mutating func removeAll(from start: Int) {
        count = min(count, max(start, 0))
    }
}

private struct Parser {
    let scalars: [Unicode.Scalar]
    var lexer: Lexer
    var tree: SyntaxTree
    /// Finished nodes not yet attached to a parent, frame by frame (see `Frame.pendingStart`).
    var pending = NodeStack()
    var frames: [Frame] = []
    var depthReported = false
    /// Openers kept as source because they were too deep; their closers are kept as source
    /// too instead of being reported as unmatched (the depth error already covers them).
    var skippedEnvironments = 0
    var skippedLefts = 0

    init(_ scalars: [Unicode.Scalar], utf8: [UInt8]) {
        self.scalars = scalars
        lexer = Lexer(scalars)
        tree = SyntaxTree(source: scalars, utf8: utf8)
        tree.nodes.reserveCapacity(scalars.count / 6 + 8)
        tree.links.reserveCapacity(scalars.count / 6 + 8)
        // Typical nesting (math, a command, its group, a script) stays within one allocation.
        frames.reserveCapacity(16)
    }

    var mode: Mode { frames[frames.count - 1].mode }
    var depth: Int { frames.count - 1 }

    // MARK: Driver

    mutating func run() {
        frames.append(Frame(
            kind: .root, mode: .text, start: 0, openerEnd: 0,
            pendingStart: 0))
        while true {
            let token = lexer.nextToken()
            if token.kind == .endOfInput { break }
            var consumed = false
            while frames[frames.count - 1].kind == .argument {
                if handleArgumentToken(token) {
                    consumed = true
                    break
                }
            }
            if !consumed { handle(token) }
        }
        while frames.count > 1 { abandonTop() }
        let root = makeNode(.root, mode: .text, start: 0, end: scalars.count, flags: .closed)
        attachChildren(root, from: 0)
        frames.removeAll()
        tree.root = Int(root)
        tree.lines = lexer.lines
        tree.diagnostics.sort { $0.position.offset < $1.position.offset }
    }

    mutating func handle(_ token: LexToken) {
        switch token.kind {
        case .word, .other, .active:
            if token.kind == .other, scalars[token.start] == "]", frames[frames.count - 1].kind == .optional {
                closeOptional(token)
            } else {
                emitText(token)
            }
        case .space:
            if mode == .text { emitText(token) }
        case .paragraphBreak:
            if mode == .math, let index = interruptibleMathFrame() {
                while frames.count - 1 > index { abandonTop() }
                abandonTop()
                handle(token)
            } else if mode == .text {
                deliver(makeNode(.paragraphBreak, mode: .text, start: token.start, end: token.end))
            }
        case .beginGroup:
            openGroup(token)
        case .endGroup:
            closeGroup(token)
        case .mathShift:
            handleDollar(token)
        case .superscript, .subscript:
            handleScript(token)
        case .alignment:
            if mode == .text && !alignmentAllowed() {
                report(.error, LaTeXDiagnostic.Code.specialCharacterInText, "`&` in text",
                       fix: "write `\\&`", at: token)
            }
            deliver(makeNode(.alignment, mode: mode, start: token.start, end: token.end))
        case .parameter:
            if mode == .text {
                report(.error, LaTeXDiagnostic.Code.specialCharacterInText, "`#` in text",
                       fix: "write `\\#`", at: token)
            }
            deliver(makeNode(.raw, mode: mode, start: token.start, end: token.end))
        case .comment:
            reportComment(token)
            deliver(makeNode(.comment, mode: mode, start: token.start, end: token.end))
        case .trailingBackslash:
            report(.warning, LaTeXDiagnostic.Code.trailingBackslash, "`\\` at the end of the text",
                   fix: "remove it, or write `\\textbackslash` for a backslash", at: token)
            deliver(makeNode(.raw, mode: mode, start: token.start, end: token.end))
        case .controlWord, .controlSymbol:
            handleCommand(token)
        case .endOfInput:
            break
        }
    }

    // MARK: Arguments

    /// Offers a token to the argument frame on top. Returns false when the frame cannot take
    /// it (the argument is missing, or an unknown command has no more `{…}`): the frame has
    /// then been finished and the token must be handled by whatever is below.
    mutating func handleArgumentToken(_ token: LexToken) -> Bool {
        let top = frames.count - 1
        let frame = frames[top]
        let mode = argumentMode(frame)
        switch token.kind {
        case .space:
            if frame.remaining > 0 { return true }
        case .comment:
            // TeX looks through comments for an argument.
            reportComment(token)
            return true
        default:
            break
        }
        if frame.remaining < 0 {
            if token.kind == .beginGroup {
                openGroup(token)
                return true
            }
            finishArgumentFrame(complete: true)
            return false
        }
        switch token.kind {
        case .beginGroup:
            if frame.verbatim & (1 << UInt8(min(frame.argumentIndex, 7))) != 0 {
                readVerbatimArgument(token)
            } else {
                openGroup(token)
            }
            return true
        case .word:
            // An undelimited argument is one scalar: `\frac12` is ½, `x^23` is x²3.
            let node = makeNode(.text, mode: mode, start: token.start, end: token.start + 1)
            if token.end > token.start + 1 {
                lexer.reset(to: token.start + 1)
            }
            deliver(node)
            return true
        case .other, .active:
            deliver(makeNode(.text, mode: mode, start: token.start, end: token.end))
            return true
        case .controlWord, .controlSymbol:
            if endsArgumentSearch(token) {
                finishArgumentFrame(complete: false)
                return false
            }
            handleCommand(token)
            return true
        default:
            finishArgumentFrame(complete: false)
            return false
        }
    }

    /// The mode an argument is read in: `\text{…}` and its kin switch math to text.
    func argumentMode(_ frame: Frame) -> Mode {
        guard frame.kind == .argument, frame.purpose == .command, frame.info >= 0 else { return frame.mode }
        return CommandTable.parsing[Int(frame.info)].textArguments ? .text : frame.mode
    }

    /// `\end`, `\right` and math closers cannot be arguments: they end what is open.
    func endsArgumentSearch(_ token: LexToken) -> Bool {
        let name = scalars[(token.start + 1)..<token.end]
        if token.kind == .controlSymbol {
            return name.first == ")" || name.first == "]"
        }
        return name.elementsEqual("end".unicodeScalars) || name.elementsEqual("right".unicodeScalars)
    }

    mutating func readVerbatimArgument(_ token: LexToken) {
        lexer.reset(to: token.start)
        if let end = lexer.skipBalancedGroup() {
            deliver(makeNode(.verbatim, mode: mode, start: token.start + 1, end: end - 1, flags: .closed))
        } else {
            report(.error, LaTeXDiagnostic.Code.unclosedBrace, "`{` is never closed",
                   fix: "add a matching `}`", at: token)
            deliver(makeNode(.verbatim, mode: mode, start: token.start + 1, end: scalars.count))
        }
    }

    /// Finishes the argument frame on top. Incomplete frames report `missing-argument`.
    mutating func finishArgumentFrame(complete: Bool) {
        let frame = frames[frames.count - 1]
        if !complete && frame.remaining > 0 {
            let name: String
            switch frame.purpose {
            case .superscript: name = "^"
            case .subscript: name = "_"
            default: name = tree.text(frame.start, frame.nameEnd)
            }
            let what = frame.purpose == .command && frame.info >= 0
                && CommandTable.commands[Int(frame.info)].arguments > 1
                ? "expects \(CommandTable.commands[Int(frame.info)].arguments) arguments"
                : "is missing its argument"
            report(.error, LaTeXDiagnostic.Code.missingArgument, "`\(name)` \(what)",
                   fix: frame.purpose == .command ? "add the argument in braces: `\(name){…}`" : "add the script in braces: `\(name){…}`",
                   offset: frame.start, position: position(of: frame), length: frame.openerEnd - frame.start)
        }
        switch frame.purpose {
        case .command:
            var flags = frame.flags
            if !complete && frame.remaining > 0 { flags.insert(.incomplete) }
            let end = pending.count > frame.pendingStart ? Int(tree.nodes[Int(pending[pending.count - 1])].end) : frame.openerEnd
            let node = makeNode(.command, mode: frame.mode, start: frame.start, end: max(end, frame.openerEnd),
                                flags: flags, info: frame.info, name: (frame.nameStart, frame.nameEnd))
            attachChildren(node, from: frame.pendingStart)
            frames.removeLast()
            deliver(node)
        case .superscript, .subscript:
            finishScripts(argument: complete ? pending.popLast() ?? -1 : -1)
        case .leftDelimiter:
            // `\left` with nothing after it: keep its source.
            dropPending(from: frame.pendingStart)
            frames.removeLast()
            deliver(makeNode(.raw, mode: frame.mode, start: frame.start, end: frame.openerEnd))
        case .rightDelimiter:
            dropPending(from: frame.pendingStart)
            frames.removeLast()
            finishLeftRight(closedAt: frame.openerEnd, rightDelimiter: nil)
        }
    }

    /// Hands a finished node to the frame on top: as a child, or as an argument. Completing
    /// an argument finishes the command, which is delivered in turn; that chain is bounded by
    /// the frame depth, itself bounded by `maximumDepth`.
    mutating func deliver(_ item: Int32) {
        let top = frames.count - 1
        pending.append(item)
        guard frames[top].kind == .argument else { return }
        if tree.nodes[Int(item)].kind != .optionalArgument {
            frames[top].argumentIndex += 1
            if frames[top].remaining > 0 { frames[top].remaining -= 1 }
        }
        let frame = frames[top]
        switch frame.purpose {
        case .superscript, .subscript:
            pending.removeLast()
            finishScripts(argument: item)
        case .leftDelimiter:
            pending.removeLast()
            frames.removeLast()
            var leftRight = frame
            leftRight.kind = .leftRight
            leftRight.pendingStart = pending.count
            frames.append(leftRight)
            pending.append(item)
        case .rightDelimiter:
            pending.removeLast()
            frames.removeLast()
            finishLeftRight(closedAt: Int(tree.nodes[Int(item)].end), rightDelimiter: item)
        case .command:
            if frame.remaining == 0 || (frame.remaining < 0 && lexer.peekScalar() != "{") {
                finishArgumentFrame(complete: true)
            }
        }
    }

    // MARK: Text

    mutating func emitText(_ token: LexToken) {
        let top = frames.count - 1
        guard frames[top].kind != .argument else {
            deliver(makeNode(.text, mode: mode, start: token.start, end: token.end))
            return
        }
        // The whole run of plain text up to the next markup becomes (or extends) one node.
        var plain = startsPlainRun(token)
        let end = lexer.extendTextRun(isPlain: &plain)
        if pending.count > frames[top].pendingStart {
            let last = Int(pending[pending.count - 1])
            if tree.nodes[last].kind == .text, Int(tree.nodes[last].end) == token.start,
               tree.nodes[last].mode == frames[top].mode {
                // Two spaces where the runs meet would make the whole not plain.
                if !plain || scalars[token.start] == " " && scalars[token.start - 1] == " " {
                    tree.nodes[last].flags.remove(.plainRun)
                }
                tree.nodes[last].end = Int32(end)
                return
            }
        }
        deliver(makeNode(.text, mode: mode, start: token.start, end: end, flags: plain ? .plainRun : []))
    }

    /// Whether a token that starts a text run is plain (see `Node.Flags.plainRun`).
    func startsPlainRun(_ token: LexToken) -> Bool {
        switch token.kind {
        case .word:
            return true
        case .other:
            let scalar = scalars[token.start]
            return scalar != "-" && scalar != "`" && scalar != "'"
        case .space:
            return token.end - token.start == 1 && scalars[token.start] == " "
        default:
            // `~`.
            return false
        }
    }

    func alignmentAllowed() -> Bool {
        for frame in frames.reversed() where frame.kind == .environment && frame.info >= 0 {
            return CommandTable.environments[Int(frame.info)].allowsAlignment
        }
        return false
    }

    // MARK: Groups

    mutating func openGroup(_ token: LexToken) {
        guard enter(token) else {
            // Too deep: keep the whole group as source, read in one linear pass.
            lexer.reset(to: token.start)
            let end = lexer.skipBalancedGroup() ?? scalars.count
            deliver(makeNode(.raw, mode: mode, start: token.start, end: end))
            return
        }
        push(Frame(kind: .group, mode: argumentMode(frames[frames.count - 1]), start: token.start, openerEnd: token.end,
                   pendingStart: pending.count))
    }

    mutating func closeGroup(_ token: LexToken) {
        // A `}` closes the innermost group, and whatever is still open inside it; it never
        // reaches across math or an environment.
        var index = frames.count - 1
        while index > 0, frames[index].kind != .group {
            switch frames[index].kind {
            case .argument, .optional, .leftRight: index -= 1
            default: index = 0
            }
        }
        guard index > 0 else {
            report(.error, LaTeXDiagnostic.Code.unmatchedBrace, "unmatched `}`",
                   fix: "remove it, or write `\\}` for a literal brace", at: token)
            deliver(makeNode(.raw, mode: mode, start: token.start, end: token.end))
            return
        }
        while frames.count - 1 > index { abandonTop() }
        finishTop(end: token.end, closed: true)
    }

    mutating func closeOptional(_ token: LexToken) {
        finishTop(end: token.end, closed: true)
    }

    // MARK: Math

    mutating func handleDollar(_ token: LexToken) {
        if mode == .text {
            let display = lexer.consume("$")
            openMath(display ? .doubleDollar : .dollar, token: token, end: token.end + (display ? 1 : 0))
            return
        }
        guard let index = enclosingMathFrame() else {
            report(.error, LaTeXDiagnostic.Code.unexpectedMathClose, "`$` inside a math environment",
                   fix: "remove it, or write `\\$` for a dollar sign", at: token)
            deliver(makeNode(.raw, mode: mode, start: token.start, end: token.end))
            return
        }
        let delimiter = MathDelimiter(rawValue: frames[index].info) ?? .dollar
        var end = token.end
        switch delimiter {
        case .dollar:
            break
        case .doubleDollar:
            if lexer.consume("$") {
                end += 1
            } else {
                reportMismatch(closer: "$", token: token, opener: frames[index])
            }
        default:
            reportMismatch(closer: "$", token: token, opener: frames[index])
        }
        closeMath(at: index, end: end)
    }

    /// `\(`, `\)`, `\[`, `\]`.
    mutating func handleMathDelimiter(_ token: LexToken, _ symbol: Unicode.Scalar) {
        let opening = symbol == "(" || symbol == "["
        let text = symbol == "(" || symbol == ")" ? "\\(" : "\\["
        if opening {
            if mode == .math {
                if let index = enclosingMathFrame() {
                    reportMismatch(closer: tree.text(token.start, token.end), token: token, opener: frames[index])
                }
                deliver(makeNode(.raw, mode: mode, start: token.start, end: token.end))
            } else {
                openMath(symbol == "(" ? .parenthesis : .bracket, token: token, end: token.end)
            }
            return
        }
        let closer = tree.text(token.start, token.end)
        guard mode == .math, let index = enclosingMathFrame() else {
            report(.error, LaTeXDiagnostic.Code.unexpectedMathClose,
                   "`\(closer)` without an opening `\(text)`", fix: "remove it, or add `\(text)` before the math", at: token)
            deliver(makeNode(.raw, mode: mode, start: token.start, end: token.end))
            return
        }
        let expected: MathDelimiter = symbol == ")" ? .parenthesis : .bracket
        if frames[index].info != expected.rawValue {
            reportMismatch(closer: closer, token: token, opener: frames[index])
        }
        closeMath(at: index, end: token.end)
    }

    mutating func reportMismatch(closer: String, token: LexToken, opener: Frame) {
        let delimiter = MathDelimiter(rawValue: opener.info) ?? .dollar
        report(.error, LaTeXDiagnostic.Code.mismatchedMathDelimiter,
               "`\(closer)` closes math opened with `\(delimiter.opener)`",
               fix: "close it with `\(delimiter.closer)`", at: token,
               notes: [.init(message: "opened here", position: position(of: opener))])
    }

    mutating func openMath(_ delimiter: MathDelimiter, token: LexToken, end: Int) {
        guard enter(token) else {
            deliver(makeNode(.raw, mode: mode, start: token.start, end: end))
            return
        }
        var frame = Frame(kind: .math, mode: .math, start: token.start, openerEnd: end,
                          pendingStart: pending.count, info: delimiter.rawValue)
        if delimiter == .doubleDollar || delimiter == .bracket { frame.flags.insert(.display) }
        push(frame)
    }

    /// The innermost math frame, if only math-mode frames lie above it (a `$` inside
    /// `\text{…}` opens new math rather than closing the outer one).
    func enclosingMathFrame() -> Int? {
        var index = frames.count - 1
        while index > 0, frames[index].mode == .math {
            if frames[index].kind == .math { return index }
            index -= 1
        }
        return nil
    }

    /// Inline and display math cannot span a blank line: TeX stops there, and so do we, which
    /// keeps a stray `$` from swallowing the rest of the abstract.
    func interruptibleMathFrame() -> Int? { enclosingMathFrame() }

    mutating func closeMath(at index: Int, end: Int) {
        while frames.count - 1 > index { abandonTop() }
        let frame = frames[frames.count - 1]
        if frame.info == MathDelimiter.dollar.rawValue,
           looksLikeMoney(scalars[frame.openerEnd..<(end - 1)]) {
            frames[frames.count - 1].flags.insert(.looksLikeMoney)
        }
        finishTop(end: end, closed: true)
    }

    /// `$10 and $20`: the "math" starts with a digit and continues with a word; or digits, a
    /// space and a lowercase word. Words inside braces (`\text{ and }`) do not count.
    func looksLikeMoney(_ content: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let first = content.first, first.isASCIIDigit else { return false }
        var index = content.startIndex
        while index < content.endIndex, content[index].isASCIIDigit { index += 1 }
        if index + 2 < content.endIndex, content[index] == " ",
           content[index + 1].isASCIILowercase, content[index + 2].isASCIILowercase {
            return true
        }
        var depth = 0
        index = content.startIndex
        while index < content.endIndex {
            let scalar = content[index]
            if scalar == "{" { depth += 1 } else if scalar == "}" { depth -= 1 }
            if scalar == " ", depth == 0 {
                var letters = 0
                var next = index + 1
                while next < content.endIndex, content[next].isASCIILetter {
                    letters += 1
                    next += 1
                }
                if letters >= 3 { return true }
            }
            index += 1
        }
        return false
    }

    // MARK: Scripts

    mutating func handleScript(_ token: LexToken) {
        let superscript = token.kind == .superscript
        let symbol = superscript ? "^" : "_"
        if mode == .text {
            report(.error, LaTeXDiagnostic.Code.mathOnlyInText, "`\(symbol)` outside math: did you forget `$`?",
                   fix: superscript ? "put the formula in `$…$`, or write `\\^{}`" : "put the formula in `$…$`, or write `\\_`",
                   at: token)
            deliver(makeNode(.raw, mode: mode, start: token.start, end: token.end))
            return
        }
        guard enter(token) else {
            deliver(makeNode(.raw, mode: mode, start: token.start, end: token.end))
            return
        }
        let top = frames.count - 1
        var base: Int32 = -1
        var scripts: Int32 = -1
        var extra = false
        if frames[top].kind != .argument, pending.count > frames[top].pendingStart {
            let last = pending[pending.count - 1]
            let node = tree.nodes[Int(last)]
            if node.kind == .scripts {
                let slot = Int(node.childStart) + (superscript ? 2 : 1)
                if tree.links[slot] < 0 {
                    scripts = last
                    pending.removeLast()
                } else {
                    report(.error, superscript ? LaTeXDiagnostic.Code.doubleSuperscript : LaTeXDiagnostic.Code.doubleSubscript,
                           superscript ? "double superscript" : "double subscript",
                           fix: superscript ? "use braces: `x^{ab}` or `{x^a}^b`" : "use braces: `x_{ab}` or `{x_a}_b`",
                           at: token)
                    extra = true
                }
            } else if node.kind == .text, node.end - node.start > 1 {
                // In `ab^2` only `b` is raised (and in `a + b ^2`, spaces are not a base).
                var end = Int(node.end)
                while end > Int(node.start) + 1, CharacterClass.isSpace(scalars[end - 1]) { end -= 1 }
                if end - Int(node.start) == 1 {
                    tree.nodes[Int(last)].end = Int32(end)
                    base = last
                    pending.removeLast()
                } else {
                    tree.nodes[Int(last)].end = Int32(end - 1)
                    base = makeNode(.text, mode: .math, start: end - 1, end: end)
                }
            } else if node.kind != .alignment && node.kind != .comment {
                base = last
                pending.removeLast()
            }
        }
        var frame = Frame(kind: .argument, mode: .math, start: token.start, openerEnd: token.end,
                          pendingStart: pending.count)
        frame.purpose = superscript ? .superscript : .subscript
        frame.remaining = 1
        frame.base = base
        frame.scripts = scripts
        if extra { frame.flags.insert(.extraScript) }
        push(frame)
    }

    mutating func finishScripts(argument: Int32) {
        let frame = frames.removeLast()
        dropPending(from: frame.pendingStart)
        // The three slots (base, subscript, superscript) in locals: a temporary array of
        // them cost an allocation per script.
        var (base, lower, upper) = (frame.base, Int32(-1), Int32(-1))
        var start = frame.base >= 0 ? Int(tree.nodes[Int(frame.base)].start) : frame.start
        if frame.scripts >= 0 {
            // Adding `^2` to `x_i`: a fresh node replaces the old one (left unreachable), so
            // that children keep preceding their parent in the arena.
            let old = tree.nodes[Int(frame.scripts)]
            let slots = Int(old.childStart)
            (base, lower, upper) = (tree.links[slots], tree.links[slots + 1], tree.links[slots + 2])
            start = Int(old.start)
        }
        if frame.purpose == .superscript { upper = argument } else { lower = argument }
        let end = argument >= 0 ? Int(tree.nodes[Int(argument)].end) : frame.openerEnd
        let node = makeNode(.scripts, mode: .math, start: start, end: end, flags: frame.flags.intersection(.extraScript))
        tree.nodes[Int(node)].childStart = Int32(tree.links.count)
        tree.nodes[Int(node)].childCount = 3
        tree.links.append(base)
        tree.links.append(lower)
        tree.links.append(upper)
        deliver(node)
    }

    // MARK: Commands

    mutating func handleCommand(_ token: LexToken) {
        let nameStart = token.start + 1
        if token.kind == .controlSymbol {
            let symbol = scalars[nameStart]
            if symbol == "(" || symbol == ")" || symbol == "[" || symbol == "]" {
                handleMathDelimiter(token, symbol)
                return
            }
        }
        let found = scalars.withUnsafeBufferPointer {
            CommandTable.commandIndex(UnsafeBufferPointer(rebasing: $0[nameStart..<token.end]))
        }
        guard let index = found else {
            handleUnknownCommand(token)
            return
        }
        // The parser's own copy of the entry: no strings to retain and release.
        let command = CommandTable.parsing[index]
        switch command.role {
        case .begin: handleBegin(token); return
        case .end: handleEnd(token); return
        case .left: handleLeft(token); return
        case .right: handleRight(token); return
        case .other: break
        }
        var flags: Node.Flags = []
        var end = token.end
        if command.starred, lexer.consume("*") {
            flags.insert(.starred)
            end += 1
        }
        if token.kind == .controlWord { lexer.skipSpaces() }
        let wantsOptional = command.optionalArgument && lexer.peekScalar() == "["
        let arguments = command.arguments
        if arguments == 0 && !wantsOptional {
            deliver(makeNode(.command, mode: mode, start: token.start, end: end, flags: flags, info: Int32(index),
                             name: (nameStart, token.end)))
            return
        }
        guard enter(token) else {
            deliver(makeNode(.raw, mode: mode, start: token.start, end: end))
            return
        }
        var frame = Frame(kind: .argument, mode: mode, start: token.start, openerEnd: end,
                          pendingStart: pending.count, info: Int32(index))
        frame.nameStart = nameStart
        frame.nameEnd = token.end
        frame.remaining = arguments
        frame.verbatim = command.verbatimArguments
        frame.flags = flags
        push(frame)
        if wantsOptional { openOptional() }
    }

    mutating func openOptional() {
        let token = lexer.nextToken()
        guard enter(token) else {
            deliver(makeNode(.raw, mode: mode, start: token.start, end: token.end))
            return
        }
        push(Frame(kind: .optional, mode: mode, start: token.start, openerEnd: token.end,
                   pendingStart: pending.count))
    }

    mutating func handleUnknownCommand(_ token: LexToken) {
        // Spaces after an unknown control word are kept: the command is shown as written.
        if lexer.peekScalar() == "{", enter(token) {
            var frame = Frame(kind: .argument, mode: mode, start: token.start, openerEnd: token.end,
                              pendingStart: pending.count)
            frame.nameStart = token.start + 1
            frame.nameEnd = token.end
            frame.remaining = -1
            push(frame)
            return
        }
        deliver(makeNode(.command, mode: mode, start: token.start, end: token.end, name: (token.start + 1, token.end)))
    }

    // MARK: Environments

    /// Reads the `{name}` after `\begin` or `\end`. Nil (and a diagnostic) when it is missing.
    mutating func readEnvironmentName(_ token: LexToken) -> (start: Int, end: Int)? {
        lexer.skipSpaces()
        let keyword = tree.text(token.start, token.end)
        guard lexer.peekScalar() == "{" else {
            report(.error, LaTeXDiagnostic.Code.missingArgument, "`\(keyword)` is missing the environment name",
                   fix: "write `\(keyword){name}`", at: token)
            deliver(makeNode(.raw, mode: mode, start: token.start, end: token.end))
            return nil
        }
        let open = lexer.offset
        guard let end = lexer.skipBalancedGroup() else {
            report(.error, LaTeXDiagnostic.Code.unclosedBrace, "`{` is never closed", fix: "add a matching `}`",
                   offset: open, position: tree.lines.position(at: open), length: 1)
            deliver(makeNode(.raw, mode: mode, start: token.start, end: scalars.count))
            return nil
        }
        return (open + 1, end - 1)
    }

    mutating func handleBegin(_ token: LexToken) {
        guard let name = readEnvironmentName(token) else { return }
        var headerEnd = name.end + 1
        let environmentIndex = CommandTable.environmentIndex(scalars[name.start..<name.end])
        let nameText = tree.text(name.start, name.end)
        if let environmentIndex {
            let environment = CommandTable.environments[environmentIndex]
            if !environment.mode.allows(mode) {
                if mode == .text {
                    report(.error, LaTeXDiagnostic.Code.mathOnlyInText,
                           "`\\begin{\(nameText)}` outside math: did you forget `$`?",
                           fix: "put it inside math, e.g. `\\[ \\begin{\(nameText)} … \\end{\(nameText)} \\]`",
                           offset: token.start, position: position(at: token.start), length: headerEnd - token.start)
                } else {
                    report(.error, LaTeXDiagnostic.Code.textOnlyInMath, "`\\begin{\(nameText)}` inside math",
                           fix: "close the math before it", offset: token.start, position: position(at: token.start),
                           length: headerEnd - token.start)
                }
            }
            // Column specs and such are read verbatim and not rendered.
            if environment.optionalArgument, lexer.peekScalarAfterSpaces() == "[" {
                lexer.skipSpaces()
                while let scalar = lexer.peekScalar(), scalar != "]", scalar != "\n" { _ = lexer.consume(scalar) }
                _ = lexer.consume("]")
                headerEnd = lexer.offset
            }
            for _ in 0..<environment.arguments {
                lexer.skipSpaces()
                if lexer.peekScalar() == "{", let end = lexer.skipBalancedGroup() { headerEnd = end }
            }
        } else {
            report(.error, LaTeXDiagnostic.Code.unknownEnvironment, "unknown environment `\(nameText)`",
                   fix: Suggestions.environment(for: nameText).map { "did you mean `\($0)`?" },
                   offset: token.start, position: position(at: token.start), length: headerEnd - token.start)
        }
        guard enter(token) else {
            skippedEnvironments += 1
            deliver(makeNode(.raw, mode: mode, start: token.start, end: headerEnd))
            return
        }
        let bodyMode = environmentIndex.flatMap { CommandTable.environments[$0].bodyMode } ?? mode
        var frame = Frame(kind: .environment, mode: bodyMode, start: token.start, openerEnd: headerEnd,
                          pendingStart: pending.count, info: Int32(environmentIndex ?? -1))
        frame.nameStart = name.start
        frame.nameEnd = name.end
        push(frame)
    }

    mutating func handleEnd(_ token: LexToken) {
        guard let name = readEnvironmentName(token) else { return }
        let end = name.end + 1
        if skippedEnvironments > 0 {
            skippedEnvironments -= 1
            deliver(makeNode(.raw, mode: mode, start: token.start, end: end))
            return
        }
        var index = frames.count - 1
        while index > 0, frames[index].kind != .environment, frames[index].kind != .math { index -= 1 }
        let nameText = tree.text(name.start, name.end)
        guard index > 0, frames[index].kind == .environment else {
            report(.error, LaTeXDiagnostic.Code.unexpectedEnd, "`\\end{\(nameText)}` without a matching `\\begin{\(nameText)}`",
                   fix: "remove it, or add `\\begin{\(nameText)}` before it",
                   offset: token.start, position: position(at: token.start), length: end - token.start)
            deliver(makeNode(.raw, mode: mode, start: token.start, end: end))
            return
        }
        while frames.count - 1 > index { abandonTop() }
        let opener = frames[index]
        if !scalars[opener.nameStart..<opener.nameEnd].elementsEqual(scalars[name.start..<name.end]) {
            let openName = tree.text(opener.nameStart, opener.nameEnd)
            report(.error, LaTeXDiagnostic.Code.mismatchedEnvironment,
                   "`\\end{\(nameText)}` closes environment `\(openName)`", fix: "write `\\end{\(openName)}`",
                   offset: token.start, position: position(at: token.start), length: end - token.start,
                   notes: [.init(message: "opened here", position: position(of: opener))])
        }
        finishTop(end: end, closed: true)
    }

    // MARK: \left … \right

    mutating func handleLeft(_ token: LexToken) {
        if mode == .text {
            report(.error, LaTeXDiagnostic.Code.mathOnlyInText, "`\\left` outside math: did you forget `$`?",
                   fix: "put the formula in `$…$`", at: token)
        }
        guard enter(token) else {
            skippedLefts += 1
            deliver(makeNode(.raw, mode: mode, start: token.start, end: token.end))
            return
        }
        var frame = Frame(kind: .argument, mode: mode, start: token.start, openerEnd: token.end,
                          pendingStart: pending.count)
        frame.purpose = .leftDelimiter
        frame.remaining = 1
        frame.nameStart = token.start + 1
        frame.nameEnd = token.end
        push(frame)
    }

    mutating func handleRight(_ token: LexToken) {
        if skippedLefts > 0 {
            skippedLefts -= 1
            deliver(makeNode(.raw, mode: mode, start: token.start, end: token.end))
            return
        }
        var index = frames.count - 1
        search: while index > 0 {
            switch frames[index].kind {
            case .leftRight: break search
            case .group, .argument, .optional: index -= 1
            default: index = 0
            }
        }
        guard index > 0 else {
            report(.error, LaTeXDiagnostic.Code.unexpectedRight, "`\\right` without a matching `\\left`",
                   fix: "add `\\left` before it, or remove it", at: token)
            deliver(makeNode(.raw, mode: mode, start: token.start, end: token.end))
            return
        }
        while frames.count - 1 > index { abandonTop() }
        // The delimiter frame sits on the `\left…\right` frame without counting as a level:
        // it can only ever hold one token.
        var frame = Frame(kind: .argument, mode: mode, start: token.start, openerEnd: token.end,
                          pendingStart: pending.count)
        frame.purpose = .rightDelimiter
        frame.remaining = 1
        frame.nameStart = token.start + 1
        frame.nameEnd = token.end
        frames.append(frame)
    }

    mutating func finishLeftRight(closedAt end: Int, rightDelimiter: Int32?) {
        if let rightDelimiter { pending.append(rightDelimiter) }
        finishTop(end: end, closed: rightDelimiter != nil)
    }

    // MARK: Frames

    /// Whether one more level fits. The first time it does not, says so; callers then keep
    /// the construct as flat source instead of pushing a frame.
    /// Where an offset is, from the lines scanned so far (diagnostics only).
    func position(at offset: Int) -> SourcePosition { lexer.lines.position(at: offset) }

    /// Where a frame's opener is.
    func position(of frame: Frame) -> SourcePosition { position(at: frame.start) }

    mutating func enter(_ token: LexToken) -> Bool {
        if depth < LaTeXParser.maximumDepth { return true }
        if !depthReported {
            depthReported = true
            report(.error, LaTeXDiagnostic.Code.nestingTooDeep,
                   "nesting deeper than \(LaTeXParser.maximumDepth) levels",
                   fix: "simplify the formula; the rest of this group is kept as source", at: token)
        }
        return false
    }

    mutating func push(_ frame: Frame) {
        frames.append(frame)
    }

    /// Closes the frame on top because something outside it closed (or the input ended),
    /// reporting what was left open.
    mutating func abandonTop() {
        let frame = frames[frames.count - 1]
        switch frame.kind {
        case .root:
            return
        case .argument:
            finishArgumentFrame(complete: false)
            return
        case .group:
            report(.error, LaTeXDiagnostic.Code.unclosedBrace, "`{` is never closed", fix: "add a matching `}`",
                   offset: frame.start, position: position(of: frame), length: 1)
        case .math:
            let delimiter = MathDelimiter(rawValue: frame.info) ?? .dollar
            let dollarDigit = delimiter == .dollar && frame.openerEnd < scalars.count && scalars[frame.openerEnd].isASCIIDigit
            report(.error, LaTeXDiagnostic.Code.unclosedMath, "math opened with `\(delimiter.opener)` is never closed",
                   fix: dollarDigit ? "write `\\$` for a dollar sign" : "close it with `\(delimiter.closer)`",
                   offset: frame.start, position: position(of: frame), length: frame.openerEnd - frame.start)
        case .environment:
            let name = tree.text(frame.nameStart, frame.nameEnd)
            report(.error, LaTeXDiagnostic.Code.unclosedEnvironment, "environment `\(name)` is never closed",
                   fix: "add `\\end{\(name)}`", offset: frame.start, position: position(of: frame),
                   length: frame.openerEnd - frame.start)
        case .leftRight:
            report(.error, LaTeXDiagnostic.Code.unclosedLeft, "`\\left` without a matching `\\right`",
                   fix: "add `\\right` with a delimiter (`\\right.` for none)", offset: frame.start,
                   position: position(of: frame), length: 5)
        case .optional:
            break
        }
        let last = pending.count > frame.pendingStart ? Int(tree.nodes[Int(pending[pending.count - 1])].end) : frame.openerEnd
        finishTop(end: last, closed: false)
    }

    /// Turns the frame on top into a node and delivers it.
    mutating func finishTop(end: Int, closed: Bool) {
        let frame = frames.removeLast()
        let kind: Node.Kind
        switch frame.kind {
        case .group: kind = .group
        case .math: kind = .math
        case .environment: kind = .environment
        case .leftRight: kind = .leftRight
        case .optional: kind = .optionalArgument
        case .root, .argument: kind = .raw
        }
        var flags = frame.flags
        if closed { flags.insert(.closed) }
        // A node's mode is that of its surroundings; the children carry their own.
        let outerMode = frames.isEmpty ? Mode.text : frames[frames.count - 1].mode
        let node = makeNode(kind, mode: frame.kind == .leftRight ? .math : outerMode, start: frame.start,
                            end: max(end, frame.openerEnd), flags: flags, info: frame.info,
                            name: (frame.nameStart, frame.nameEnd))
        attachChildren(node, from: frame.pendingStart)
        deliver(node)
    }

    mutating func attachChildren(_ node: Int32, from start: Int) {
        tree.nodes[Int(node)].childStart = Int32(tree.links.count)
        tree.nodes[Int(node)].childCount = Int32(pending.count - start)
        // One by one: a node has a few children, and appending them as a buffer takes a
        // general path that costs more than the loop.
        for index in start..<pending.count { tree.links.append(pending[index]) }
        dropPending(from: start)
    }

    /// Removes the pending nodes from `start` on (see `attachChildren`).
    mutating func dropPending(from start: Int) {
        pending.removeAll(from: start)
    }

    /// Appends a node; `name` is where a command's or environment's name is. (Set here, not
    /// written into the node afterwards: each write to an arena element costs a uniqueness
    /// check and a bounds check.)
    mutating func makeNode(
        _ kind: Node.Kind, mode: Mode, start: Int, end: Int, flags: Node.Flags = [], info: Int32 = -1,
        name: (start: Int, end: Int) = (0, 0)
    ) -> Int32 {
        tree.nodes.append(Node(kind: kind, mode: mode, flags: flags, start: Int32(start), end: Int32(end), info: info,
                               nameStart: Int32(name.start), nameEnd: Int32(name.end)))
        return Int32(tree.nodes.count - 1)
    }

    // MARK: Diagnostics

    mutating func report(
        _ severity: LaTeXDiagnostic.Severity, _ code: String, _ message: String, fix: String?,
        at token: LexToken, notes: [LaTeXDiagnostic.Note] = []
    ) {
        report(severity, code, message, fix: fix, offset: token.start, position: position(at: token.start),
               length: token.end - token.start, notes: notes)
    }

    mutating func report(
        _ severity: LaTeXDiagnostic.Severity, _ code: String, _ message: String, fix: String?,
        offset: Int, position: SourcePosition, length: Int, notes: [LaTeXDiagnostic.Note] = []
    ) {
        tree.diagnostics.append(LaTeXDiagnostic(
            severity: severity, code: code, message: message, fix: fix, position: position,
            length: length, notes: notes))
    }

    mutating func reportComment(_ token: LexToken) {
        var hidden = tree.text(token.start + 1, token.end)
        while hidden.hasSuffix("\r") { hidden.removeLast() }
        let shown = hidden.unicodeScalars.count > 30
            ? String(String.UnicodeScalarView(hidden.unicodeScalars.prefix(30))) + "…" : hidden
        let message = hidden.allSatisfy(\.isWhitespace)
            ? "`%` starts a comment that hides the end of its line"
            : "`%` starts a comment that hides “\(shown)”"
        report(.warning, LaTeXDiagnostic.Code.comment, message, fix: "write `\\%` for a percent sign", at: token)
    }
}

extension Unicode.Scalar {
    var isASCIILowercase: Bool { value >= 0x61 && value <= 0x7A }
}
