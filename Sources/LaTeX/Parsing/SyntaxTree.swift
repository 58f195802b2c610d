/// A parsed source: nodes in one array (an arena), children as ranges of a second array.
/// Nodes are plain values with no references, so building, copying and freeing a tree of any
/// shape costs no recursion and few allocations; a child always has a smaller index than its
/// parent because the parser finishes children first. (A few nodes may be unreachable from
/// the root: a scripts node that got its second script was replaced by a new one.)
public struct SyntaxTree: Sendable {
    public let source: [Unicode.Scalar]
    /// The same source as UTF-8: rendering is mostly copying runs of source text, and copying
    /// bytes beats encoding scalars again for every run (twice when rendering both outputs).
    let utf8: [UInt8]
    /// The UTF-8 offset of each scalar offset (one entry more than there are scalars), or
    /// empty when the source is ASCII and the two offsets coincide.
    private let utf8Offsets: [Int32]
    public internal(set) var nodes: [Node] = []
    var links: [Int32] = []
    public internal(set) var root: Int = 0
    public internal(set) var lines = LineTable()
    /// Problems the parser found on its way (structure, stray characters); the checker adds
    /// the ones that need the command table in context or the caller's extra macros.
    public internal(set) var diagnostics: [LaTeXDiagnostic] = []

    init(source: [Unicode.Scalar], utf8: [UInt8]) {
        self.source = source
        self.utf8 = utf8
        var offsets: [Int32] = []
        if utf8.count != source.count {
            offsets.reserveCapacity(source.count + 1)
            // Every byte that is not a continuation byte (10xxxxxx) starts a scalar.
            for (offset, byte) in utf8.enumerated() where byte & 0xC0 != 0x80 { offsets.append(Int32(offset)) }
            offsets.append(Int32(utf8.count))
        }
        utf8Offsets = offsets
    }

    /// The UTF-8 of the scalars `start..<end`.
    func utf8(_ start: Int, _ end: Int) -> ArraySlice<UInt8> {
        utf8[utf8Range(start, end)]
    }

    /// Where the UTF-8 of the scalars `start..<end` lies in `utf8`. Renderers hand source
    /// text to their sinks as a span of that range: a slice per run retained and released
    /// the array.
    func utf8Range(_ start: Int, _ end: Int) -> Range<Int> {
        if utf8Offsets.isEmpty { return start..<end }
        return Int(utf8Offsets[start])..<Int(utf8Offsets[end])
    }

    /// The source before the first child of a node and after its last (`\begin{foo}` and
    /// `\end{foo}` of an environment), as scalar ranges; a node without children is all
    /// opener.
    func delimiters(of index: Int) -> (opener: Range<Int>, closer: Range<Int>) {
        let node = nodes[index]
        let children = children(of: index)
        guard let first = children.first, let last = children.last else {
            return (Int(node.start)..<Int(node.end), Int(node.end)..<Int(node.end))
        }
        return (Int(node.start)..<Int(nodes[Int(first)].start), Int(nodes[Int(last)].end)..<Int(node.end))
    }

    public func children(of index: Int) -> ArraySlice<Int32> {
        let node = nodes[index]
        return links[Int(node.childStart)..<Int(node.childStart + node.childCount)]
    }

    /// The i-th required argument of a command node (optional arguments are skipped).
    /// (The links are read in place: a slice of them, as `children(of:)` makes, would be
    /// retained and released, and renderers ask for arguments of most commands.)
    public func argument(_ index: Int, _ position: Int) -> Int32? {
        let node = nodes[index]
        var seen = 0
        for slot in Int(node.childStart)..<Int(node.childStart + node.childCount) {
            let child = links[slot]
            if nodes[Int(child)].kind == .optionalArgument { continue }
            if seen == position { return child }
            seen += 1
        }
        return nil
    }

    /// The `[…]` argument of a command node, if it has one.
    public func optionalArgument(_ index: Int) -> Int32? {
        let node = nodes[index]
        for slot in Int(node.childStart)..<Int(node.childStart + node.childCount) {
            let child = links[slot]
            if nodes[Int(child)].kind == .optionalArgument { return child }
        }
        return nil
    }

    public func position(at offset: Int) -> SourcePosition { lines.position(at: offset) }

    /// The source text of `start..<end`.
    public func text(_ start: Int, _ end: Int) -> String {
        String(decoding: utf8(start, end), as: UTF8.self)
    }

    public func text(of index: Int) -> String {
        text(Int(nodes[index].start), Int(nodes[index].end))
    }

    /// A command's or environment's name, without backslash or braces.
    public func name(of index: Int) -> String {
        text(Int(nodes[index].nameStart), Int(nodes[index].nameEnd))
    }

    /// The table entry of a command node, nil for unknown commands and other nodes.
    public func command(of index: Int) -> Command? {
        commandEntry(of: index).map { CommandTable.commands[$0] }
    }

    /// The kind or mode alone of `command(of:)`. The walkers switch on the kind of every
    /// command and the checker tests the mode of every one: copying the whole entry (name
    /// included) for that costs more than the switch or the test.
    func commandKind(of index: Int) -> CommandKind? {
        commandEntry(of: index).map { CommandTable.commands[$0].kind }
    }

    func commandMode(of index: Int) -> CommandMode? {
        commandEntry(of: index).map { CommandTable.commands[$0].mode }
    }

    /// Where a command node's entry is in `CommandTable.commands`.
    func commandEntry(of index: Int) -> Int? {
        let node = nodes[index]
        return node.kind == .command && node.info >= 0 ? Int(node.info) : nil
    }

    public func environment(of index: Int) -> Environment? {
        let node = nodes[index]
        return node.kind == .environment && node.info >= 0 ? CommandTable.environments[Int(node.info)] : nil
    }
}

public struct Node: Sendable, Equatable {
    public enum Kind: UInt8, Sendable {
        case root
        /// Source text without markup: a run of words, punctuation and spaces in text mode;
        /// in math, a run of letters, digits and punctuation (whitespace is not kept).
        case text
        case paragraphBreak
        /// `{…}`.
        case group
        /// `$…$`, `$$…$$`, `\(…\)`, `\[…\]`; `info` is a `MathDelimiter`.
        case math
        /// `\name` with its arguments as children (groups, single tokens, optional arguments).
        /// `info` indexes `CommandTable.commands`, or is -1 for an unknown command.
        case command
        /// `\begin{name}…\end{name}`; `info` indexes `CommandTable.environments` or is -1.
        case environment
        /// `\left…\right`: children are the left delimiter, the body, the right delimiter
        /// (the last one only when `closed`).
        case leftRight
        /// Children: base, subscript, superscript; -1 where absent.
        case scripts
        case optionalArgument
        /// The raw content of a verbatim argument (URL, label), without its braces.
        case verbatim
        /// Source kept as is: an over-deep group, a stray `}`, `^` in text.
        case raw
        /// `&`.
        case alignment
        case comment
    }

    public struct Flags: OptionSet, Sendable, Equatable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        /// The closing delimiter was found.
        public static let closed = Flags(rawValue: 1)
        public static let display = Flags(rawValue: 2)
        /// `$…$` whose content reads like prose with prices: rendered as source.
        public static let looksLikeMoney = Flags(rawValue: 4)
        public static let starred = Flags(rawValue: 8)
        /// A required argument is missing.
        public static let incomplete = Flags(rawValue: 16)
        /// A text node of words, punctuation and single spaces, with no `~` and no scalar of
        /// a ligature (`-`, `` ` ``, `'`): the text walker copies it whole instead of
        /// visiting every scalar. The parser sets it on the runs it scans anyway.
        public static let plainRun = Flags(rawValue: 32)
        /// Scripts that a base already had (`^3` in `x^2^3`, reported): rendered as source,
        /// since as a script they would read as part of the first (`x²³`).
        public static let extraScript = Flags(rawValue: 64)
    }

    public var kind: Kind
    public var mode: Mode
    public var flags: Flags = []
    public var start: Int32
    public var end: Int32
    public var childStart: Int32 = 0
    public var childCount: Int32 = 0
    public var info: Int32 = -1
    public var nameStart: Int32 = 0
    public var nameEnd: Int32 = 0

    public var isClosed: Bool { flags.contains(.closed) }
}

public enum MathDelimiter: Int32, Sendable {
    case dollar, doubleDollar, parenthesis, bracket, environment

    var opener: String {
        switch self {
        case .dollar: return "$"
        case .doubleDollar: return "$$"
        case .parenthesis: return "\\("
        case .bracket: return "\\["
        case .environment: return "\\begin"
        }
    }

    var closer: String {
        switch self {
        case .dollar: return "$"
        case .doubleDollar: return "$$"
        case .parenthesis: return "\\)"
        case .bracket: return "\\]"
        case .environment: return "\\end"
        }
    }
}
