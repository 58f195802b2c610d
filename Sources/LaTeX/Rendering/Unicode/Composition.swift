import Foundation

/// Canonical composition (NFC) of a base character and one combining mark, the only case
/// accents need. Foundation's normalization bridges through NSString and costs microseconds
/// per call; accents are common in names (Gödel, Erdős) and formulas (θ̂), so the pairs of
/// ASCII and Greek letters and the accents of the command table are composed once, here,
/// and looked up afterwards.
enum Composition {
    /// (base << 32 | mark) -> composed scalar, or nil when the pair has no precomposed form
    /// (x̂ stays x + U+0302).
    private static let table: [UInt64: Unicode.Scalar?] = {
        var marks: Set<UInt32> = [0x0338]
        for command in CommandTable.commands {
            switch command.kind {
            case .textAccent(let mark), .mathAccent(let mark), .lineAccent(let mark): marks.insert(mark.value)
            default: break
            }
        }
        var bases = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyzıȷ=<>".unicodeScalars)
        bases += Array("0123456789".unicodeScalars)
        bases += Array("αβγδεζηθικλμνξοπρστυφχψωΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩϑϕϵϖϱς".unicodeScalars)
        let pairs = bases.flatMap { base in marks.map { (base, Unicode.Scalar($0)!) } }
        // All pairs are normalized in one call, each on a line of its own: a line feed
        // composes and reorders with nothing, so every line comes out as it would alone, and
        // one trip through NSString replaces thousands.
        var joined = String.UnicodeScalarView()
        for (base, mark) in pairs {
            joined.append(base)
            joined.append(mark)
            joined.append("\n")
        }
        let lines = String(joined).precomposedStringWithCanonicalMapping.unicodeScalars
            .split(separator: "\n", omittingEmptySubsequences: false)
        var table: [UInt64: Unicode.Scalar?] = [:]
        for ((base, mark), line) in zip(pairs, lines) {
            let key = UInt64(base.value) << 32 | UInt64(mark.value)
            if line.count == 1 {
                table[key] = line.first
            } else if line.elementsEqual([base, mark]) {
                table[key] = .some(nil)
            }
            // Anything else (a base that normalization itself changes) is left to `compose`.
        }
        return table
    }()

    /// `base` followed by `mark`, composed where Unicode has a precomposed character.
    static func compose(_ base: Unicode.Scalar, _ mark: Unicode.Scalar) -> String {
        // `\"\i` is how TeX writes ï: the dotless i exists only to carry the accent.
        let base: Unicode.Scalar = base == "ı" ? "i" : base == "ȷ" ? "j" : base
        if let entry = table[UInt64(base.value) << 32 | UInt64(mark.value)] {
            if let composed = entry { return String(composed) }
            return String(String.UnicodeScalarView([base, mark]))
        }
        return String(String.UnicodeScalarView([base, mark])).precomposedStringWithCanonicalMapping
    }
}
