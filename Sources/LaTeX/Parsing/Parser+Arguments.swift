
// Arguments: a command's arguments, read into frames of their own.
extension Parser {
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
}
