/// How many edits turn one name into another, for "did you mean …?" hints: here for LaTeX
/// commands (`\\alpah` → `\\alpha`), and in the archive loader for JSON keys
/// (`abstarct` → `abstract`).
public enum EditDistance {
    /// Optimal string alignment distance: Levenshtein plus adjacent transpositions, so
    /// that a swapped pair of letters is one edit. Gives up early once every alignment
    /// costs more than `limit`, and then returns `limit + 1`.
    public static func between(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int = .max - 1) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previous2[j - 2] + 1)
                }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            // A row's minimum never drops by more than the transposition allows, so once
            // it exceeds the limit the distance does too.
            if rowMinimum > limit { return limit + 1 }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
