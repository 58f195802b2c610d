/// The raw bytes of one JSON file, the document read from them, and the means to point
/// into them.
///
/// Line and column are computed on demand from byte offsets: they are only needed when a
/// diagnostic is reported, so a clean load never pays for them.
public struct JSONSourceFile: Sendable {
    /// As shown to the user, e.g. `archive/2021/2021-06-28-scott-pesme.json`.
    public let path: String
    public let bytes: [UInt8]
    /// The document as the loader read it (`FileReport.readJSON`), which knows where each
    /// value is written; nil before that, or when the file is not well-formed JSON.
    var document: JSONValue?

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    /// The document, read now if the loader has not: for files met outside a load (a
    /// snapshot record, a test) and talks that loaded, which do not keep theirs.
    private var readDocument: JSONValue? { document ?? JSONReader.read(bytes).root }

    /// The same file holding its document, read now if it was not kept: for a caller about
    /// to place several problems in it, so that the file is read once, not once a place.
    public func readingDocument() -> JSONSourceFile {
        guard document == nil else { return self }
        var copy = self
        copy.document = JSONReader.read(bytes).root
        return copy
    }

    /// Where the value at `path` starts (its first byte: `{`, `[`, `"`, a digit...).
    public func location(of path: [JSONPathComponent]) -> FileLocation? {
        readDocument?.find(path).map { location(atByteOffset: $0.value.offset) }
    }

    /// Where the key of the member at `path` starts (its opening quote). Nil for the root
    /// and for array elements, which have no key.
    public func locationOfKey(_ path: [JSONPathComponent]) -> FileLocation? {
        readDocument?.find(path)?.keyOffset.map { location(atByteOffset: $0) }
    }

    /// The string at `path`, as decoded; nil when there is none or the file is not JSON.
    public func string(at path: [JSONPathComponent]) -> String? {
        readDocument?.find(path)?.value.string
    }

    /// The Unicode scalar at `scalarOffset` of the DECODED string value at `path`, mapped
    /// back through JSON escapes (\n, \", \uXXXX, surrogate pairs) to its line:column in the file.
    public func location(inStringAt path: [JSONPathComponent], scalarOffset: Int) -> FileLocation? {
        guard let found = readDocument?.find(path), found.value.string != nil,
              let offset = sourceOffset(ofScalar: scalarOffset, inStringAt: found.value.offset) else { return nil }
        return location(atByteOffset: offset)
    }

    /// The byte offset where the scalar number `scalarOffset` of the decoded string that
    /// opens at `quote` is written: the backslash of an escape, or the character itself.
    /// `scalarOffset` equal to the decoded length gives the closing quote. The string was
    /// read whole, so its escapes are well-formed.
    private func sourceOffset(ofScalar scalarOffset: Int, inStringAt quote: Int) -> Int? {
        guard scalarOffset >= 0 else { return nil }
        var j = quote + 1
        var count = 0
        while j < bytes.count {
            if count == scalarOffset { return j }
            switch bytes[j] {
            case UInt8(ascii: "\\"):
                // `\ud83d\ude00` is one scalar written in twelve bytes; other escapes take two or six.
                let isPair = bytes[j + 1] == UInt8(ascii: "u") && (0xD800...0xDBFF).contains(hexQuad(bytes, at: j + 2) ?? 0)
                j += bytes[j + 1] != UInt8(ascii: "u") ? 2 : isPair ? 12 : 6
            case UInt8(ascii: "\""):
                return nil
            default:
                j += utf8SequenceLength(bytes, at: j) ?? 1
            }
            count += 1
        }
        return nil
    }

    /// The 1-based line `line`, without its line break (nor, on line 1, the byte order
    /// mark: it is no character of the line), as a view of the file's bytes.
    public func excerpt(line: Int) -> SourceExcerpt? {
        guard line >= 1 else { return nil }
        var start = byteOrderMarkLength(bytes)
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
        var lineStart = byteOrderMarkLength(bytes)
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
