/// The line a diagnostic points into, as a view of its file's bytes: the bytes are shared
/// with the loaded file, never copied. An abstract is one line of its JSON file, so a copy
/// of the line per diagnostic made a report's cost grow with the square of the file. The
/// window around the column is cut only when the diagnostic is printed.
public struct SourceExcerpt: Sendable, Equatable, Codable {
    public let bytes: [UInt8]
    /// The byte range of the line, without its line break.
    public let line: Range<Int>

    public init(bytes: [UInt8], line: Range<Int>) {
        self.bytes = bytes
        self.line = line.clamped(to: 0..<bytes.count)
    }

    /// The whole line. Printing uses `window`; this is for tools and tests.
    public var text: String { String(decoding: bytes[line], as: UTF8.self) }

    /// At most `radius` scalars either side of 1-based `column` (and of the `length`
    /// scalars from it): `scalars` to show, and `caret`, the index in them of the column.
    /// `before`/`after` say whether the line goes on beyond the window. Walks the line
    /// only as far as the window, never the rest of it.
    public func window(column: Int, length: Int, radius: Int) -> (scalars: [Unicode.Scalar], caret: Int, before: Bool, after: Bool) {
        let from = max(0, column - 1 - radius)
        let to = max(column - 1, 0) + max(length, 1) + radius
        var scalars: [Unicode.Scalar] = []
        var index = 0
        var iterator = bytes[line].makeIterator()
        var decoder = UTF8()
        var after = false
        decoding: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if index >= to { after = true; break decoding }
                if index >= from { scalars.append(scalar) }
                index += 1
            case .error:
                if index >= to { after = true; break decoding }
                if index >= from { scalars.append("\u{FFFD}") }
                index += 1
            case .emptyInput:
                break decoding
            }
        }
        let caret = min(max(column - 1, 0), index) - min(from, index)
        return (scalars, caret, from > 0 && index > 0, after)
    }

    public static func == (a: SourceExcerpt, b: SourceExcerpt) -> Bool {
        a.bytes[a.line].elementsEqual(b.bytes[b.line])
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self.init(bytes: Array(text.utf8), line: 0..<text.utf8.count)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}

extension SourceExcerpt {
    /// The excerpt of each line of `bytes` by 1-based number, for a source whose lines are
    /// all at hand (the `latex` command's files): one pass over the bytes, shared by all.
    public struct Lines: Sendable {
        public let bytes: [UInt8]
        /// Byte offset where each line starts.
        private var starts: [Int] = [0]

        public init(_ text: String) {
            bytes = Array(text.utf8)
            for (i, b) in bytes.enumerated() where b == UInt8(ascii: "\n") { starts.append(i + 1) }
        }

        public func excerpt(line: Int) -> SourceExcerpt? {
            guard line >= 1, line <= starts.count else { return nil }
            let end = line < starts.count ? starts[line] - 1 : bytes.count
            return SourceExcerpt(bytes: bytes, line: starts[line - 1]..<end)
        }
    }
}
