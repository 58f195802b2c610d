/// The fix of a math-only command found in text: the command as written, with its optional
/// and required arguments and the scripts after it (`\frac{1}{2}`, `\sqrt[3]{x}`,
/// `\sum_{i}^n`), wrapped in `$…$`. The slice is cut from the source by the tree's ranges,
/// so what is suggested is exactly what was typed. In text the parser does not attach `^`
/// and `_` to a base (each is reported where it stands), so the scripts are read from the
/// command's next siblings.
enum MathWrapping {
    /// Longer slices, or ones spanning lines, are shown by their shape instead.
    static let longestSlice = 60

    /// `write \`$\frac{1}{2}$\``, or `wrap \`\frac{…}{…}\` in \`$…$\`` when the slice is
    /// long, spans lines, holds math of its own, or lacks an argument.
    static func fix(_ index: Int, in tree: SyntaxTree, parents: Parents) -> String {
        let node = tree.nodes[index]
        var end = Int(node.end)
        var scriptShape = ""
        let parent = Int(parents.parent[index])
        if parent >= 0 {
            let siblings = tree.children(of: parent)
            // The command's place among its siblings is recorded, not searched for: a
            // search per command made text with many of them quadratic.
            var slot = Int(parents.slot[index]) + 1
            // At most a subscript and a superscript; a third is an error of its own.
            var scripts = 0
            while scripts < 2, slot + 1 < siblings.endIndex,
                  let scriptEnd = scriptEnd(mark: Int(siblings[slot]), argument: Int(siblings[slot + 1]), after: end, in: tree) {
                scriptShape += String(tree.source[Int(tree.nodes[Int(siblings[slot])].start)]) + "{…}"
                end = scriptEnd
                slot += 2
                scripts += 1
            }
        }
        let slice = tree.text(Int(node.start), end)
        let fits = slice.unicodeScalars.count <= longestSlice && !slice.contains(where: \.isNewline)
            && !slice.contains("$") && !slice.contains("\\(") && !slice.contains("\\[")
        if fits, !node.flags.contains(.incomplete) { return "write `$\(slice)$`" }
        var shape = "\\" + tree.name(of: index)
        if node.flags.contains(.starred) { shape += "*" }
        if tree.optionalArgument(index) != nil { shape += "[…]" }
        shape += String(repeating: "{…}", count: tree.command(of: index)?.arguments ?? 0)
        return "wrap `\(shape + scriptShape)` in `$…$`"
    }

    /// Where a script after a command in text ends: `mark` must be a lone `^` or `_` after
    /// `offset` (spaces between allowed, as TeX allows them), `argument` its argument right
    /// after it: a group, a command, or the first character of a text run.
    private static func scriptEnd(mark: Int, argument: Int, after offset: Int, in tree: SyntaxTree) -> Int? {
        let markNode = tree.nodes[mark]
        let start = Int(markNode.start)
        guard markNode.kind == .raw, markNode.end == markNode.start + 1,
              tree.source[start] == "^" || tree.source[start] == "_",
              start >= offset, tree.source[offset..<start].allSatisfy({ $0 == " " || $0 == "\t" }) else { return nil }
        let node = tree.nodes[argument]
        guard node.start == markNode.end else { return nil }
        switch node.kind {
        case .group, .command:
            return Int(node.end)
        case .text where !CharacterClass.isSpace(tree.source[Int(node.start)]):
            return Int(node.start) + 1
        default:
            return nil
        }
    }

    /// The parent of each node (-1 for the root and unreachable nodes) and the place of
    /// its link among the parent's children (an index into `children(of: parent)`), for
    /// finding a command's next siblings. Built only when a math-only command is found in text.
    struct Parents {
        var parent: [Int32]
        var slot: [Int32]
        var isEmpty: Bool { parent.isEmpty }
        static let none = Parents(parent: [], slot: [])
    }

    static func parents(in tree: SyntaxTree) -> Parents {
        var parents = Parents(parent: [Int32](repeating: -1, count: tree.nodes.count),
                              slot: [Int32](repeating: -1, count: tree.nodes.count))
        for index in tree.nodes.indices {
            let children = tree.children(of: index)
            for slot in children.indices where children[slot] >= 0 {
                parents.parent[Int(children[slot])] = Int32(index)
                parents.slot[Int(children[slot])] = Int32(slot)
            }
        }
        return parents
    }
}
