/// "Did you mean …?" for misspelt command and environment names.
enum Suggestions {
    /// The closest known command usable in `mode`, within edit distance 2 (or differing only
    /// in case). Commands of the other mode are a fallback: `\Alpha` in text still deserves a
    /// hint. Ties go to the earlier table entry, which lists the common commands first.
    static func command(for name: String, mode: Mode) -> String? {
        let candidates = CommandTable.commands.lazy
            .filter { $0.isControlWord }
            .map { ($0.name, $0.mode.allows(mode)) }
        return best(name, among: candidates).map { "\\" + $0 }
    }

    static func environment(for name: String) -> String? {
        best(name, among: CommandTable.environments.lazy.map { ($0.name, true) })
    }

    private static func best<S: Sequence>(_ name: String, among candidates: S) -> String? where S.Element == (String, Bool) {
        let target = Array(name.unicodeScalars)
        let lowered = name.lowercased()
        var best: (name: String, score: Int)?
        for (candidate, preferred) in candidates {
            let scalars = Array(candidate.unicodeScalars)
            guard abs(scalars.count - target.count) <= 2 else { continue }
            let distance: Int
            if candidate.lowercased() == lowered {
                distance = 0
            } else {
                distance = editDistance(target, scalars, limit: 2)
                guard distance <= 2 else { continue }
            }
            // Same-mode candidates win over other-mode ones at equal distance.
            let score = distance * 2 + (preferred ? 0 : 1)
            if best == nil || score < best!.score { best = (candidate, score) }
        }
        return best?.name
    }

    /// Optimal string alignment distance (Levenshtein plus adjacent transpositions, so that
    /// `alpah` is one edit from `alpha`), giving up early past `limit`.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
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
            if rowMinimum > limit { return limit + 1 }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
