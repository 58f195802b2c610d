
// Commands, environments and `\left … \right`.
extension Parser {
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
            keepAsSource(token)
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
            keepAsSource(token)
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
        abandonFrames(above: index)
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
            keepAsSource(token)
            return
        }
        push(delimiterFrame(after: token, purpose: .leftDelimiter))
    }

    /// The frame that takes the one delimiter token after `\left` or `\right`.
    func delimiterFrame(after token: LexToken, purpose: Frame.Purpose) -> Frame {
        var frame = Frame(kind: .argument, mode: mode, start: token.start, openerEnd: token.end, pendingStart: pending.count)
        frame.purpose = purpose
        frame.remaining = 1
        frame.nameStart = token.start + 1
        frame.nameEnd = token.end
        return frame
    }

    mutating func handleRight(_ token: LexToken) {
        if skippedLefts > 0 {
            skippedLefts -= 1
            keepAsSource(token)
            return
        }
        guard let index = innermostFrame(.leftRight, through: [.group, .argument, .optional]) else {
            report(.error, LaTeXDiagnostic.Code.unexpectedRight, "`\\right` without a matching `\\left`",
                   fix: "add `\\left` before it, or remove it", at: token)
            keepAsSource(token)
            return
        }
        abandonFrames(above: index)
        // The delimiter frame sits on the `\left…\right` frame without counting as a level
        // (no `enter`): it can only ever hold one token.
        push(delimiterFrame(after: token, purpose: .rightDelimiter))
    }

    mutating func finishLeftRight(closedAt end: Int, rightDelimiter: Int32?) {
        if let rightDelimiter { pending.append(rightDelimiter) }
        finishTop(end: end, closed: rightDelimiter != nil)
    }
}
