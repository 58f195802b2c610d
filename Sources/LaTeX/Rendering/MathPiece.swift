/// Rendered math before serialization. Both renderers share everything up to this point;
/// they differ only in how scripts (Unicode characters vs `sub`/`sup`) and letters (plain vs
/// `i`) come out. The list is flat, with begin/end markers, so serializing needs no recursion.
///
/// A piece is a plain value, with no string: pieces with strings had to be retained at every
/// copy and released one by one whenever the list was cleared, about a tenth of the math's
/// cost. Their text is held inline (see `MathText`), or for long text in the list's buffer.
enum MathPiece {
    case text(MathText)
    /// A Latin letter of math (possibly with combining accents): italic in HTML.
    case letter(MathText)
    case lineBreak
    case beginScript(superscript: Bool)
    case endScript
    case beginStyle(TextStyle)
    case endStyle
}

/// A piece's UTF-8: inline when it is at most 8 bytes, as nearly every piece is (`x`, `≤`,
/// `log`), so that a piece costs one append to make; longer, in its `MathPieceList`'s buffer.
/// (Keeping every piece's text in the buffer cost a second append per piece, more than the
/// strings did.) Read through the list: `MathPieceList.byte(_:_:)` and friends.
struct MathText {
    static let inlineCapacity = 8
    /// Inline, the bytes, the first in the lowest byte (in memory, little-endian: in order);
    /// in the buffer, where they start.
    fileprivate var bits: UInt64
    /// The length in bytes.
    let count: Int

    var isEmpty: Bool { count == 0 }
    fileprivate var isInline: Bool { count <= Self.inlineCapacity }

    /// One scalar, inline.
    init(_ scalar: Unicode.Scalar) {
        if scalar.value < 0x80 {
            bits = UInt64(scalar.value)
            count = 1
            return
        }
        var bits: UInt64 = 0
        var count = 0
        UTF8.encode(scalar) { byte in
            bits |= UInt64(byte) << (8 * UInt64(count))
            count += 1
        }
        self.bits = bits
        self.count = count
    }

    /// A string's UTF-8 inline, or nil if it is too long.
    init?(inline text: String) {
        let utf8 = text.utf8
        guard utf8.count <= Self.inlineCapacity else { return nil }
        var bits: UInt64 = 0
        for (offset, byte) in utf8.enumerated() { bits |= UInt64(byte) << (8 * UInt64(offset)) }
        self.init(bits: bits, count: utf8.count)
    }

    fileprivate init(bits: UInt64, count: Int) {
        self.bits = bits
        self.count = count
    }
}

/// A formula's pieces, and the buffer holding the text of those with long text. The buffer
/// only grows while a formula is rendered (pieces that are dropped or rewritten leave their
/// bytes behind), so every piece stays valid until `removeAll()`.
struct MathPieceList {
    var pieces: [MathPiece] = []
    private var buffer: [UInt8] = []
    /// The rules the pieces were made with; the plain form's scripts follow them too.
    var rules: LinearMathRules = .unambiguous

    var count: Int { pieces.count }

    /// Ready for the next formula, keeping the storage.
    mutating func removeAll() {
        pieces.removeAll(keepingCapacity: true)
        if !buffer.isEmpty { buffer.removeAll(keepingCapacity: true) }
    }

    mutating func append(_ piece: MathPiece) {
        pieces.append(piece)
    }

    /// A text (or, `letter`, italic letter) piece of one scalar: the commonest pieces.
    mutating func append(_ scalar: Unicode.Scalar, letter: Bool = false) {
        let text = MathText(scalar)
        pieces.append(letter ? .letter(text) : .text(text))
    }

    /// A text (or letter) piece of a string.
    mutating func append(_ text: String, letter: Bool = false) {
        var text = text
        let stored = text.withUTF8 { self.text($0) }
        pieces.append(letter ? .letter(stored) : .text(stored))
    }

    /// A text piece of a literal.
    mutating func append(literal: StaticString) {
        let stored = literal.withUTF8Buffer { text($0) }
        pieces.append(.text(stored))
    }

    /// A text piece of UTF-8 (whole scalars).
    mutating func append(utf8: UnsafeBufferPointer<UInt8>) {
        pieces.append(.text(text(utf8)))
    }

    /// A text piece of scalars written one by one (`\mathbf` of a symbol's output).
    mutating func append<C: Collection>(scalars: C) where C.Element == Unicode.Scalar {
        var utf8: [UInt8] = []
        utf8.appendUTF8(scalars)
        utf8.withUnsafeBufferPointer { append(utf8: $0) }
    }

    /// The text of some UTF-8: inline if it fits, else copied to the buffer.
    private mutating func text(_ utf8: UnsafeBufferPointer<UInt8>) -> MathText {
        guard utf8.count <= MathText.inlineCapacity else {
            let start = buffer.count
            buffer.append(contentsOf: utf8)
            return MathText(bits: UInt64(start), count: utf8.count)
        }
        var bits: UInt64 = 0
        for (offset, byte) in utf8.enumerated() { bits |= UInt64(byte) << (8 * UInt64(offset)) }
        return MathText(bits: bits, count: utf8.count)
    }

    /// Another list's pieces (text inside math: a formula in `\text{…}`), their stored
    /// text copied over.
    mutating func append(contentsOf other: MathPieceList) {
        let offset = UInt64(buffer.count)
        buffer.append(contentsOf: other.buffer)
        for piece in other.pieces {
            switch piece {
            case .text(let text) where !text.isInline:
                pieces.append(.text(MathText(bits: text.bits + offset, count: text.count)))
            case .letter(let text) where !text.isInline:
                pieces.append(.letter(MathText(bits: text.bits + offset, count: text.count)))
            default:
                pieces.append(piece)
            }
        }
    }

    /// Drops the pieces from `start` on. One at a time: `removeSubrange` takes the general
    /// `replaceSubrange` path, dearer for the one or few pieces dropped here.
    mutating func removePieces(from start: Int) {
        while pieces.count > start { pieces.removeLast() }
    }

    // MARK: Reading text

    /// The byte at `index` (below `text.count`).
    func byte(_ text: MathText, _ index: Int) -> UInt8 {
        text.isInline ? UInt8(truncatingIfNeeded: text.bits >> (8 * UInt64(index))) : buffer[Int(text.bits) + index]
    }

    /// Appends the text's UTF-8 to `utf8`. Inline text byte by byte: for a few bytes that
    /// is cheaper than `append(contentsOf:)`'s general path.
    @inline(__always)
    func append(_ text: MathText, to utf8: inout [UInt8]) {
        if text.isInline {
            var bits = text.bits
            for _ in 0..<text.count {
                utf8.append(UInt8(truncatingIfNeeded: bits))
                bits >>= 8
            }
        } else {
            utf8.append(bytes: buffer[Int(text.bits)..<(Int(text.bits) + text.count)])
        }
    }

    func string(_ text: MathText) -> String {
        guard text.isInline else { return String(validUTF8: buffer[Int(text.bits)..<(Int(text.bits) + text.count)]) }
        return withUnsafeBytes(of: text.bits.littleEndian) { String(decoding: $0.prefix(text.count), as: UTF8.self) }
    }

    /// The scalar whose UTF-8 starts at `index`, and its length (see `Array.scalar(at:)`).
    func scalar(_ text: MathText, at index: Int) -> (scalar: Unicode.Scalar, length: Int) {
        UTF8Decoding.scalar { byte(text, index + $0) }
    }

    /// The scalar of a text or letter piece of exactly one scalar.
    func onlyScalar(of piece: MathPiece) -> Unicode.Scalar? {
        switch piece {
        case .text(let text), .letter(let text): return onlyScalar(text)
        default: return nil
        }
    }

    /// The scalar of a text of exactly one scalar.
    func onlyScalar(_ text: MathText) -> Unicode.Scalar? {
        guard !text.isEmpty else { return nil }
        let (scalar, length) = self.scalar(text, at: 0)
        return length == text.count ? scalar : nil
    }
}

enum MathPieces {
    /// The scripts open while writing the plain form: where each starts in the output.
    typealias ScriptStack = [(start: Int, superscript: Bool)]
    /// The elements open while writing the HTML form: for each, whether it is written (a
    /// plain style is transparent: it has no element, and its end writes nothing).
    typealias ElementStack = [Bool]

    /// The plain-text form: scripts become Unicode script characters when every character has
    /// one, and `_x` / `^(…)` otherwise.
    static func plain(_ list: MathPieceList) -> String {
        var bytes: [UInt8] = []
        var scripts: ScriptStack = []
        appendPlain(list, to: &bytes, scripts: &scripts)
        return String(validUTF8: bytes[...])
    }

    /// Writes the plain form as UTF-8. Scripts are written in place and converted when they
    /// end, so the common case copies each piece once. `scripts`, empty, is scratch space
    /// that a sink keeps between formulas: most formulas have scripts, and a stack of their
    /// own would cost an allocation each.
    static func appendPlain(_ list: MathPieceList, to bytes: inout [UInt8], scripts: inout ScriptStack) {
        let pieces = list.pieces
        var position = pieces.startIndex
        while position < pieces.endIndex {
            let piece = pieces[position]
            position += 1
            switch piece {
            case .text(let text), .letter(let text):
                list.append(text, to: &bytes)
            case .lineBreak:
                bytes.append(0x0A)
            case .beginScript(let superscript):
                // The commonest script, one scalar (`x_k`, `x^2`), is written in its final
                // form at once rather than written and converted.
                if position + 1 < pieces.endIndex, case .endScript = pieces[position + 1],
                   let scalar = list.onlyScalar(of: pieces[position]) {
                    if let form = scriptForm(scalar, superscript: superscript, list.rules) ?? wholeScriptForm(scalar, superscript: superscript, list.rules) {
                        bytes.appendUTF8(form)
                    } else {
                        bytes.append(superscript ? 0x5E : 0x5F)
                        bytes.appendUTF8(scalar)
                    }
                    position += 2
                    continue
                }
                scripts.append((bytes.count, superscript))
            case .endScript:
                guard let (start, superscript) = scripts.popLast() else { continue }
                convertScript(&bytes, from: start, superscript: superscript, list.rules)
            case .beginStyle, .endStyle:
                break
            }
        }
        // Unbalanced markers cannot come from the renderer, but never lose text.
        while let (start, superscript) = scripts.popLast() {
            convertScript(&bytes, from: start, superscript: superscript, list.rules)
        }
    }

    /// The form of a script that is this one scalar and has no `scriptForm`: a raised mark.
    static func wholeScriptForm(_ scalar: Unicode.Scalar, superscript: Bool, _ rules: LinearMathRules) -> Unicode.Scalar? {
        superscript && rules == .unambiguous ? UnicodeScripts.raisedMark(scalar) : nil
    }

    static func scriptForm(_ scalar: Unicode.Scalar, superscript: Bool, _ rules: LinearMathRules) -> Unicode.Scalar? {
        superscript ? UnicodeScripts.superscript(scalar, rules) : UnicodeScripts.subscript(scalar, rules)
    }

    /// Replaces the script written from `start` on with its script form: Unicode script
    /// characters when every character has one, and `_x` / `^(…)` otherwise.
    private static func convertScript(_ bytes: inout [UInt8], from start: Int, superscript: Bool, _ rules: LinearMathRules) {
        let end = bytes.count
        guard start < end else { return }
        // The forms are written after the script and replace it once all exist: most
        // scripts convert, and then no string is made.
        var index = start
        while index < end {
            let (scalar, length) = bytes.scalar(at: index)
            guard let form = scriptForm(scalar, superscript: superscript, rules) else {
                bytes.truncate(to: end)
                // `^` or `_` before the script, and parentheses around it if it is more than
                // one character (not scalar: `x̂` is one).
                let parenthesized = characterCount(bytes[start..<end]) > 1
                // Room made at the end and the script moved up into it, once: inserting
                // the marks one by one took the general `replaceSubrange` path each.
                let shift = parenthesized ? 2 : 1
                for _ in 0..<shift { bytes.append(0) }
                var from = end
                while from > start {
                    from -= 1
                    bytes[from + shift] = bytes[from]
                }
                bytes[start] = superscript ? 0x5E : 0x5F
                if parenthesized {
                    bytes[start + 1] = 0x28
                    bytes.append(0x29)
                }
                return
            }
            bytes.appendUTF8(form)
            index += length
        }
        // The forms moved down over the script, which they replace.
        let formsCount = bytes.count - end
        for offset in 0..<formsCount { bytes[start + offset] = bytes[end + offset] }
        bytes.truncate(to: start + formsCount)
    }

    /// The characters of UTF-8 the renderer wrote. Counted as scalars when every scalar is
    /// one that never joins a neighbour into one character: below U+0300 (Latin, but not
    /// the carriage return, which joins a following line feed), Greek (U+0370–U+03FF), and
    /// arrows to technical symbols (U+2190–U+23FF); Greek and operators are the usual
    /// scripts that have no script form. Segmenting a string into characters costs
    /// several hundred instructions even for two letters.
    static func characterCount(_ utf8: ArraySlice<UInt8>) -> Int {
        var count = 0
        var index = utf8.startIndex
        while index < utf8.endIndex {
            let (scalar, length) = UTF8Decoding.scalar { utf8[index + $0] }
            let value = scalar.value
            guard (value < 0x300 && value != 0x0D) || (0x370..<0x400).contains(value) || (0x2190..<0x2400).contains(value) else {
                return String(validUTF8: utf8).count
            }
            count += 1
            index += length
        }
        return count
    }

    /// Appends the HTML form's events to `fragment`: text, `i` for letters, `sub`/`sup` for
    /// scripts, in order. Text pieces go straight into the fragment's text, adjacent ones
    /// merging into one text event. `open`, empty, is scratch for the open `sub`/`sup`/style
    /// elements, kept by the sink between formulas.
    static func appendHTML(_ list: MathPieceList, to fragment: inout HTMLFragment, open: inout ElementStack) {
        func close() {
            fragment.endText()
            if open.removeLast() { fragment.endElement() }
        }
        for piece in list.pieces {
            switch piece {
            case .text(let value):
                list.append(value, to: &fragment.utf8)
            case .letter(let letter):
                fragment.start(.i)
                list.append(letter, to: &fragment.utf8)
                fragment.endElement()
            case .lineBreak:
                fragment.start(.br)
                fragment.endElement()
            case .beginScript(let superscript):
                fragment.start(superscript ? .sup : .sub)
                open.append(true)
            case .beginStyle(let style):
                let name = HTMLSink.elementName(style)
                fragment.endText()
                if let name { fragment.start(name) }
                open.append(name != nil)
            case .endScript, .endStyle:
                if !open.isEmpty { close() }
            }
        }
        while !open.isEmpty { close() }
        fragment.endText()
    }

    /// Walks the scalars of the pieces from `start` on, each with the script it is in (nil at
    /// the top level), and tells `beginScript` where a script starts (whether it is a
    /// superscript, and whether it is at the top level); stops with false as soon as either
    /// does, or at a line break. Decided on the pieces, as the plain text would read: parts
    /// nest (up to the depth limit), so flattening every part at every level would cost
    /// depth × size.
    private static func allScalars(
        _ list: MathPieceList, from start: Int, beginScript: (_ superscript: Bool, _ topLevel: Bool) -> Bool,
        _ body: (Unicode.Scalar, _ script: Bool?) -> Bool
    ) -> Bool {
        var scripts: [Bool] = []
        for piece in list.pieces[start...] {
            switch piece {
            case .text(let text), .letter(let text):
                var index = 0
                while index < text.count {
                    let (scalar, length) = list.scalar(text, at: index)
                    if !body(scalar, scripts.last) { return false }
                    index += length
                }
            case .beginScript(let superscript):
                if !beginScript(superscript, scripts.isEmpty) { return false }
                scripts.append(superscript)
            case .endScript:
                _ = scripts.popLast()
            case .lineBreak:
                return false
            case .beginStyle, .endStyle:
                continue
            }
        }
        return true
    }

    /// "Simple" fraction parts and roots (the original rules) need no parentheses: letters,
    /// digits, `.`, primes and script characters, optionally after a leading radical.
    static func isSimple(_ list: MathPieceList, from start: Int) -> Bool {
        var first = true
        return allScalars(list, from: start, beginScript: { _, _ in true }) { scalar, script in
            defer { first = false }
            if first && (scalar == "√" || scalar == "∛" || scalar == "∜") { return true }
            // A script that has no Unicode form falls back to `_x` / `^(…)`.
            if let superscript = script { return scriptForm(scalar, superscript: superscript, .original) != nil }
            return isSimple(scalar)
        }
    }

    /// Under the unambiguous rules, whether the pieces from `start` on read as one factor, so
    /// that a fraction part or a radicand needs no parentheses: a number (`12`, `0.5`), or
    /// one letter or symbol (`n`, `δ`, `x̂`, `ℝ`), or a parenthesized group, optionally after
    /// a radical (`√2`, `ⁿ√x`) and followed by primes and scripts that all have Unicode
    /// forms (`xᵢ`, `n²`). `2n`, `ab`, `x_θ` and `n!` are compound: `1/2n` would read (1/2)n.
    /// A `radicand` with a superscript, or a parenthesized one with a script, is compound too:
    /// `√x²` and `√(4 - x²)₊` could be read with the script outside the root.
    static func isSingleFactor(_ list: MathPieceList, from start: Int, radicand: Bool = false) -> Bool {
        enum Stage { case start, afterRadical, number, symbol, group(Int), closedGroup, done }
        var stage = Stage.start
        let walked = allScalars(list, from: start, beginScript: { superscript, topLevel in
            switch stage {
            case .number, .symbol, .done, .closedGroup:
                if radicand && topLevel {
                    if case .closedGroup = stage { return false }
                    if superscript { return false }
                }
                stage = .done
                return true
            case .start, .group: return true // a root's index, before its radical; a script inside
            case .afterRadical: return !topLevel
            }
        }) { scalar, script in
            if let superscript = script {
                // A script without Unicode forms falls back to `_x` / `^(…)`, which would run
                // into the slash.
                return scriptForm(scalar, superscript: superscript, list.rules) != nil
                    || wholeScriptForm(scalar, superscript: superscript, list.rules) != nil
            }
            let mark = isMark(scalar) || scalar == "′" || scalar == "″" || scalar == "‴"
            switch stage {
            case .start where scalar == "√" || scalar == "∛" || scalar == "∜":
                stage = .afterRadical
            case .start, .afterRadical:
                if scalar.isASCIIDigit || scalar == "." {
                    stage = .number
                } else if scalar == "(" {
                    stage = .group(1)
                } else if !mark && isSimple(scalar) && !UnicodeScripts.isScriptForm(scalar) {
                    stage = .symbol
                } else {
                    return false
                }
            case .number:
                if scalar.isASCIIDigit || scalar == "." { return true }
                guard mark else { return false }
                stage = .done
            case .symbol, .done, .closedGroup:
                return mark
            case .group(let depth):
                let depth = scalar == "(" ? depth + 1 : scalar == ")" ? depth - 1 : depth
                stage = depth == 0 ? .closedGroup : .group(depth)
            }
            return true
        }
        guard walked else { return false }
        switch stage {
        case .number, .symbol, .done, .closedGroup: return true
        default: return false
        }
    }

    /// Whether every scalar of the pieces from `start` on has a script form: the script
    /// they make is written in Unicode script characters, not as `_x` / `^(…)`.
    static func hasScriptForms(_ list: MathPieceList, from start: Int, superscript: Bool) -> Bool {
        for piece in list.pieces[start...] {
            switch piece {
            case .text(let text), .letter(let text):
                guard hasScriptForms(list, text, superscript: superscript) else { return false }
            default:
                continue
            }
        }
        return true
    }

    private static func hasScriptForms(_ list: MathPieceList, _ text: MathText, superscript: Bool) -> Bool {
        var index = 0
        while index < text.count {
            let (scalar, length) = list.scalar(text, at: index)
            guard scriptForm(scalar, superscript: superscript, list.rules) != nil else { return false }
            index += length
        }
        return true
    }

    static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.value >= 0x300 else { return false }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .spacingMark: return true
        default: return false
        }
    }

    static func isSimple(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCIILetter || scalar.isASCIIDigit || scalar == "." || scalar == "′" || scalar == "″" || scalar == "‴" {
            return true
        }
        if scalar.value < 128 { return false }
        if UnicodeScripts.isScriptForm(scalar) { return true }
        let properties = scalar.properties
        if properties.isAlphabetic || properties.numericType != nil { return true }
        switch properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .spacingMark: return true
        default: return false
        }
    }
}
