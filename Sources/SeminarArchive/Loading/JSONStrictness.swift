import Foundation

// What RFC 8259 JSON does not allow but Foundation's parser accepts, and clearer words
// for its commonest complaints.
//
// Foundation reads `{"a": 1,}` and `[1, 2,]` without complaint, and keeps the last of
// two members with the same name. A talk file with a trailing comma would then pass here
// and fail in every other tool the organisers use (jq, Python, an editor's linter), and a
// second `"title"` would silently replace the first. And where a comma or colon is
// missing, or text follows the document's one value, Foundation only says "invalid
// value". These scans follow the structure of a document Foundation has parsed (or
// parsed up to an error); they validate nothing else.

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
                let quote = name.lowerBound - 1
                let decoded = JSONLocator(bytes: bytes).decodeString(at: quote) ?? String(decoding: bytes[name], as: UTF8.self)
                problems.append(JSONStrictnessProblem(kind: .repeatedName(decoded, firstAt: first.lowerBound - 1), offset: quote))
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
        guard let (token, end) = previous, JSONLocator(bytes: bytes).skipWhitespace(end) >= offset else { return nil }
        switch token {
        case .name: return .colon(at: end)
        case .value, .close: return .comma(at: end)
        case .open, .comma, .colon: return nil
        }
    }

    /// The offset of the first text after the document's top-level value (past
    /// whitespace), or nil when nothing follows it. The value's end is found leniently,
    /// by matching brackets: check it against where Foundation stopped.
    static func textAfterTopLevelValue(in bytes: [UInt8]) -> Int? {
        let scanner = JSONLocator(bytes: bytes)
        let start = scanner.skipWhitespace(scanner.skipByteOrderMark(0))
        guard start < bytes.count else { return nil }
        let after = scanner.skipWhitespace(scanner.skipValue(start))
        return after < bytes.count ? after : nil
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

    /// The bytes, and the scanner that finds positions in them for diagnostics, whose
    /// string and whitespace skipping and string decoding this walk uses as they are.
    let bytes: [UInt8]
    private let scanner: JSONLocator
    /// The offset just after the last token read.
    private(set) var position: Int
    /// Open containers; for an object, the names given so far.
    private var open: [[Name]?] = []
    private var expectingName = false
    private var lastComma: Int? = nil

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        scanner = JSONLocator(bytes: bytes)
        position = scanner.skipByteOrderMark(0)
    }

    mutating func next() -> Token? {
        let i = scanner.skipWhitespace(position)
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
            // Just after the closing quote (past the end when the string is not closed).
            position = min(scanner.skipString(i), bytes.count)
            guard expectingName, let object = open.indices.last, open[object] != nil else { return .value }
            let between = i + 1 ..< max(i + 1, position - 1)
            let name = Name(bytes: between, escaped: bytes[between].contains(UInt8(ascii: "\\")))
            let earlier = open[object]!.first { sameName($0, name) }
            open[object]!.append(name)  // in place: a copy of the list would be copied again to grow
            expectingName = false
            return .name(name.bytes, repeating: earlier?.bytes)
        default:
            // A number, true, false or null: up to the next delimiter.
            position = scanner.skipValue(i)
            return .value
        }
    }

    /// Whether two names are the same string: byte for byte, or decoded when either has
    /// an escape.
    private func sameName(_ a: Name, _ b: Name) -> Bool {
        guard !a.escaped && !b.escaped else {
            return scanner.decodeString(at: a.bytes.lowerBound - 1) == scanner.decodeString(at: b.bytes.lowerBound - 1)
        }
        guard a.bytes.count == b.bytes.count else { return false }
        return bytes.withUnsafeBufferPointer { u in
            memcmp(u.baseAddress! + a.bytes.lowerBound, u.baseAddress! + b.bytes.lowerBound, a.bytes.count) == 0
        }
    }
}
