/// Building UTF-8 output by hand. Renderers write bytes and decode each finished string once;
/// these helpers keep the appends on the fast paths.
extension Array where Element == UInt8 {
    /// Encodes scalars (ASCII first). `String.UnicodeScalarView.append(contentsOf:)` takes a
    /// slow generic path; source text does not need this (`SyntaxTree.utf8(_:_:)` has its
    /// bytes), generated text such as scripts does.
    mutating func appendUTF8<C: Collection>(_ scalars: C) where C.Element == Unicode.Scalar {
        for scalar in scalars {
            if scalar.value < 0x80 {
                append(UInt8(truncatingIfNeeded: scalar.value))
            } else {
                UTF8.encode(scalar) { append($0) }
            }
        }
    }

    /// One scalar's UTF-8. Most math pieces are one ASCII scalar (`x`, `=`, `2`): the
    /// collection version's generic loop costs several times this test and append.
    @inline(__always)
    mutating func appendUTF8(_ scalar: Unicode.Scalar) {
        if scalar.value < 0x80 {
            append(UInt8(truncatingIfNeeded: scalar.value))
        } else {
            UTF8.encode(scalar) { append($0) }
        }
    }

    /// A string's UTF-8. `append(contentsOf: text.utf8)` copies small strings (most command
    /// outputs: `α`, `≤`) through a generic iterator; `withUTF8` hands over one buffer.
    mutating func appendUTF8(of text: String) {
        var text = text
        text.withUTF8 { appendUTF8(of: $0) }
    }

    /// A string's UTF-8 once `withUTF8` has handed it over (see `TeeSink.append(_:)`).
    mutating func appendUTF8(of bytes: UnsafeBufferPointer<UInt8>) {
        // Most are one scalar (`α`, ` = `): for a few bytes, appending them one by one is
        // cheaper than `append(contentsOf:)`'s general path.
        if bytes.count <= 4 {
            for byte in bytes { append(byte) }
        } else {
            append(contentsOf: bytes)
        }
    }

    /// The scalar whose UTF-8 starts at `index`, and its length in bytes. The bytes must be
    /// valid UTF-8 from there on, as renderers' output is: they only ever write whole scalars.
    func scalar(at index: Int) -> (scalar: Unicode.Scalar, length: Int) {
        UTF8Decoding.scalar { self[index + $0] }
    }

    /// Removes the bytes from `count` on, one at a time: renderers drop a few bytes at a
    /// time, for which `removeSubrange` (the general `replaceSubrange`) costs several times
    /// as much.
    mutating func truncate(to count: Int) {
        while self.count > count { removeLast() }
    }

    /// Bytes of a slice, borrowed: `append(contentsOf:)` would take the slice as owned and
    /// cost a retain and a release of the whole source buffer for every run of text.
    mutating func append(bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBufferPointer { append(contentsOf: $0) }
    }
}

extension String {
    /// A string of UTF-8 the renderers built and know to be valid: they only ever write whole
    /// scalars (of strings, of scalars, of source text cut at scalar boundaries) and cut at
    /// the boundaries of what they wrote. `String(decoding:as:)` validated it all again, byte
    /// by byte after the first non-ASCII one, which was the largest single cost of rendering
    /// (the plain text alone ~9K instructions per abstract). The ASCII check that remains is
    /// a word-at-a-time scan, and keeps the string's ASCII flag (its fast paths) as decoding
    /// would. Debug builds (the tests) still validate.
    init(validUTF8 bytes: ArraySlice<UInt8>) {
        self.init(validUTF8: bytes.span)
    }

    /// `init(validUTF8:)` of `bytes[range]`, borrowed: a slice of a buffer that the caller
    /// keeps would cost a retain and a release (an `HTMLFragment`'s texts, one per text).
    init(validUTF8 bytes: [UInt8], _ range: Range<Int>) {
        self.init(validUTF8: bytes.span.extracting(range))
    }

    private init(validUTF8 bytes: Span<UInt8>) {
        assert(bytes.withUnsafeBufferPointer { String(validating: $0, as: UTF8.self) } != nil, "renderers write whole scalars")
        var utf8 = unsafe UTF8Span(unchecked: bytes)
        _ = utf8.checkForASCII()
        self.init(copying: utf8)
    }
}

enum UTF8Decoding {
    /// The scalar of valid UTF-8 whose bytes `byte(0)`, `byte(1)`, … are, and its length.
    @inline(__always)
    static func scalar(_ byte: (Int) -> UInt8) -> (scalar: Unicode.Scalar, length: Int) {
        let lead = byte(0)
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        // The lead byte gives the length and, below its length bits, the first value bits.
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        var value = UInt32(lead) & (0x7F >> UInt32(length))
        for offset in 1..<length { value = value << 6 | UInt32(byte(offset) & 0x3F) }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }
}
