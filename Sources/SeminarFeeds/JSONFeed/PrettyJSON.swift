/// JSON written byte for byte the way Foundation's JSONEncoder writes it with
/// `.prettyPrinted`, `.sortedKeys` and `.withoutEscapingSlashes`, for the JSON Feed's items:
/// JSONEncoder builds a tree of values for each one before writing it, which took most of
/// the time of the feed.
///
/// The layout: two spaces per level; each member (`"key" : value`) or element on a line
/// of its own, separated by `,`; the closing bracket on its own line; an empty container
/// as an empty line between its brackets. Strings escape `"`, `\`, and control
/// characters (`\b`, `\f`, `\n`, `\r`, `\t`, else `\u00xx`), nothing else. Keys are
/// written in the order given: callers give them sorted, as `.sortedKeys` would.
/// The tests compare the feed with JSONEncoder's.
struct PrettyJSON {
    private(set) var bytes: [UInt8] = []
    private var level: Int
    /// The open objects and arrays, innermost last: the bracket that closes each, and
    /// whether nothing is in it yet.
    private var open: [(closer: UInt8, isEmpty: Bool)] = []

    /// A writer of values nested `level` levels deep.
    init(level: Int) { self.level = level }

    mutating func beginObject() { begin(UInt8(ascii: "{"), closer: UInt8(ascii: "}")) }
    mutating func beginArray() { begin(UInt8(ascii: "["), closer: UInt8(ascii: "]")) }

    /// Closes the innermost object or array.
    mutating func end() {
        let closer = open.removeLast().closer
        level -= 1
        bytes.append(0x0A)
        indent()
        bytes.append(closer)
    }

    /// Starts the next member of the innermost object: its key, then its value follows.
    mutating func key(_ key: String) {
        element()
        string(key)
        bytes += Self.colon
    }

    /// Starts the next element of the innermost array.
    mutating func element() {
        if open[open.count - 1].isEmpty {
            open[open.count - 1].isEmpty = false
        } else {
            bytes += Self.comma
        }
        indent()
    }

    /// `"key" : [ … ]`, each element written by `write`.
    mutating func array<Elements: Sequence>(_ key: String, _ elements: Elements, _ write: (inout PrettyJSON, Elements.Element) -> Void) {
        self.key(key)
        beginArray()
        for element in elements {
            self.element()
            write(&self, element)
        }
        end()
    }

    /// `"key" : "value"`.
    mutating func member(_ key: String, _ value: String) {
        self.key(key)
        string(value)
    }

    mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            // Runs of bytes that need no escape are copied whole: that is nearly all of them.
            var run = 0
            for (i, byte) in utf8.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<i]))
                appendEscape(byte)
                run = i + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func appendEscape(_ byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        case 0x00..<0x20:
            bytes.append(contentsOf: "u00".utf8)
            bytes.append(Self.hexDigits[Int(byte >> 4)])
            bytes.append(Self.hexDigits[Int(byte & 0xF)])
        default: bytes.append(byte)  // `"` and `\`
        }
    }

    /// Hands what is written so far to `sink`, and forgets it.
    mutating func drain(into sink: any ByteSink) throws {
        try sink.write(bytes)
        bytes.removeAll(keepingCapacity: true)
    }

    // MARK: Layout

    private mutating func begin(_ bracket: UInt8, closer: UInt8) {
        bytes.append(bracket)
        bytes.append(0x0A)
        open.append((closer, true))
        level += 1
    }

    private mutating func indent() {
        for _ in 0..<level { bytes += Self.twoSpaces }
    }

    private static let colon = Array(" : ".utf8)
    private static let comma = Array(",\n".utf8)
    private static let twoSpaces = Array("  ".utf8)
    private static let hexDigits = Array("0123456789abcdef".utf8)
}
