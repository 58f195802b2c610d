// Pure checks on single values, shared by the talk and seminar readers.

import LaTeX

/// The first scalar XML 1.0 forbids (C0 controls other than tab, LF and CR; U+FFFE;
/// U+FFFF), with its offset in the string's scalars. Such a character would make every
/// feed it reaches ill-formed, and a JSON `\u0001` escape decodes to one.
func firstForbiddenScalar(_ s: String) -> (Int, Unicode.Scalar)? {
    // Fast path over the UTF-8 bytes: every string of every file goes through here.
    // The forbidden characters are the bytes below 0x20 and the sequences EF BF BE/BF.
    var native = s
    native.makeContiguousUTF8()  // a no-op for the native strings the JSON reader makes
    let clean = native.utf8.withContiguousStorageIfAvailable { u -> Bool in
        for i in u.indices {
            let b = u[i]
            if b < 0x20, b != 0x09, b != 0x0A, b != 0x0D { return false }
            if b == 0xEF, i + 2 < u.count, u[i + 1] == 0xBF, u[i + 2] >= 0xBE { return false }
        }
        return true
    }
    if clean == true { return nil }
    var offset = 0
    for scalar in s.unicodeScalars {
        let v = scalar.value
        if (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || v == 0xFFFE || v == 0xFFFF {
            return (offset, scalar)
        }
        offset += 1
    }
    return nil
}

/// The scalars out of place in a field shown on one line (a name, a title, a room), with
/// their offsets in the string's scalars: the first line break (LF, CR, NEL, U+2028,
/// U+2029) or tab, which break the line wherever the field is shown, and the first
/// invisible bidirectional control (U+200E, U+200F, U+061C, U+202A...U+202E,
/// U+2066...U+2069), which can make the text around it read otherwise than it is written.
/// One of each at most, in the order found, so that a control is not hidden behind a
/// line break reported first.
func scalarsOutOfOneLine(_ s: String) -> [(Int, Unicode.Scalar)] {
    // Over the UTF-8 bytes: every such field of every file goes through here. The scalars
    // are the bytes 09, 0A, 0D, and the sequences C2 85, D8 9C, E2 80 xx and E2 81 xx;
    // scalars are counted only once one is found.
    func scan(_ u: UnsafeBufferPointer<UInt8>) -> [(Int, Unicode.Scalar)] {
        var found: [(Int, Unicode.Scalar)] = []
        var sawBreak = false, sawControl = false
        for i in u.indices where u[i] < 0x20 || u[i] == 0xE2 || u[i] == 0xD8 || u[i] == 0xC2 {
            var value: UInt32? = nil
            switch u[i] {
            case 0x09, 0x0A, 0x0D:
                value = UInt32(u[i])
            case 0xC2 where i + 1 < u.count && u[i + 1] == 0x85:
                value = 0x85
            case 0xD8 where i + 1 < u.count && u[i + 1] == 0x9C:
                value = 0x061C
            case 0xE2 where i + 2 < u.count && (u[i + 1] == 0x80 || u[i + 1] == 0x81):
                let candidate = 0x2000 | UInt32(u[i + 1] & 0x3F) << 6 | UInt32(u[i + 2] & 0x3F)
                switch candidate {
                case 0x200E, 0x200F, 0x2028...0x202E, 0x2066...0x2069: value = candidate
                default: break
                }
            default:
                break
            }
            guard let value, let scalar = Unicode.Scalar(value) else { continue }
            let isBreak = isOneLineBreak(scalar)
            if isBreak ? sawBreak : sawControl { continue }
            if isBreak { sawBreak = true } else { sawControl = true }
            found.append((u[..<i].reduce(0) { $1 & 0xC0 != 0x80 ? $0 + 1 : $0 }, scalar))
            if sawBreak && sawControl { break }
        }
        return found
    }
    var native = s
    native.makeContiguousUTF8()  // a no-op for the native strings the JSON reader makes
    return native.utf8.withContiguousStorageIfAvailable(scan) ?? Array(native.utf8).withUnsafeBufferPointer(scan)
}

/// A line break or a tab, as opposed to a bidirectional control (`scalarsOutOfOneLine`).
func isOneLineBreak(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || scalar == "\u{85}" || scalar == "\u{2028}" || scalar == "\u{2029}"
}

/// How a scalar of `scalarsOutOfOneLine` is named in messages.
func oneLineScalarDescription(_ scalar: Unicode.Scalar) -> String {
    switch scalar {
    case "\t": return "a tab"
    case "\n", "\r", "\u{85}", "\u{2028}", "\u{2029}": return "a line break (\(scalarName(scalar)))"
    default: return "\(scalarName(scalar)) \(scalar.properties.name ?? "")"
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

private let atext: Set<Character> = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~")

/// An RFC 5322 addr-spec in its dot-atom form, `local@example.org`. Quoted local parts
/// and address literals are legal but never seen in practice, and refusing them keeps
/// feeds free of quoting surprises.
public func isEmailAddress(_ s: String) -> Bool {
    let parts = s.split(separator: "@", omittingEmptySubsequences: false)
    guard parts.count == 2 else { return false }
    let isDotAtom: (Substring) -> Bool = { part in
        !part.isEmpty && part.split(separator: ".", omittingEmptySubsequences: false)
            .allSatisfy { !$0.isEmpty && $0.allSatisfy(atext.contains) }
    }
    return isDotAtom(parts[0]) && isDNSName(parts[1])
}

/// Letters, digits and inner hyphens, in dot-separated labels.
func isDNSName(_ s: Substring) -> Bool {
    let labels = s.split(separator: ".", omittingEmptySubsequences: false)
    return !labels.isEmpty && labels.allSatisfy { label in
        !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
            && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
    }
}

/// Why `s` is not a usable `tag:` URI prefix (RFC 4151: `tag:authority,date:specific`),
/// or nil when it is one.
func tagURIProblem(_ s: String) -> String? {
    guard s.hasPrefix("tag:") else { return "it does not start with `tag:`" }
    let body = s.dropFirst(4)
    guard let comma = body.firstIndex(of: ",") else { return "the authority is not followed by `,date`" }
    let authority = body[..<comma]
    let isAuthority = authority.contains("@") ? isEmailAddress(String(authority)) : isDNSName(authority)
    guard isAuthority else { return "`\(authority)` is not a domain name or an email address" }
    let afterComma = body[body.index(after: comma)...]
    guard let colon = afterComma.firstIndex(of: ":") else { return "the date is not followed by `:`" }
    let date = afterComma[..<colon]
    guard isTagDate(date) else { return "`\(date)` is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD" }
    // The specific part: URI pchar, `/` and `?`; the talk id is appended to it.
    let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/?%")
    let specific = afterComma[afterComma.index(after: colon)...]
    if let bad = specific.first(where: { !allowed.contains($0) }) {
        return "`\(bad)` is not allowed in a tag URI"
    }
    return nil
}

private func isTagDate(_ d: Substring) -> Bool {
    let parts = d.split(separator: "-", omittingEmptySubsequences: false)
    guard (1...3).contains(parts.count), parts[0].count == 4, let year = Int(parts[0]),
          parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }) else { return false }
    if parts.count >= 2 {
        guard parts[1].count == 2, let month = Int(parts[1]), (1...12).contains(month) else { return false }
        if parts.count == 3 {
            guard parts[2].count == 2, let day = Int(parts[2]), (1...daysInMonth(year, month)).contains(day) else { return false }
        }
    }
    return true
}

/// A BCP 47 language tag in its common shape: `en`, `fr-CH`, `zh-Hant-TW`.
func isLanguageTag(_ s: String) -> Bool {
    let parts = s.split(separator: "-", omittingEmptySubsequences: false)
    guard let first = parts.first, (2...8).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
    return parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
}

/// The candidate closest to `word` when it is close enough to be a likely typo.
func closestMatch(to word: String, among candidates: [String]) -> String? {
    let lower = word.lowercased()
    if let same = candidates.first(where: { $0.lowercased() == lower }) { return same }
    var best: (String, Int)? = nil
    for candidate in candidates {
        let limit = max(1, min(3, candidate.count / 3))
        let d = EditDistance.between(Array(lower.unicodeScalars), Array(candidate.lowercased().unicodeScalars), limit: limit)
        if d <= limit, best.map({ d < $0.1 }) ?? true { best = (candidate, d) }
    }
    return best?.0
}
