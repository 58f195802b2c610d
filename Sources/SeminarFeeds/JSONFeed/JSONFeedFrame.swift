import Foundation

/// The JSON Feed document as JSONEncoder writes it, split where its items go, so that the
/// items can be encoded one at a time and spliced in with the same bytes.
///
/// What the splice relies on, of JSONEncoder's pretty printing (checked by the tests
/// against encoding the whole document at once):
/// - two spaces per level; the items array, a top-level value, is at level 1, so each
///   item's lines are those of the item encoded alone, moved right by four spaces;
/// - an empty array or object is written with an empty line inside, which is not indented;
/// - a non-empty array puts each element on its own line after `[`, separated by `,`
///   and a newline, and its `]` on a line of its own;
/// - string values never hold a raw newline (it is escaped), so the newlines are layout.
struct JSONFeedFrame {
    /// Up to and including `"items" : `.
    let head: [UInt8]
    /// The empty array JSONEncoder wrote for no items.
    let emptyItems: [UInt8]
    /// From the end of the items array to the end of the file, with its final newline.
    let tail: [UInt8]

    /// The encoder of the document and of each item: sorted keys for stable bytes;
    /// slashes unescaped because every value is a URL.
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        return encoder
    }

    /// `document`: the feed encoded with no items and without its `version`, which goes
    /// first (sorted keys would put it last; the spec puts it at the top, where readers
    /// that sniff the start of a file look for it).
    init(_ document: Data, version: Data) throws {
        var bytes = [UInt8](document)
        guard bytes.starts(with: Array("{\n".utf8)) else {
            throw EncodingError.invalidValue(document, .init(codingPath: [], debugDescription: "the JSON Feed is no object"))
        }
        bytes.insert(contentsOf: Array("  \"version\" : ".utf8) + [UInt8](version) + Array(",\n".utf8), at: 2)
        let key = Array("\n  \"items\" : ".utf8)
        guard let at = bytes.firstRange(of: key),
              let close = bytes[at.upperBound...].firstIndex(of: UInt8(ascii: "]"))
        else { throw EncodingError.invalidValue(document, .init(codingPath: [], debugDescription: "no items array in the JSON Feed")) }
        head = Array(bytes[..<at.upperBound])
        emptyItems = Array(bytes[at.upperBound...close])
        tail = Array(bytes[(close + 1)...]) + [0x0A]
    }

    /// The items array, written as the items come, in chunks of about `chunkSize` bytes.
    struct Items {
        private let sink: any ByteSink
        private var pending: [UInt8] = []
        private var count = 0
        private static let chunkSize = 256 * 1024

        init(into sink: any ByteSink) { self.sink = sink }

        /// Adds one item, `item` being its encoding on its own.
        mutating func append(_ item: Data) throws {
            pending += Array((count == 0 ? "[\n" : ",\n").utf8)
            count += 1
            // Four spaces at the start of every line but the empty ones.
            pending += Self.indent
            item.withUnsafeBytes { raw in
                guard let base = raw.baseAddress else { return }
                // memchr and whole-line copies: a generic search and append of slices cost
                // several instructions a byte, for kilobytes of every item.
                var start = 0
                while start < raw.count, let found = memchr(base + start, 0x0A, raw.count - start) {
                    let newline = base.distance(to: UnsafeRawPointer(found))
                    pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[start...newline]))
                    start = newline + 1
                    if start < raw.count && raw[start] != 0x0A { pending += Self.indent }
                }
                pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[start...]))
            }
            if pending.count >= Self.chunkSize { try flush() }
        }

        /// Closes the array; with no item, writes it as `empty`.
        mutating func end(empty: [UInt8]) throws {
            pending += count == 0 ? empty : Array("\n  ]".utf8)
            try flush()
        }

        private mutating func flush() throws {
            try sink.write(pending)
            pending.removeAll(keepingCapacity: true)
        }

        private static let indent = Array("    ".utf8)
    }
}
