import Foundation

/// Canonical composition (NFC) of a base character and one combining mark, the only case
/// accents need. Foundation's normalization bridges through NSString and costs microseconds
/// per call; accents are common in names (Gödel, Erdős), so the pairs of ASCII letters and
/// the accents of the command table are composed once, here, and looked up afterwards.
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
        var table: [UInt64: Unicode.Scalar?] = [:]
        for base in bases {
            for mark in marks {
                let text = String(String.UnicodeScalarView([base, Unicode.Scalar(mark)!]))
                let composed = Array(text.precomposedStringWithCanonicalMapping.unicodeScalars)
                table[UInt64(base.value) << 32 | UInt64(mark)] = composed.count == 1 ? composed[0] : nil
            }
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
