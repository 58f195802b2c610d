/// Unicode superscript and subscript forms. Unicode has them for digits, a few signs and
/// most (not all) Latin letters; a script is written with them only when every character has
/// one. Under the original rules (snapshot formats 1–3) Greek always takes the `^(…)`
/// fallback; the unambiguous rules use every script letter Unicode has (`extendedSuperscript`).
enum UnicodeScripts {
    static func superscript(_ scalar: Unicode.Scalar, _ rules: LinearMathRules) -> Unicode.Scalar? {
        if let form = superscript(scalar) { return form }
        return rules == .unambiguous ? extendedSuperscript(scalar) : nil
    }

    static func `subscript`(_ scalar: Unicode.Scalar, _ rules: LinearMathRules) -> Unicode.Scalar? {
        if let form = `subscript`(scalar) { return form }
        return rules == .unambiguous ? extendedSubscript(scalar) : nil
    }

    /// Superscript forms beyond the original table: the Greek and Latin modifier letters, and
    /// `⊤` as ᵀ (`w^\top`).
    static func extendedSuperscript(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar {
        case "α": return "ᵅ"
        case "β": return "ᵝ"
        case "γ": return "ᵞ"
        case "δ": return "ᵟ"
        case "ε", "ϵ": return "ᵋ"
        case "θ": return "ᶿ"
        case "ι": return "ᶥ"
        case "φ", "ϕ": return "ᵠ"
        case "χ": return "ᵡ"
        case "C": return "ꟲ"
        case "F": return "ꟳ"
        case "Q": return "ꟴ"
        case "q": return "\u{107A5}"
        case "⊤": return "ᵀ"
        default: return nil
        }
    }

    /// Marks that are written raised anyway, as a superscript of their own (`x^*` is x*,
    /// `U^\dagger` is U†, `90^\circ` is 90°): not inside a longer script, where `Lᵖ*` would
    /// lose the level of the star.
    static func raisedMark(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar {
        case "*", "∗": return "*"
        case "†", "‡": return scalar
        case "∘": return "°"
        default: return nil
        }
    }

    static func extendedSubscript(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar {
        case "β": return "ᵦ"
        case "γ": return "ᵧ"
        case "ρ": return "ᵨ"
        case "φ", "ϕ": return "ᵩ"
        case "χ": return "ᵪ"
        default: return nil
        }
    }

    static func superscript(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar {
        case "0": return "⁰"
        case "1": return "¹"
        case "2": return "²"
        case "3": return "³"
        case "4"..."9": return Unicode.Scalar(0x2074 + scalar.value - 0x34)
        case "+": return "⁺"
        case "-", "−": return "⁻"
        case "(": return "⁽"
        case ")": return "⁾"
        case "′", "″", "‴": return scalar
        case "a": return "ᵃ"
        case "b": return "ᵇ"
        case "c": return "ᶜ"
        case "d": return "ᵈ"
        case "e": return "ᵉ"
        case "f": return "ᶠ"
        case "g": return "ᵍ"
        case "h": return "ʰ"
        case "i": return "ⁱ"
        case "j": return "ʲ"
        case "k": return "ᵏ"
        case "l": return "ˡ"
        case "m": return "ᵐ"
        case "n": return "ⁿ"
        case "o": return "ᵒ"
        case "p": return "ᵖ"
        case "r": return "ʳ"
        case "s": return "ˢ"
        case "t": return "ᵗ"
        case "u": return "ᵘ"
        case "v": return "ᵛ"
        case "w": return "ʷ"
        case "x": return "ˣ"
        case "y": return "ʸ"
        case "z": return "ᶻ"
        case "A": return "ᴬ"
        case "B": return "ᴮ"
        case "D": return "ᴰ"
        case "E": return "ᴱ"
        case "G": return "ᴳ"
        case "H": return "ᴴ"
        case "I": return "ᴵ"
        case "J": return "ᴶ"
        case "K": return "ᴷ"
        case "L": return "ᴸ"
        case "M": return "ᴹ"
        case "N": return "ᴺ"
        case "O": return "ᴼ"
        case "P": return "ᴾ"
        case "R": return "ᴿ"
        case "T": return "ᵀ"
        case "U": return "ᵁ"
        case "V": return "ⱽ"
        case "W": return "ᵂ"
        default: return nil
        }
    }

    static func `subscript`(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar {
        case "0"..."9": return Unicode.Scalar(0x2080 + scalar.value - 0x30)
        case "+": return "₊"
        case "-", "−": return "₋"
        case "(": return "₍"
        case ")": return "₎"
        case "a": return "ₐ"
        case "e": return "ₑ"
        case "h": return "ₕ"
        case "i": return "ᵢ"
        case "j": return "ⱼ"
        case "k": return "ₖ"
        case "l": return "ₗ"
        case "m": return "ₘ"
        case "n": return "ₙ"
        case "o": return "ₒ"
        case "p": return "ₚ"
        case "r": return "ᵣ"
        case "s": return "ₛ"
        case "t": return "ₜ"
        case "u": return "ᵤ"
        case "v": return "ᵥ"
        case "x": return "ₓ"
        default: return nil
        }
    }

    /// Whether a scalar is itself a superscript or subscript form (for "simple" fraction parts).
    static func isScriptForm(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00B2, 0x00B3, 0x00B9, 0x2070...0x209C, 0x1D2C...0x1D6A, 0x1D9B...0x1DBF, 0x02B0...0x02B8,
             0x02E0...0x02E4, 0x2071, 0x207F, 0x2C7C, 0x2C7D, 0xA7F2...0xA7F4, 0x107A5:
            return true
        default:
            return false
        }
    }
}
