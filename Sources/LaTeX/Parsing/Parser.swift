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

struct Frame {
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
struct Compact {
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
struct NodeStack {
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

struct Parser {
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
        abandonFrames(above: 0)
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
                abandonFrames(above: index)
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
            keepAsSource(token)
        case .comment:
            reportComment(token)
            deliver(makeNode(.comment, mode: mode, start: token.start, end: token.end))
        case .trailingBackslash:
            report(.warning, LaTeXDiagnostic.Code.trailingBackslash, "`\\` at the end of the text",
                   fix: "remove it, or write `\\textbackslash` for a backslash", at: token)
            keepAsSource(token)
        case .controlWord, .controlSymbol:
            handleCommand(token)
        case .endOfInput:
            break
        }
    }
}

extension Unicode.Scalar {
    var isASCIILowercase: Bool { value >= 0x61 && value <= 0x7A }
}
