#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Positions inside raw JSON bytes.
//
// Foundation parses the JSON but forgets where each value came from. Diagnostics need
// line:column, so this scanner walks the raw bytes along one key path. It walks a path
// only for a file that has a problem to report; its skipping and decoding of strings also
// serve the strictness walk over every file (`JSONStrictness`). It trusts that Foundation
// already accepted the file, so it is lenient rather than validating.

struct JSONLocator {
    let bytes: [UInt8]

    /// Byte offsets of the value at `path` and of its key (nil for the root and for
    /// array elements). When an object repeats a key, Foundation keeps the last one, and
    /// so does this.
    func find(_ path: [JSONPathComponent]) -> (key: Int?, value: Int)? {
        var i = skipWhitespace(skipByteOrderMark(0))
        var keyOffset: Int? = nil
        for component in path {
            guard i < bytes.count else { return nil }
            switch component {
            case .key(let wanted):
                guard bytes[i] == UInt8(ascii: "{"), let found = member(named: wanted, inObjectAt: i) else { return nil }
                (keyOffset, i) = (found.key, found.value)
            case .index(let wanted):
                guard bytes[i] == UInt8(ascii: "["), let found = element(wanted, inArrayAt: i) else { return nil }
                (keyOffset, i) = (nil, found)
            }
        }
        return i < bytes.count ? (keyOffset, i) : nil
    }

    /// The byte offset where the scalar number `scalarOffset` of the decoded string that
    /// opens at `quote` is written: the backslash of an escape, or the character itself.
    /// `scalarOffset` equal to the decoded length gives the closing quote.
    func sourceOffset(ofScalar scalarOffset: Int, inStringAt quote: Int) -> Int? {
        guard quote < bytes.count, bytes[quote] == UInt8(ascii: "\""), scalarOffset >= 0 else { return nil }
        var j = quote + 1
        var count = 0
        while j < bytes.count {
            if count == scalarOffset { return j }
            let b = bytes[j]
            if b == UInt8(ascii: "\"") { return nil }
            if b == UInt8(ascii: "\\") {
                j += escapeLength(at: j)
            } else {
                j += utf8Length(lead: b)
            }
            count += 1
        }
        return nil
    }

    // MARK: - Walking

    private func member(named wanted: String, inObjectAt open: Int) -> (key: Int, value: Int)? {
        let wantedBytes = Array(wanted.utf8)
        var found: (key: Int, value: Int)? = nil
        var i = skipWhitespace(open + 1)
        while i < bytes.count, bytes[i] == UInt8(ascii: "\"") {
            let keyStart = i
            let keyEnd = skipString(i)
            let matches = keyMatches(wantedBytes, from: keyStart, to: keyEnd)
            i = skipWhitespace(keyEnd)
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return found }
            i = skipWhitespace(i + 1)
            if matches { found = (keyStart, i) }
            i = skipWhitespace(skipValue(i))
            guard i < bytes.count, bytes[i] == UInt8(ascii: ",") else { break }
            i = skipWhitespace(i + 1)  // Foundation accepts a trailing comma; so do we
        }
        return found
    }

    private func element(_ wanted: Int, inArrayAt open: Int) -> Int? {
        var i = skipWhitespace(open + 1)
        var index = 0
        while i < bytes.count, bytes[i] != UInt8(ascii: "]") {
            if index == wanted { return i }
            i = skipWhitespace(skipValue(i))
            guard i < bytes.count, bytes[i] == UInt8(ascii: ",") else { return nil }
            i = skipWhitespace(i + 1)
            index += 1
        }
        return nil
    }

    /// Compares a key token with a wanted key; keys written with escapes are decoded first.
    private func keyMatches(_ wanted: [UInt8], from start: Int, to end: Int) -> Bool {
        let raw = bytes[(start + 1)..<max(start + 1, end - 1)]
        if !raw.contains(UInt8(ascii: "\\")) { return raw.elementsEqual(wanted) }
        return decodeString(at: start).map { Array($0.utf8) == wanted } ?? false
    }

    /// Skips one value of any kind starting at `i`; returns the offset just after it.
    func skipValue(_ start: Int) -> Int {
        guard start < bytes.count else { return start }
        switch bytes[start] {
        case UInt8(ascii: "\""):
            return skipString(start)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            var i = start
            while i < bytes.count {
                switch bytes[i] {
                case UInt8(ascii: "\""): i = skipString(i); continue
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return i + 1 }
                default: break
                }
                i += 1
            }
            return i
        default:  // number, true, false, null
            var i = start
            while i < bytes.count, !isDelimiter(bytes[i]) { i += 1 }
            return i
        }
    }

    /// `i` is at an opening quote; returns the offset just after the closing quote (the
    /// end of the bytes when there is none). `memchr` finds each candidate quote: strings,
    /// abstracts above all, are nearly all of a talk file, and the strictness check walks
    /// every file's strings.
    func skipString(_ start: Int) -> Int {
        bytes.withUnsafeBufferPointer { u in
            guard let base = u.baseAddress else { return u.count }
            var from = start + 1
            while from < u.count, let hit = memchr(base + from, Int32(UInt8(ascii: "\"")), u.count - from) {
                let quote = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                // Escaped when an odd number of backslashes comes before it.
                var backslashes = 0
                while quote - backslashes - 1 > start && u[quote - backslashes - 1] == UInt8(ascii: "\\") { backslashes += 1 }
                if backslashes % 2 == 0 { return quote + 1 }
                from = quote + 1
            }
            return u.count
        }
    }

    func skipWhitespace(_ start: Int) -> Int {
        var i = start
        while i < bytes.count, isWhitespace(bytes[i]) { i += 1 }
        return i
    }

    func skipByteOrderMark(_ i: Int) -> Int {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : i
    }

    /// The first `\u` escape of a surrogate that is not half of a pair: a high one
    /// (`\ud800`...`\udbff`) not directly followed by a low one (`\udc00`...`\udfff`), or a
    /// low one on its own. Its backslash's offset, and the code unit. Foundation refuses
    /// either, but says so only at the end of the file. Escapes are taken from the start of
    /// the file on, so the answer holds up to the first error Foundation found.
    func firstLoneSurrogateEscape() -> (offset: Int, codeUnit: Int)? {
        bytes.withUnsafeBufferPointer { u -> (offset: Int, codeUnit: Int)? in
            guard let base = u.baseAddress else { return nil }
            var from = 0
            while from < u.count, let hit = memchr(base + from, Int32(UInt8(ascii: "\\")), u.count - from) {
                let i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                let length = escapeLength(at: i)  // 12 for a whole pair, so only lone halves stop here
                if length == 6, let unit = hex4(at: i + 2), (0xD800...0xDFFF).contains(unit) { return (i, unit) }
                from = i + length  // past `\\` too, so its second backslash starts nothing
            }
            return nil
        }
    }

    /// Source length of the escape whose backslash is at `i`: 2 for `\n`, 6 for `\u00e9`,
    /// 12 for a surrogate pair `\ud83d\ude00` (one decoded scalar).
    private func escapeLength(at i: Int) -> Int {
        guard i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "u") else { return 2 }
        guard let high = hex4(at: i + 2) else { return 2 }
        if (0xD800...0xDBFF).contains(high), i + 7 < bytes.count, bytes[i + 6] == UInt8(ascii: "\\"),
           bytes[i + 7] == UInt8(ascii: "u"), let low = hex4(at: i + 8), (0xDC00...0xDFFF).contains(low) {
            return 12
        }
        return 6
    }

    /// Decodes the string token that opens at `quote`.
    func decodeString(at quote: Int) -> String? {
        guard quote < bytes.count, bytes[quote] == UInt8(ascii: "\"") else { return nil }
        var scalars = String.UnicodeScalarView()
        var raw: [UInt8] = []
        var i = quote + 1
        func flush() {
            if !raw.isEmpty { scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars); raw.removeAll() }
        }
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { flush(); return String(scalars) }
            guard b == UInt8(ascii: "\\"), i + 1 < bytes.count else { raw.append(b); i += 1; continue }
            flush()
            let length = escapeLength(at: i)
            switch bytes[i + 1] {
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0C}")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "u"):
                let first = hex4(at: i + 2) ?? 0xFFFD
                var value = first
                if length == 12, let low = hex4(at: i + 8) { value = 0x10000 + ((first - 0xD800) << 10) + (low - 0xDC00) }
                scalars.append(Unicode.Scalar(UInt32(value)) ?? "\u{FFFD}")
            default: scalars.append(Unicode.Scalar(bytes[i + 1]))
            }
            i += length
        }
        return nil
    }

    private func hex4(at i: Int) -> Int? {
        guard i + 4 <= bytes.count else { return nil }
        var v = 0
        for b in bytes[i..<(i + 4)] {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = v * 16 + Int(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): v = v * 16 + Int(b - UInt8(ascii: "a")) + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): v = v * 16 + Int(b - UInt8(ascii: "A")) + 10
            default: return nil
            }
        }
        return v
    }

    private func isWhitespace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }
    private func isDelimiter(_ b: UInt8) -> Bool {
        isWhitespace(b) || b == UInt8(ascii: ",") || b == UInt8(ascii: "}") || b == UInt8(ascii: "]")
    }
}

/// Bytes taken by a UTF-8 sequence with lead byte `b` (1 for stray bytes, so scans always move).
func utf8Length(lead b: UInt8) -> Int {
    switch b {
    case 0xF0...0xF7: return 4
    case 0xE0...0xEF: return 3
    case 0xC0...0xDF: return 2
    default: return 1
    }
}
