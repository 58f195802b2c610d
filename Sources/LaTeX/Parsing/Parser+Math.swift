
// Math: its delimiters, and the scripts inside it.
extension Parser {
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
            keepAsSource(token)
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
                keepAsSource(token)
            } else {
                openMath(symbol == "(" ? .parenthesis : .bracket, token: token, end: token.end)
            }
            return
        }
        let closer = tree.text(token.start, token.end)
        guard mode == .math, let index = enclosingMathFrame() else {
            report(.error, LaTeXDiagnostic.Code.unexpectedMathClose,
                   "`\(closer)` without an opening `\(text)`", fix: "remove it, or add `\(text)` before the math", at: token)
            keepAsSource(token)
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
        abandonFrames(above: index)
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
            keepAsSource(token)
            return
        }
        guard enter(token) else {
            keepAsSource(token)
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
}
