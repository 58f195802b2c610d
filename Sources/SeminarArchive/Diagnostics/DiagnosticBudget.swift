/// At most `perKind` problems of one kind (one code) per file, and a note with the count
/// of the rest: a file with 20,000 unknown commands gets ten of them and "… and 19,990
/// more". The problems beyond the limit are counted, never located nor printed, so the
/// cost of a report stays linear in the file however many problems it holds.
public struct DiagnosticBudget: Sendable {
    public static let perKind = 10
    /// The code of the note that counts what was left out.
    public static let omittedCode = "more-diagnostics"

    private var shown: [String: Int] = [:]
    private var omitted: [String: Int] = [:]

    public init() {}

    /// Whether one more problem of `code` is to be reported; counts it either way.
    public mutating func admits(_ code: String) -> Bool {
        if shown[code, default: 0] < Self.perKind {
            shown[code, default: 0] += 1
            return true
        }
        omitted[code, default: 0] += 1
        return false
    }

    /// One note per kind with problems left out, placed after the last one shown of that
    /// kind in `diagnostics` (the file's admitted problems).
    public func notes(after diagnostics: [Diagnostic]) -> [Diagnostic] {
        omitted.keys.sorted().map { code in
            let last = diagnostics.filter { $0.code == code }.compactMap(\.location).max()
            return Diagnostic(.note, code: Self.omittedCode,
                              message: "… and \(groupedDigits(omitted[code]!)) more `\(code)` in this file",
                              location: last)
        }
    }
}

/// 19990 → "19,990".
func groupedDigits(_ n: Int) -> String {
    let digits = Array(String(n))
    var out = ""
    for (i, d) in digits.enumerated() {
        if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
        out.append(d)
    }
    return out
}
