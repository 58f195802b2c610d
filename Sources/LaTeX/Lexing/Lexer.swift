/// Turns scalars into tokens on demand. The parser pulls tokens one at a time and may ask for
/// raw reads (verbatim arguments such as URLs, skipping an over-deep group), which is why the
/// lexer is a cursor and not a function returning an array.
struct Lexer: Sendable {
    let scalars: [Unicode.Scalar]
    private(set) var offset = 0
    /// Where lines start, recorded as newlines are scanned. Positions are looked up here when
    /// a diagnostic needs one, rather than tracked for every token.
    private(set) var lines = LineTable()

    init(_ scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    /// The scalar at the cursor, without consuming it.
    func peekScalar() -> Unicode.Scalar? {
        offset < scalars.count ? scalars[offset] : nil
    }

    /// The first scalar after any spaces and tabs (not newlines: an argument may start on
    /// the next line, but a blank line would end the paragraph, so we stay conservative).
    func peekScalarAfterSpaces() -> Unicode.Scalar? {
        var index = offset
        while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" || scalars[index] == "\n" || scalars[index] == "\r" {
            index += 1
        }
        return index < scalars.count ? scalars[index] : nil
    }

    var position: SourcePosition { lines.position(at: offset) }

    mutating func next() -> Token {
        let token = nextToken()
        return Token(kind: token.kind, start: token.start, end: token.end, position: lines.position(at: token.start))
    }

    /// `next()` without the position, for the parser: it needs positions only for the few
    /// tokens that get a diagnostic, and a token of three words passes in registers.
    mutating func nextToken() -> LexToken {
        let start = offset
        guard offset < scalars.count else {
            return LexToken(kind: .endOfInput, start: start, end: start)
        }
        let scalar = scalars[offset]
        let kind: Token.Kind
        if scalar.value < 128 {
            switch CharacterClass.of(UInt8(truncatingIfNeeded: scalar.value)) {
            case .letter:
                offset += 1
                scanWord()
                kind = .word
            case .space:
                kind = scanSpace()
            case .backslash:
                kind = scanControlSequence()
            case .other:
                offset += 1
                kind = .other
            case .special:
                offset += 1
                switch scalar {
                case "{": kind = .beginGroup
                case "}": kind = .endGroup
                case "$": kind = .mathShift
                case "^": kind = .superscript
                case "_": kind = .subscript
                case "&": kind = .alignment
                case "#": kind = .parameter
                case "~": kind = .active
                default:
                    // "%": TeX drops the rest of the line; we keep it as a token so that the
                    // checker can warn and the renderers can show what would be hidden.
                    while offset < scalars.count, scalars[offset] != "\n" { offset += 1 }
                    kind = .comment
                }
            }
        } else {
            offset += 1
            scanWord()
            kind = .word
        }
        return LexToken(kind: kind, start: start, end: offset)
    }

    private mutating func scanWord() {
        while offset < scalars.count {
            let value = scalars[offset].value
            if value < 128 {
                if !CharacterClass.isWordByte(UInt8(truncatingIfNeeded: value)) { return }
            } else if value == 0x2028 || value == 0x2029 {
                return
            }
            offset += 1
        }
    }

    private mutating func scanSpace() -> Token.Kind {
        var newlines = 0
        while offset < scalars.count {
            let scalar = scalars[offset]
            if scalar == "\n" {
                newlines += 1
                offset += 1
                noteNewline()
            } else if scalar == " " || scalar == "\t" || scalar == "\r" {
                offset += 1
            } else {
                break
            }
        }
        return newlines >= 2 ? .paragraphBreak : .space
    }

    private mutating func scanControlSequence() -> Token.Kind {
        offset += 1
        guard offset < scalars.count else { return .trailingBackslash }
        let first = scalars[offset]
        if first.isASCIILetter {
            while offset < scalars.count, scalars[offset].isASCIILetter { offset += 1 }
            return .controlWord
        }
        offset += 1
        if first == "\n" { noteNewline() }
        return .controlSymbol
    }

    private mutating func noteNewline() {
        lines.recordLineStart(at: offset)
    }

    /// Extends a text token over following words, punctuation (not `]`, which may close an
    /// optional argument) and spaces (not a blank line), and returns the new end. The parser
    /// keeps such runs as one node anyway; scanning them here saves a token per word.
    mutating func extendTextRun() -> Int {
        var isPlain = true
        return extendTextRun(isPlain: &isPlain)
    }

    /// `extendTextRun()`, also clearing `isPlain` unless the extension is plain: no scalar
    /// of a ligature (`-`, `` ` ``, `'`) and no whitespace but single spaces (see
    /// `Node.Flags.plainRun`).
    ///
    /// This is the lexer's hot loop (most of an abstract is prose), so it runs on locals and
    /// writes the cursor back once.
    mutating func extendTextRun(isPlain: inout Bool) -> Int {
        let scalars = self.scalars
        var index = offset
        var plain = true
        let table = CharacterClass.textRunTable
        scalars.withUnsafeBufferPointer { scalars in
            table.withUnsafeBufferPointer { table in
                scan: while index < scalars.count {
                    let value = scalars[index].value
                    // Most scalars continue the run: one table load, no classification.
                    if value >= 128 || table[Int(value)] == 0 {
                        index += 1
                        continue
                    }
                    // Scalars of ligatures continue the run, which is then not plain.
                    if value == 0x2D || value == 0x60 || value == 0x27 {
                        plain = false
                        index += 1
                        continue
                    }
                    // One space between words, by far the commonest break, needs no closer look.
                    if value == 0x20, index + 1 < scalars.count, !CharacterClass.isSpace(scalars[index + 1]) {
                        index += 1
                        continue
                    }
                    guard CharacterClass.isSpace(scalars[index]) else { break scan }
                    var end = index
                    var newlines = 0
                    while end < scalars.count, CharacterClass.isSpace(scalars[end]) {
                        end += 1
                        if scalars[end - 1] == "\n" {
                            newlines += 1
                            lines.recordLineStart(at: end)
                        }
                    }
                    // A blank line is a paragraph break, left for the parser.
                    if newlines >= 2 { break scan }
                    plain = false
                    index = end
                }
            }
        }
        offset = index
        if !plain { isPlain = false }
        return index
    }

    /// Consumes `scalar` if it is next (e.g. the `*` of `\section*`).
    mutating func consume(_ scalar: Unicode.Scalar) -> Bool {
        guard offset < scalars.count, scalars[offset] == scalar else { return false }
        offset += 1
        if scalar == "\n" { noteNewline() }
        return true
    }

    /// Skips spaces, tabs and single newlines (TeX skips them before an undelimited argument).
    mutating func skipSpaces() {
        let save = offset
        if offset < scalars.count, CharacterClass.isSpace(scalars[offset]), scanSpace() == .paragraphBreak {
            // A blank line is a paragraph, not filler: leave it for the parser.
            offset = save
        }
    }

    /// Reads a brace-balanced group starting at the cursor, which must be at `{`, without
    /// interpreting its content (URLs, labels, environment names). `\{` and `\}` do not count.
    /// Returns the offset just past the closing brace, or nil if the input ends first (the
    /// cursor is then at the end).
    mutating func skipBalancedGroup() -> Int? {
        var depth = 0
        while offset < scalars.count {
            let scalar = scalars[offset]
            offset += 1
            switch scalar {
            case "\\":
                if offset < scalars.count {
                    if scalars[offset] == "\n" { offset += 1; noteNewline() } else { offset += 1 }
                }
            case "{":
                depth += 1
            case "}":
                depth -= 1
                if depth == 0 { return offset }
            case "\n":
                noteNewline()
            default:
                break
            }
        }
        return nil
    }

    /// Moves the cursor back to the start of a token, or into a token that the parser split
    /// (a word used as a one-scalar argument). The line table keeps the newlines already
    /// scanned; scanning them again records nothing new.
    mutating func reset(to offset: Int) {
        self.offset = offset
    }
}

/// ASCII classification in one table, so the hot loop is a load and a compare.
enum CharacterClass: UInt8 {
    case letter, space, backslash, special, other

    /// A switch, not a table: a static array would cost a lazy-initialization check and a
    /// bounds check on every scalar.
    @inline(__always)
    static func of(_ byte: UInt8) -> CharacterClass {
        if isWordByte(byte) { return .letter }
        switch byte {
        case 0x20, 0x09, 0x0A, 0x0D: return .space
        case 0x5C: return .backslash
        case 0x7B, 0x7D, 0x24, 0x5E, 0x5F, 0x26, 0x23, 0x7E, 0x25: return .special
        default:
            // Control characters other than whitespace behave like ordinary punctuation:
            // they are rare and keeping them as single tokens keeps them visible.
            return .other
        }
    }

    @inline(__always)
    static func isWordByte(_ byte: UInt8) -> Bool {
        let folded = byte | 0x20
        return (folded >= 0x61 && folded <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
    }

    /// Whether an ASCII byte ends a run of text (see `Lexer.extendTextRun`) or needs a
    /// closer look there: markup (`\`, the specials), `]` (it may close an optional
    /// argument), the four spaces, and the ligature scalars `-`, `` ` ``, `'` (they continue
    /// the run but make it not plain). A 128-bit set in two constants; the run loop, which
    /// visits every scalar of prose, reads it through `textRunTable`.
    static func needsLookInTextRun(_ byte: UInt8) -> Bool {
        // 0x09 0x0A 0x0D 0x20 (whitespace), 0x23 # 0x24 $ 0x25 % 0x26 & 0x27 ' 0x2D -
        let low: UInt64 = 1 << 0x09 | 1 << 0x0A | 1 << 0x0D | 1 << 0x20 | 1 << 0x23 | 1 << 0x24 | 1 << 0x25 | 1 << 0x26
            | 1 << 0x27 | 1 << 0x2D
        // 0x5C \ 0x5D ] 0x5E ^ 0x5F _ 0x60 ` 0x7B { 0x7D } 0x7E ~, less 64
        let high: UInt64 = 1 << (0x5C - 64) | 1 << (0x5D - 64) | 1 << (0x5E - 64) | 1 << (0x5F - 64)
            | 1 << (0x60 - 64) | 1 << (0x7B - 64) | 1 << (0x7D - 64) | 1 << (0x7E - 64)
        return byte < 64 ? (low >> byte) & 1 != 0 : (high >> (byte & 63)) & 1 != 0
    }

    /// `needsLookInTextRun` of every ASCII byte, 1 or 0: the run loop's test as one load
    /// instead of a choice between two constants and a bit test (some 2 instructions per
    /// scalar of prose less).
    static let textRunTable: [UInt8] = (0..<128).map { needsLookInTextRun(UInt8($0)) ? 1 : 0 }

    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r"
    }
}

extension Unicode.Scalar {
    var isASCIILetter: Bool {
        (value >= 0x61 && value <= 0x7A) || (value >= 0x41 && value <= 0x5A)
    }

    var isASCIIDigit: Bool { value >= 0x30 && value <= 0x39 }
}
