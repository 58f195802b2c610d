/// Finds every problem in a source: the parser's structural ones plus those that need the
/// command table in context (unknown commands, commands in the wrong mode, link targets the
/// HTML would not link) or the caller's own macros.
public enum LaTeXChecker {
    /// Every problem, not just the first, sorted by position.
    public static func check(_ source: String, extraMacros: Set<String> = []) -> [LaTeXDiagnostic] {
        check(LaTeXParser.parse(source), extraMacros: extraMacros)
    }

    public static func check(_ tree: SyntaxTree, extraMacros: Set<String> = []) -> [LaTeXDiagnostic] {
        var diagnostics = tree.diagnostics
        var added = false
        // Suggestions cost an edit distance per table entry: compute each name's once.
        var suggestions: [String: String?] = [:]
        // Parent links, for the scripts after a math-only command in text: built on first need.
        var parents = MathWrapping.Parents.none
        // The arena holds every node exactly once, so a flat loop visits the whole tree
        // without recursion.
        for index in tree.nodes.indices {
            let node = tree.nodes[index]
            switch node.kind {
            case .command:
                if node.info >= 0 {
                    if CommandTable.parsing[Int(node.info)].takesURL, let diagnostic = LinkCheck.diagnostic(index, in: tree) {
                        diagnostics.append(diagnostic)
                        added = true
                    }
                    // Known commands in a mode they allow, nearly all of them, need no more.
                    if CommandTable.commands[Int(node.info)].mode.allows(node.mode) { continue }
                }
                if let diagnostic = checkCommand(
                    index, in: tree, extraMacros: extraMacros, suggestions: &suggestions, parents: &parents
                ) {
                    diagnostics.append(diagnostic)
                    added = true
                }
            case .math where node.flags.contains(.looksLikeMoney):
                let content = tree.text(of: index)
                diagnostics.append(LaTeXDiagnostic(
                    severity: .warning, code: LaTeXDiagnostic.Code.mathLooksLikeMoney,
                    message: "`\(content)` looks like money, not math",
                    fix: "write `\\$` for a dollar sign",
                    position: tree.position(at: Int(node.start)), length: Int(node.end - node.start)))
                added = true
            default:
                break
            }
        }
        if added {
            // Stable: at equal offsets the parser's findings (outer constructs) come first.
            diagnostics = diagnostics.enumerated()
                .sorted { ($0.element.position.offset, $0.offset) < ($1.element.position.offset, $1.offset) }
                .map(\.element)
        }
        return diagnostics
    }

    private static func checkCommand(
        _ index: Int, in tree: SyntaxTree, extraMacros: Set<String>, suggestions: inout [String: String?],
        parents: inout MathWrapping.Parents
    ) -> LaTeXDiagnostic? {
        let node = tree.nodes[index]
        let mode = tree.commandMode(of: index)
        if let mode, mode.allows(node.mode) { return nil }
        // Only problems get this far: names and positions are computed for them alone.
        let name = tree.name(of: index)
        let position = tree.position(at: Int(node.start))
        let length = Int(node.nameEnd - node.start)
        guard mode != nil else {
            if extraMacros.contains(name) { return nil }
            let key = (node.mode == .math ? "$" : "") + name
            let suggestion: String?
            if let known = suggestions[key] {
                suggestion = known
            } else {
                suggestion = Suggestions.command(for: name, mode: node.mode)
                suggestions[key] = .some(suggestion)
            }
            return LaTeXDiagnostic(
                severity: .error, code: LaTeXDiagnostic.Code.unknownCommand,
                message: "unknown command `\\\(name)`",
                fix: suggestion.map { "did you mean `\($0)`?" },
                position: position, length: length)
        }
        if node.mode == .text {
            if parents.isEmpty { parents = MathWrapping.parents(in: tree) }
            return LaTeXDiagnostic(
                severity: .error, code: LaTeXDiagnostic.Code.mathOnlyInText,
                message: "`\\\(name)` outside math: did you forget `$`?",
                fix: MathWrapping.fix(index, in: tree, parents: parents), position: position, length: length)
        }
        return LaTeXDiagnostic(
            severity: .error, code: LaTeXDiagnostic.Code.textOnlyInMath,
            message: "`\\\(name)` inside math",
            fix: "close the math before it, or use `\\text{…}`", position: position, length: length)
    }
}
