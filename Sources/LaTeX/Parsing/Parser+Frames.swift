
// The frame stack, nodes, and diagnostics.
extension Parser {
    // MARK: Frames

    /// Where an offset is, from the lines scanned so far (diagnostics only).
    func position(at offset: Int) -> SourcePosition { lexer.lines.position(at: offset) }

    /// Where a frame's opener is.
    func position(of frame: Frame) -> SourcePosition { position(at: frame.start) }

    /// Whether one more level fits. The first time it does not, says so; callers then keep
    /// the construct as flat source instead of pushing a frame.
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

    /// The innermost open frame of kind `wanted`, looking only through frames of the
    /// `transparent` kinds: a closer never reaches across anything else (math, an
    /// environment). Nil when there is none to close.
    func innermostFrame(_ wanted: Frame.Kind, through transparent: [Frame.Kind]) -> Int? {
        var index = frames.count - 1
        while index > 0 {
            if frames[index].kind == wanted { return index }
            guard transparent.contains(frames[index].kind) else { return nil }
            index -= 1
        }
        return nil
    }

    /// A token that opens or closes nothing after all (a stray closer, a construct too
    /// deep), kept in the tree as the source it is.
    mutating func keepAsSource(_ token: LexToken) {
        deliver(makeNode(.raw, mode: mode, start: token.start, end: token.end))
    }

    /// Abandons every frame above `index`, innermost first: a closer matched a frame
    /// further down (or the input ended), so what was opened since is left unclosed.
    mutating func abandonFrames(above index: Int) {
        while frames.count - 1 > index { abandonTop() }
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
