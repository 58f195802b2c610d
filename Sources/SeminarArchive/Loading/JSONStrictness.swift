import Foundation

// What RFC 8259 JSON does not allow but Foundation's parser accepts, and a clearer word
// for its commonest complaint.
//
// Foundation reads `{"a": 1,}` and `[1, 2,]` without complaint, and keeps the last of
// two members with the same name. A talk file with a trailing comma would then pass here
// and fail in every other tool the organisers use (jq, Python, an editor's linter), and a
// second `"title"` would silently replace the first. And where a comma or colon is
// missing, Foundation only says "invalid value". These scans follow the structure of a
// document Foundation has parsed (or parsed up to an error); they validate nothing else.

/// A problem of a file Foundation parsed: where it is, and for a repeated member name,
/// where the name was first given.
struct JSONStrictnessProblem: Equatable {
    enum Kind: Equatable {
        /// A comma just before `}` or `]`; `closer` is that bracket.
        case trailingComma(closer: Character)
        /// A member name given twice in one object.
        case repeatedName(String, firstAt: Int)
    }

    var kind: Kind
    /// Byte offset of the comma, or of the opening quote of the repeated name.
    var offset: Int
}

/// What is missing between two values written one after the other.
enum MissingSeparator: Equatable {
    /// `"title" "A talk"`: after a member name.
    case colon(at: Int)
    /// `"A talk" "start"`, `1 2`: after a value.
    case comma(at: Int)
}

enum JSONStrictness {
    /// Every trailing comma and repeated member name of `bytes`, a document Foundation
    /// accepted, in the order they appear.
    static func problems(in bytes: [UInt8]) -> [JSONStrictnessProblem] {
        var problems: [JSONStrictnessProblem] = []
        var walk = StructureWalk(bytes)
        while let token = walk.next() {
            switch token {
            case let .close(bracket, afterComma: comma?):
                problems.append(JSONStrictnessProblem(kind: .trailingComma(closer: Character(Unicode.Scalar(bracket))), offset: comma))
            case let .name(name, repeating: first?):
                problems.append(JSONStrictnessProblem(kind: .repeatedName(decodedName(bytes, name), firstAt: first.lowerBound - 1),
                                                      offset: name.lowerBound - 1))
            default:
                break
            }
        }
        return problems
    }

    /// When the value at `offset` (where Foundation found an invalid value) directly
    /// follows a member name or another value, with only whitespace between, what is
    /// missing there and where it belongs: just after the earlier token.
    static func missingSeparator(before offset: Int, in bytes: [UInt8]) -> MissingSeparator? {
        guard offset < bytes.count, startsValue(bytes[offset]) else { return nil }
        // The last token that ends before the invalid value.
        var walk = StructureWalk(bytes)
        var previous: (token: StructureWalk.Token, end: Int)? = nil
        while let token = walk.next(), walk.position <= offset {
            previous = (token, walk.position)
        }
        guard let (token, end) = previous, bytes[end..<offset].allSatisfy(StructureWalk.isWhitespace) else { return nil }
        switch token {
        case .name: return .colon(at: end)
        case .value, .close: return .comma(at: end)
        case .open, .comma, .colon: return nil
        }
    }

    private static func startsValue(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "\""), UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            return true
        default:
            return false
        }
    }

    /// The name as a string, its escapes decoded by Foundation (which already accepted it).
    static func decodedName(_ bytes: [UInt8], _ name: Range<Int>) -> String {
        let quoted = Array(bytes[(name.lowerBound - 1)...min(name.upperBound, bytes.count - 1)])
        let decoded = try? JSONSerialization.jsonObject(with: Data(quoted), options: .fragmentsAllowed) as? String
        return decoded ?? String(decoding: bytes[name], as: UTF8.self)
    }
}

/// The tokens of a JSON document in order, with what the scans above need to know: which
/// strings are member names (and whether an object repeats one), and whether a closing
/// bracket follows a comma.
private struct StructureWalk {
    enum Token {
        case open
        /// `}` or `]`, with the offset of a comma just before it.
        case close(UInt8, afterComma: Int?)
        /// A member name (the bytes between its quotes), with the earlier same name.
        case name(Range<Int>, repeating: Range<Int>?)
        /// A string that is not a name, a number, `true`, `false` or `null`.
        case value
        case comma, colon
    }

    /// A member name: the bytes between its quotes, and whether it has an escape (then
    /// it is compared decoded, as `"\u0074itle"` is `"title"`).
    private struct Name {
        var bytes: Range<Int>
        var escaped: Bool
    }

    let bytes: [UInt8]
    /// The offset just after the last token read.
    private(set) var position = 0
    /// Open containers; for an object, the names given so far.
    private var open: [[Name]?] = []
    private var expectingName = false
    private var lastComma: Int? = nil

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    static func isWhitespace(_ b: UInt8) -> Bool {
        b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") || b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r")
    }

    private static func isPunctuation(_ b: UInt8) -> Bool {
        b == UInt8(ascii: ",") || b == UInt8(ascii: ":") || b == UInt8(ascii: "]") || b == UInt8(ascii: "}")
    }

    mutating func next() -> Token? {
        var i = position
        // Whitespace, and a byte-order mark at the start.
        while i < bytes.count && (Self.isWhitespace(bytes[i]) || bytes[i] >= 0x80) { i += 1 }
        guard i < bytes.count else { return nil }
        let b = bytes[i]
        let comma = lastComma
        lastComma = nil
        position = i + 1
        switch b {
        case UInt8(ascii: "{"):
            open.append([])
            expectingName = true
            return .open
        case UInt8(ascii: "["):
            open.append(nil)
            expectingName = false
            return .open
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
            _ = open.popLast()
            return .close(b, afterComma: comma)
        case UInt8(ascii: ","):
            expectingName = open.last.map { $0 != nil } ?? false
            lastComma = i
            return .comma
        case UInt8(ascii: ":"):
            return .colon
        case UInt8(ascii: "\""):
            let end = endOfString(openingAt: i)
            position = min(end + 1, bytes.count)
            guard expectingName, let object = open.indices.last, open[object] != nil else { return .value }
            let name = Name(bytes: i + 1 ..< end, escaped: bytes[i + 1 ..< end].contains(UInt8(ascii: "\\")))
            let earlier = open[object]!.first { sameName($0, name) }
            open[object]!.append(name)  // in place: a copy of the list would be copied again to grow
            expectingName = false
            return .name(name.bytes, repeating: earlier?.bytes)
        default:
            // A number, true, false or null: up to the next delimiter.
            var j = i + 1
            while j < bytes.count, !Self.isWhitespace(bytes[j]), !Self.isPunctuation(bytes[j]) { j += 1 }
            position = j
            return .value
        }
    }

    /// The offset of the quote that closes the string opening at `quote` (the end of the
    /// bytes when it is not closed). `memchr` finds each candidate quote: strings, the
    /// abstracts above all, are nearly all of a talk file.
    private func endOfString(openingAt quote: Int) -> Int {
        bytes.withUnsafeBufferPointer { u in
            guard let base = u.baseAddress else { return u.count }
            var from = quote + 1
            while from < u.count, let hit = memchr(base + from, Int32(UInt8(ascii: "\"")), u.count - from) {
                let q = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                // Escaped when an odd number of backslashes comes before it.
                var backslashes = 0
                while q - backslashes - 1 > quote && u[q - backslashes - 1] == UInt8(ascii: "\\") { backslashes += 1 }
                if backslashes % 2 == 0 { return q }
                from = q + 1
            }
            return u.count
        }
    }

    /// Whether two names are the same string: byte for byte, or decoded when either has
    /// an escape.
    private func sameName(_ a: Name, _ b: Name) -> Bool {
        guard !a.escaped && !b.escaped else {
            return JSONStrictness.decodedName(bytes, a.bytes) == JSONStrictness.decodedName(bytes, b.bytes)
        }
        guard a.bytes.count == b.bytes.count else { return false }
        return bytes.withUnsafeBufferPointer { u in
            memcmp(u.baseAddress! + a.bytes.lowerBound, u.baseAddress! + b.bytes.lowerBound, a.bytes.count) == 0
        }
    }
}
