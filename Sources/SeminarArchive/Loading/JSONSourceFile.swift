#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The raw bytes of one JSON file and the means to point into them.
///
/// Positions are computed on demand by rescanning the bytes: they are only needed when a
/// diagnostic is reported, so a clean load never pays for them.
public struct JSONSourceFile: Sendable {
    /// As shown to the user, e.g. `archive/2021/2021-06-28-scott-pesme.json`.
    public let path: String
    public let bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    /// Where the value at `path` starts (its first byte: `{`, `[`, `"`, a digit...).
    public func location(of path: [JSONPathComponent]) -> FileLocation? {
        JSONLocator(bytes: bytes).find(path).map { location(atByteOffset: $0.value) }
    }

    /// Where the key of the member at `path` starts (its opening quote). Nil for the root
    /// and for array elements, which have no key.
    public func locationOfKey(_ path: [JSONPathComponent]) -> FileLocation? {
        JSONLocator(bytes: bytes).find(path)?.key.map { location(atByteOffset: $0) }
    }

    /// The Unicode scalar at `scalarOffset` of the DECODED string value at `path`, mapped
    /// back through JSON escapes (\n, \", \uXXXX, surrogate pairs) to its line:column in the file.
    public func location(inStringAt path: [JSONPathComponent], scalarOffset: Int) -> FileLocation? {
        let locator = JSONLocator(bytes: bytes)
        guard let quote = locator.find(path)?.value,
              let offset = locator.sourceOffset(ofScalar: scalarOffset, inStringAt: quote) else { return nil }
        return location(atByteOffset: offset)
    }

    /// The 1-based line `line`, without its line break (nor, on line 1, the byte order
    /// mark: it is no character of the line), as a view of the file's bytes.
    public func excerpt(line: Int) -> SourceExcerpt? {
        guard line >= 1 else { return nil }
        var start = JSONLocator(bytes: bytes).skipByteOrderMark(0)
        var current = 1
        while current < line {
            guard let (lineBreak, length) = nextLineBreak(from: start) else { return nil }
            start = lineBreak + length
            current += 1
        }
        let end = nextLineBreak(from: start)?.at ?? bytes.count
        return SourceExcerpt(bytes: bytes, line: start..<end)
    }

    /// The text of 1-based line `line` (see `excerpt(line:)`).
    public func lineText(_ line: Int) -> String? { excerpt(line: line)?.text }

    /// Line and column of a byte offset (clamped to the file). Columns count Unicode
    /// scalars, so `é` is one column, like editors show it; a byte order mark is no column.
    /// Lines end at LF, CRLF or a lone CR (a file saved with old Mac line endings).
    public func location(atByteOffset offset: Int) -> FileLocation {
        let end = min(max(offset, 0), bytes.count)
        var line = 1
        var lineStart = JSONLocator(bytes: bytes).skipByteOrderMark(0)
        while let (lineBreak, length) = nextLineBreak(from: lineStart), lineBreak + length <= end {
            line += 1
            lineStart = lineBreak + length
        }
        var column = 1
        for i in lineStart..<max(lineStart, end) where bytes[i] & 0xC0 != 0x80 { column += 1 }  // count scalar starts
        return FileLocation(path: path, line: line, column: column)
    }

    /// The first line break at or after `start`: its offset and length (2 for CRLF, 1 for
    /// LF or a lone CR).
    private func nextLineBreak(from start: Int) -> (at: Int, length: Int)? {
        guard let i = bytes[min(start, bytes.count)...].firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) else { return nil }
        return (i, bytes[i] == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A ? 2 : 1)
    }

    /// The start of the file, for problems that concern it as a whole.
    public var startLocation: FileLocation { FileLocation(path: path, line: 1, column: 1) }
}

/// The offset of the first byte that is not part of well-formed UTF-8 (RFC 3629: no
/// overlong forms, no surrogates, nothing above U+10FFFF), or nil when all is well.
func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
    bytes.withUnsafeBufferPointer { u -> Int? in
        var i = 0
        let n = u.count
        let raw = UnsafeRawBufferPointer(u)
        while i < n {
            // ASCII eight bytes at a time: the bulk of every talk file.
            while i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
            guard i < n else { break }
            let b = u[i]
            if b < 0x80 { i += 1; continue }
            let length: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF  // allowed range of the second byte
            switch b {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE, 0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return i
            }
            // A sequence that is cut short or overlong is bad from its first byte on.
            guard i + 1 < n, (low...high).contains(u[i + 1]) else { return i }
            for k in 2..<length where i + k >= n || u[i + k] & 0xC0 != 0x80 { return i }
            i += length
        }
        return nil
    }
}

/// False when no string of the file can hold a character XML 1.0 forbids, so that the
/// per-string check can be skipped. Foundation refuses raw control characters inside
/// strings, so the only ways in are a `\u` escape or raw U+FFFE/U+FFFF (EF BF BE/BF).
/// Conservative: `\\u` (an escaped backslash before `u`) also answers true.
func mayHoldForbiddenCharacters(_ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBytes { raw -> Bool in
        guard let base = raw.baseAddress else { return false }
        // memchr jumps from candidate to candidate with vector instructions.
        func scan(for byte: UInt8, _ matches: (Int) -> Bool) -> Bool {
            var from = 0
            while from < raw.count, let hit = memchr(base + from, Int32(byte), raw.count - from) {
                let i = base.distance(to: UnsafeRawPointer(hit))
                if matches(i) { return true }
                from = i + 1
            }
            return false
        }
        return scan(for: UInt8(ascii: "\\")) { i in i + 1 < raw.count && raw[i + 1] == UInt8(ascii: "u") }
            || scan(for: 0xEF) { i in i + 2 < raw.count && raw[i + 1] == 0xBF && raw[i + 2] >= 0xBE }
    }
}
