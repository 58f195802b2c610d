
// Text and groups.
extension Parser {
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
        guard let index = innermostFrame(.group, through: [.argument, .optional, .leftRight]) else {
            report(.error, LaTeXDiagnostic.Code.unmatchedBrace, "unmatched `}`",
                   fix: "remove it, or write `\\}` for a literal brace", at: token)
            keepAsSource(token)
            return
        }
        abandonFrames(above: index)
        finishTop(end: token.end, closed: true)
    }

    mutating func closeOptional(_ token: LexToken) {
        finishTop(end: token.end, closed: true)
    }
}
