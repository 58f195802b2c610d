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
                distance = EditDistance.between(target, scalars, limit: 2)
                guard distance <= 2 else { continue }
            }
            // Same-mode candidates win over other-mode ones at equal distance.
            let score = distance * 2 + (preferred ? 0 : 1)
            if best == nil || score < best!.score { best = (candidate, score) }
        }
        return best?.name
    }
}
