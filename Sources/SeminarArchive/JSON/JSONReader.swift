// The archive's JSON reader: RFC 8259, strictly, with positions.
//
// Why a reader of our own: Foundation's accepts what JSON forbids (a comma before `}`, a
// member name given twice: the file then fails in jq, Python or an editor's linter, and a
// second `"title"` silently replaces the first), forgets where each value was written, and
// words its errors vaguely ("Invalid value around character 17"). Making up for that took
// three more scans of every file. This reader does it all in one pass over the bytes, in
// less time than Foundation's parser alone (measured in the README's benchmark notes).

/// What reading a document gave.
struct JSONReading: Sendable {
    /// The document's value; nil after a syntax error.
    var root: JSONValue?
    /// Mistakes read past, so that the rest of the file is still checked: a comma before a
    /// closing bracket, a member name given twice.
    var leniencies: [JSONLeniency]
    /// The mistake that stopped the reading.
    var error: JSONSyntaxError?
}

/// What JSON forbids but can be read past without guessing.
enum JSONLeniency: Equatable, Sendable {
    /// A comma (at `comma`) just before `}` or `]`.
    case trailingComma(comma: Int, closer: Character)
    /// A member name given again (its opening quote at `offset`) in one object.
    case repeatedName(String, offset: Int, firstAt: Int)
}

/// A mistake that stops the reading: where it is, what it is, and what to do.
struct JSONSyntaxError: Error, Equatable, Sendable {
    enum Reason: Equatable, Sendable {
        /// Said in the words of the document's kind ("the talk's object").
        case textAfterValue
        case noValue
        /// Bytes that are not UTF-8.
        case invalidUTF8(byte: UInt8)
        /// Anything else, in these words.
        case malformed(String)
    }

    var reason: Reason
    var offset: Int
    var fix: String? = nil
    /// Another place the mistake concerns: where an unclosed array opens.
    var note: (message: String, offset: Int)? = nil

    static func == (a: JSONSyntaxError, b: JSONSyntaxError) -> Bool {
        a.reason == b.reason && a.offset == b.offset && a.fix == b.fix && a.note?.message == b.note?.message
            && a.note?.offset == b.note?.offset
    }
}

struct JSONReader {
    /// Deeper nesting is refused rather than read by ever deeper recursion: no archive file
    /// nests more than four levels, and a hostile one must not crash the reader.
    static let maximumDepth = 512

    static func read(_ bytes: [UInt8]) -> JSONReading {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = JSONReader(bytes: buffer)
            return reader.readDocument()
        }
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    /// The next byte to read.
    private var i = 0
    private var depth = 0
    private var leniencies: [JSONLeniency] = []

    private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    private mutating func readDocument() -> JSONReading {
        i = byteOrderMarkLength(bytes)
        do throws(JSONSyntaxError) {
            skipWhitespace()
            guard i < bytes.count else { throw JSONSyntaxError(reason: .noValue, offset: i) }
            let root = try readValue()
            skipWhitespace()
            if i < bytes.count {
                throw JSONSyntaxError(reason: .textAfterValue, offset: i, fix: "remove it")
            }
            return JSONReading(root: root, leniencies: leniencies, error: nil)
        } catch {
            return JSONReading(root: nil, leniencies: leniencies, error: error)
        }
    }

    // MARK: - Values

    private mutating func readValue() throws(JSONSyntaxError) -> JSONValue {
        let start = i
        switch bytes[i] {
        case UInt8(ascii: "{"):
            return try readObject()
        case UInt8(ascii: "["):
            return try readArray()
        case UInt8(ascii: "\""):
            let (text, forbidden) = try readString()
            return JSONValue(content: .string(text, hasCharacterXMLForbids: forbidden), offset: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return JSONValue(content: .number(try readNumber()), offset: start)
        case UInt8(ascii: "t") where startsWord("true"):
            i += 4
            return JSONValue(content: .bool(true), offset: start)
        case UInt8(ascii: "f") where startsWord("false"):
            i += 5
            return JSONValue(content: .bool(false), offset: start)
        case UInt8(ascii: "n") where startsWord("null"):
            i += 4
            return JSONValue(content: .null, offset: start)
        default:
            throw notAValue()
        }
    }

    private mutating func readObject() throws(JSONSyntaxError) -> JSONValue {
        let open = i
        try enterContainer()
        var members: [JSONMember] = []
        /// Each name's index in `members`, to find a name given twice, once the object is
        /// large. A talk's objects have a dozen members or fewer, which a look along the
        /// list finds with fewer instructions than hashing each name into a table (the
        /// tables were a twentieth of a 10,000-talk check); the table keeps an object of
        /// thousands of members linear.
        var indexOfName: [String: Int]? = nil
        if !closesAtOnce(UInt8(ascii: "}")) {
            repeat {
                guard i < bytes.count else { throw unclosed("object", openingAt: open) }
                guard bytes[i] == UInt8(ascii: "\"") else {
                    if let mistake = typographicQuote() ?? comment() { throw mistake }
                    throw JSONSyntaxError(reason: .malformed("a member name must be text in double quotes"), offset: i,
                                          fix: bytes[i] >= 0x80 || isLetter(bytes[i]) ? "write `\"\(token(at: i))\"`" : nil)
                }
                let keyOffset = i
                let (name, _) = try readString()
                let nameEnd = i
                skipWhitespace()
                guard i < bytes.count else { throw unclosed("object", openingAt: open) }
                guard bytes[i] == UInt8(ascii: ":") else {
                    if startsValue(bytes[i]) {
                        throw JSONSyntaxError(reason: .malformed("a colon is missing after this member name"), offset: nameEnd,
                                              fix: "add `:` here")
                    }
                    throw unexpected(expecting: "`:` after the member name")
                }
                i += 1
                skipWhitespace()
                guard i < bytes.count else { throw unclosed("object", openingAt: open) }
                let member = JSONMember(name: name, keyOffset: keyOffset, value: try readValue())
                let earlier = if let indexOfName { indexOfName[name] } else { members.firstIndex { $0.name == name } }
                if let earlier {
                    leniencies.append(.repeatedName(name, offset: keyOffset, firstAt: members[earlier].keyOffset))
                    members[earlier] = member
                } else {
                    indexOfName?[name] = members.count
                    members.append(member)
                    if members.count == Self.membersLookedUpInATable {
                        indexOfName = Dictionary(uniqueKeysWithValues: members.indices.map { (members[$0].name, $0) })
                    }
                }
            } while !(try readSeparator(closer: UInt8(ascii: "}"), in: "object", openingAt: open))
        }
        depth -= 1
        return JSONValue(content: .object(members), offset: open)
    }

    /// From this many members on, an object's names are found in a table.
    static let membersLookedUpInATable = 32

    private mutating func readArray() throws(JSONSyntaxError) -> JSONValue {
        let open = i
        try enterContainer()
        var elements: [JSONValue] = []
        if !closesAtOnce(UInt8(ascii: "]")) {
            repeat {
                guard i < bytes.count else { throw unclosed("array", openingAt: open) }
                elements.append(try readValue())
            } while !(try readSeparator(closer: UInt8(ascii: "]"), in: "array", openingAt: open))
        }
        depth -= 1
        return JSONValue(content: .array(elements), offset: open)
    }

    /// Just after an opening bracket: whether `closer` follows at once (and is read).
    private mutating func closesAtOnce(_ closer: UInt8) -> Bool {
        skipWhitespace()
        guard i < bytes.count, bytes[i] == closer else { return false }
        i += 1
        return true
    }

    private mutating func enterContainer() throws(JSONSyntaxError) {
        depth += 1
        guard depth <= Self.maximumDepth else {
            throw JSONSyntaxError(reason: .malformed("arrays and objects nested more than \(Self.maximumDepth) deep"), offset: i)
        }
        i += 1
    }

    /// After a member or an element: reads `,` (true when the container closes right after
    /// it, which is a comma JSON forbids but can be read past) or the closer (true).
    private mutating func readSeparator(closer: UInt8, in container: String, openingAt open: Int) throws(JSONSyntaxError) -> Bool {
        let valueEnd = i
        skipWhitespace()
        guard i < bytes.count else { throw unclosed(container, openingAt: open) }
        switch bytes[i] {
        case closer:
            i += 1
            return true
        case UInt8(ascii: ","):
            let comma = i
            i += 1
            skipWhitespace()
            if i < bytes.count, bytes[i] == closer {
                leniencies.append(.trailingComma(comma: comma, closer: Character(Unicode.Scalar(closer))))
                i += 1
                return true
            }
            return false
        case let b where startsValue(b):
            // The commonest slip: a comma forgotten at the end of a line.
            throw JSONSyntaxError(reason: .malformed("a comma is missing after this value"), offset: valueEnd, fix: "add `,` here")
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
            let wanted = Character(Unicode.Scalar(closer))
            throw JSONSyntaxError(
                reason: .malformed("`\(Character(Unicode.Scalar(bytes[i])))` does not close this \(container); expected `,` or `\(wanted)`"),
                offset: i, note: ("the \(container) opens here", open))
        default:
            if let comment = comment() { throw comment }
            throw unexpected(expecting: "`,` or `\(Character(Unicode.Scalar(closer)))`")
        }
    }

    // MARK: - Strings

    /// Reads the string whose opening quote is at `i`, and leaves `i` just past its closing
    /// quote. Strings are nearly all of a talk file: text is decoded straight from the
    /// bytes, and only from the first escape on is it copied, run by run, into a buffer.
    private mutating func readString() throws(JSONSyntaxError) -> (String, hasCharacterXMLForbids: Bool) {
        let quote = i
        i += 1
        var forbidden = false
        /// The text decoded so far, once an escape has been met.
        var decoded: [UInt8]? = nil
        /// Where the run of characters written as themselves began.
        var run = i
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "\""):
                let text = UnsafeBufferPointer(rebasing: bytes[run..<i])
                i += 1
                guard decoded != nil else { return (String(decoding: text, as: UTF8.self), forbidden) }
                decoded!.append(contentsOf: text)
                return (String(decoding: decoded!, as: UTF8.self), forbidden)
            case UInt8(ascii: "\\"):
                if decoded == nil { decoded = [] }
                decoded!.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i]))
                let scalar = try readEscape(inStringAt: quote)
                if isForbiddenInXML(scalar.value) { forbidden = true }
                UTF8.encode(scalar) { decoded!.append($0) }
                run = i
            case 0x20..<0x80:
                // Printable ASCII, most of every file, without a call per byte.
                i += 1
            default:
                try readCharacter(&forbidden, inStringAt: quote)
            }
        }
        throw unclosedString(quote)
    }

    /// One character written as itself inside a string: ASCII other than a control
    /// character, or a well-formed UTF-8 sequence.
    private mutating func readCharacter(_ forbidden: inout Bool, inStringAt quote: Int) throws(JSONSyntaxError) {
        let b = bytes[i]
        if b < 0x20 {
            let name = scalarName(Unicode.Scalar(b))
            var fix = b == 0x0A ? "write `\\n`, or close the string before the line break" : nil
            // A line break inside a string most often means the string was not closed: by a
            // typographic quote, say, which word processors put for `"`.
            if b == 0x0A, bytes[quote..<i].firstRange(of: [0xE2, 0x80, 0x9D]) != nil {
                fix = "close the string with a straight `\"`, not `”`"
            }
            throw JSONSyntaxError(reason: .malformed("a control character (\(name)) inside a string; JSON needs it written as an escape"),
                                  offset: i, fix: fix)
        }
        if b < 0x80 {
            i += 1
            return
        }
        guard let length = utf8SequenceLength(bytes, at: i) else { throw JSONSyntaxError(reason: .invalidUTF8(byte: b), offset: i) }
        // U+FFFE and U+FFFF, EF BF BE and EF BF BF: the only raw characters XML forbids that JSON allows.
        if b == 0xEF, bytes[i + 1] == 0xBF, bytes[i + 2] >= 0xBE { forbidden = true }
        i += length
    }

    /// The escape whose backslash is at `i`; leaves `i` past it. A `\u` escape of half a
    /// surrogate pair is refused: it is no character.
    private mutating func readEscape(inStringAt quote: Int) throws(JSONSyntaxError) -> Unicode.Scalar {
        let backslash = i
        guard i + 1 < bytes.count else { throw unclosedString(quote) }
        i += 2
        switch bytes[backslash + 1] {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            guard let unit = hexQuad(bytes, at: backslash + 2) else {
                throw JSONSyntaxError(reason: .malformed("a `\\u` escape takes four hexadecimal digits"), offset: backslash)
            }
            i = backslash + 6
            if (0xD800...0xDBFF).contains(unit), i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"),
               bytes[i + 1] == UInt8(ascii: "u"), let low = hexQuad(bytes, at: i + 2), (0xDC00...0xDFFF).contains(low) {
                i += 6
                return Unicode.Scalar(UInt32(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)))!
            }
            guard let scalar = Unicode.Scalar(UInt32(unit)) else { throw loneSurrogate(at: backslash, unit: unit) }
            return scalar
        default:
            let written = String(decoding: bytes[backslash..<min(bytes.count, backslash + 2)], as: UTF8.self)
            throw JSONSyntaxError(reason: .malformed("`\(written)` is not an escape JSON knows"), offset: backslash,
                                  fix: "write `\\\\` for a backslash")
        }
    }

    // MARK: - Numbers and words

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, the grammar of RFC 8259.
    private mutating func readNumber() throws(JSONSyntaxError) -> Double {
        let start = i
        let bad = JSONSyntaxError(reason: .malformed("`\(token(at: start))` is not a JSON number"), offset: start)
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard i < bytes.count, isDigit(bytes[i]) else { throw bad }
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
            if i < bytes.count, isDigit(bytes[i]) { throw bad }  // a leading zero
        } else {
            skipDigits()
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard i < bytes.count, isDigit(bytes[i]) else { throw bad }
            skipDigits()
        }
        if i < bytes.count, bytes[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard i < bytes.count, isDigit(bytes[i]) else { throw bad }
            skipDigits()
        }
        let literal = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
        guard let value = Double(literal), value.isFinite else {
            throw JSONSyntaxError(reason: .malformed("the number `\(literal)` is too large to read"), offset: start)
        }
        return value
    }

    private mutating func skipDigits() {
        while i < bytes.count, isDigit(bytes[i]) { i += 1 }
    }

    /// Whether `word` is written at `i`, not followed by more of a word (`nullx`).
    private func startsWord(_ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard i + n <= bytes.count else { return false }
        for k in 0..<n where bytes[i + k] != word.utf8Start[k] { return false }
        return i + n == bytes.count || !isWordByte(bytes[i + n])
    }

    // MARK: - Mistakes

    /// At `i`, where a value should begin.
    private func notAValue() -> JSONSyntaxError {
        let b = bytes[i]
        if b >= 0x80, utf8SequenceLength(bytes, at: i) == nil { return JSONSyntaxError(reason: .invalidUTF8(byte: b), offset: i) }
        if b == UInt8(ascii: "'") {
            return JSONSyntaxError(reason: .malformed("JSON strings take double quotes, not single ones"), offset: i,
                                   fix: "write `\"` for `'`")
        }
        if let mistake = typographicQuote() ?? comment() { return mistake }
        if b == UInt8(ascii: "}") || b == UInt8(ascii: "]") || b == UInt8(ascii: ",") || b == UInt8(ascii: ":") {
            return JSONSyntaxError(reason: .malformed("a value is missing before `\(Character(Unicode.Scalar(b)))`"), offset: i)
        }
        let word = token(at: i)
        return JSONSyntaxError(reason: .malformed("`\(word)` is not a JSON value"), offset: i,
                               fix: b >= 0x80 || isLetter(b) ? "write text in double quotes: `\"\(word)\"`" : nil)
    }

    /// At `i`, a typographic double quote (`“` or `”`, which word processors and some
    /// keyboards put for `"`), said as such; nil for anything else.
    private func typographicQuote() -> JSONSyntaxError? {
        guard i + 2 < bytes.count, bytes[i] == 0xE2, bytes[i + 1] == 0x80, bytes[i + 2] == 0x9C || bytes[i + 2] == 0x9D else {
            return nil
        }
        let quote = bytes[i + 2] == 0x9C ? "“" : "”"
        return JSONSyntaxError(reason: .malformed("JSON strings take straight double quotes `\"`, not typographic ones"), offset: i,
                               fix: "write `\"` for `\(quote)` (and for its partner)")
    }

    /// At `i`, a comment (`//` or `/*`), which JSON does not have; nil for anything else.
    private func comment() -> JSONSyntaxError? {
        guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "/"), bytes[i + 1] == UInt8(ascii: "/") || bytes[i + 1] == UInt8(ascii: "*") else {
            return nil
        }
        return JSONSyntaxError(reason: .malformed("JSON has no comments"), offset: i,
                               fix: "remove it (git keeps the history of the file, and its commit messages say why)")
    }

    /// At `i`, where something other than what is there was expected.
    private func unexpected(expecting wanted: String) -> JSONSyntaxError {
        let b = bytes[i]
        if b >= 0x80, utf8SequenceLength(bytes, at: i) == nil { return JSONSyntaxError(reason: .invalidUTF8(byte: b), offset: i) }
        return JSONSyntaxError(reason: .malformed("expected \(wanted), not `\(token(at: i))`"), offset: i)
    }

    private func unclosed(_ container: String, openingAt open: Int) -> JSONSyntaxError {
        JSONSyntaxError(reason: .malformed("the file ends before this \(container) is closed"), offset: bytes.count,
                        note: ("the \(container) opens here", open))
    }

    private func unclosedString(_ quote: Int) -> JSONSyntaxError {
        JSONSyntaxError(reason: .malformed("this string is not closed before the end of the file"), offset: quote,
                        fix: "add the closing `\"`")
    }

    private func loneSurrogate(at backslash: Int, unit: Int) -> JSONSyntaxError {
        let written = String(decoding: bytes[backslash..<(backslash + 6)], as: UTF8.self)
        let rule = unit < 0xDC00
            ? "a high surrogate must be followed by a low one, `\\udc00` to `\\udfff`"
            : "a low surrogate must follow a high one, `\\ud800` to `\\udbff`"
        return JSONSyntaxError(reason: .malformed("`\(written)` is a lone surrogate: \(rule)"), offset: backslash,
                               fix: "write the character itself, or both escapes of its surrogate pair")
    }

    /// The word at `offset`, as quoted in a message: up to the next delimiter, at most 20
    /// characters.
    private func token(at offset: Int) -> String {
        var end = offset
        while end < bytes.count, end - offset < 80, !isDelimiter(bytes[end]) { end += 1 }
        let text = String(decoding: bytes[offset..<max(end, min(offset + 1, bytes.count))], as: UTF8.self)
        return text.count > 20 ? String(text.prefix(20)) + "…" : text
    }

    // MARK: - Bytes

    private mutating func skipWhitespace() {
        while i < bytes.count, isWhitespace(bytes[i]) { i += 1 }
    }
}

private func isWhitespace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }
private func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
private func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") }
private func isWordByte(_ b: UInt8) -> Bool { isLetter(b) || isDigit(b) || b == UInt8(ascii: "_") || b >= 0x80 }
private func isDelimiter(_ b: UInt8) -> Bool {
    isWhitespace(b) || b == UInt8(ascii: ",") || b == UInt8(ascii: "}") || b == UInt8(ascii: "]") || b == UInt8(ascii: ":")
}

/// Whether a value can begin with this byte: where one follows another, a comma is missing.
private func startsValue(_ b: UInt8) -> Bool {
    switch b {
    case UInt8(ascii: "\""), UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"),
         UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
        return true
    default:
        return false
    }
}

/// `U+0001` with a leading zero pad to four digits, as Unicode writes code points.
func scalarName(_ scalar: Unicode.Scalar) -> String {
    let hex = String(scalar.value, radix: 16, uppercase: true)
    return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
}

/// Scalars XML 1.0 forbids: the C0 controls but tab and line breaks, U+FFFE and U+FFFF
/// (surrogates never get this far).
func isForbiddenInXML(_ v: UInt32) -> Bool {
    (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || v == 0xFFFE || v == 0xFFFF
}

/// 3 when the bytes start with a UTF-8 byte order mark, which is no part of the document.
func byteOrderMarkLength<C: Collection<UInt8>>(_ bytes: C) -> Int where C.Index == Int {
    bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
}

/// The length of the well-formed UTF-8 sequence at `i` (RFC 3629: no overlong forms, no
/// surrogates, nothing above U+10FFFF), or nil when it is not one.
func utf8SequenceLength<C: Collection<UInt8>>(_ u: C, at i: Int) -> Int? where C.Index == Int {
    let b = u[i]
    if b < 0x80 { return 1 }
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
    default: return nil
    }
    guard i + 1 < u.count, (low...high).contains(u[i + 1]) else { return nil }
    for k in 2..<length where i + k >= u.count || u[i + k] & 0xC0 != 0x80 { return nil }
    return length
}

/// The four hexadecimal digits at `i` (of a `\u` escape), or nil.
func hexQuad<C: Collection<UInt8>>(_ bytes: C, at i: Int) -> Int? where C.Index == Int {
    guard i >= 0, i + 4 <= bytes.count else { return nil }
    var v = 0
    for k in i..<(i + 4) {
        let b = bytes[k]
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): v = v * 16 + Int(b - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): v = v * 16 + Int(b - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): v = v * 16 + Int(b - UInt8(ascii: "A")) + 10
        default: return nil
        }
    }
    return v
}
