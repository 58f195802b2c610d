/// Mathematical alphanumerics (U+1D400 block). Where that block has holes, the letters were
/// encoded earlier in Letterlike Symbols, and those code points must be used instead.
enum MathAlphabets {
    static func map(_ scalar: Unicode.Scalar, _ font: MathFont) -> Unicode.Scalar {
        let value = scalar.value
        let upper = value >= 0x41 && value <= 0x5A
        let lower = value >= 0x61 && value <= 0x7A
        let digit = value >= 0x30 && value <= 0x39
        switch font {
        case .doubleStruck:
            switch scalar {
            case "C": return "ℂ"
            case "H": return "ℍ"
            case "N": return "ℕ"
            case "P": return "ℙ"
            case "Q": return "ℚ"
            case "R": return "ℝ"
            case "Z": return "ℤ"
            default:
                if upper { return Unicode.Scalar(0x1D538 + value - 0x41) ?? scalar }
                if lower { return Unicode.Scalar(0x1D552 + value - 0x61) ?? scalar }
                if digit { return Unicode.Scalar(0x1D7D8 + value - 0x30) ?? scalar }
            }
        case .script:
            switch scalar {
            case "B": return "ℬ"
            case "E": return "ℰ"
            case "F": return "ℱ"
            case "H": return "ℋ"
            case "I": return "ℐ"
            case "L": return "ℒ"
            case "M": return "ℳ"
            case "R": return "ℛ"
            case "e": return "ℯ"
            case "g": return "ℊ"
            case "o": return "ℴ"
            default:
                if upper { return Unicode.Scalar(0x1D49C + value - 0x41) ?? scalar }
                if lower { return Unicode.Scalar(0x1D4B6 + value - 0x61) ?? scalar }
            }
        case .fraktur:
            switch scalar {
            case "C": return "ℭ"
            case "H": return "ℌ"
            case "I": return "ℑ"
            case "R": return "ℜ"
            case "Z": return "ℨ"
            default:
                if upper { return Unicode.Scalar(0x1D504 + value - 0x41) ?? scalar }
                if lower { return Unicode.Scalar(0x1D51E + value - 0x61) ?? scalar }
            }
        case .bold:
            if upper { return Unicode.Scalar(0x1D400 + value - 0x41) ?? scalar }
            if lower { return Unicode.Scalar(0x1D41A + value - 0x61) ?? scalar }
            if digit { return Unicode.Scalar(0x1D7CE + value - 0x30) ?? scalar }
            if value >= 0x391 && value <= 0x3A9 && value != 0x3A2 { return Unicode.Scalar(0x1D6A8 + value - 0x391) ?? scalar }
            if value >= 0x3B1 && value <= 0x3C9 { return Unicode.Scalar(0x1D6C2 + value - 0x3B1) ?? scalar }
        case .roman, .italic:
            break
        }
        return scalar
    }
}
