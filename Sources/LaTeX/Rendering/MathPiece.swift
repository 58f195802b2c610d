/// Rendered math before serialization. Both renderers share everything up to this point;
/// they differ only in how scripts (Unicode characters vs `sub`/`sup`) and letters (plain vs
/// `i`) come out. The list is flat, with begin/end markers, so serializing needs no recursion.
public enum MathPiece: Sendable, Equatable {
    case text(String)
    /// A Latin letter of math (possibly with combining accents): italic in HTML.
    case letter(String)
    /// `.text` and `.letter` of one scalar, the commonest pieces by far (`x`, `=`, `2`): no
    /// string to create, retain and release, and serializing them is a scalar append.
    /// Every consumer treats `.textScalar(s)` exactly as `.text` of the one scalar `s`, so
    /// the math renderer writes one-scalar text (most command outputs, spaces) this way.
    /// (Not so for letters: a script holding one `.letterScalar` becomes a shared element.)
    case textScalar(Unicode.Scalar)
    case letterScalar(Unicode.Scalar)
    case lineBreak
    case beginScript(superscript: Bool)
    case endScript
    case beginStyle(TextStyle)
    case endStyle
}

enum MathPieces {
    /// The scripts open while writing the plain form: where each starts in the output.
    typealias ScriptStack = [(start: Int, superscript: Bool)]
    /// The elements open while building the HTML form: name (empty for a transparent one),
    /// where their children start, and for `sup`/`sub` which one it is.
    typealias ElementStack = [(name: String, start: Int, superscript: Bool?)]

    /// The plain-text form: scripts become Unicode script characters when every character has
    /// one, and `_x` / `^(…)` otherwise.
    static func plain(_ pieces: ArraySlice<MathPiece>) -> String {
        var bytes: [UInt8] = []
        var scripts: ScriptStack = []
        appendPlain(pieces, to: &bytes, scripts: &scripts)
        return String(validUTF8: bytes[...])
    }

    /// Writes the plain form as UTF-8. Scripts are written in place and converted when they
    /// end, so the common case copies each piece once. `scripts`, empty, is scratch space
    /// that a sink keeps between formulas: most formulas have scripts, and a stack of their
    /// own would cost an allocation each.
    static func appendPlain(_ pieces: ArraySlice<MathPiece>, to bytes: inout [UInt8], scripts: inout ScriptStack) {
        for position in pieces.indices {
            // Switching on the element in place, rather than on a copy made by `for piece in`,
            // copies only the payload bound: a copy of every piece cost an outlined copy and
            // destroy each.
            switch pieces[position] {
            case .text(let text), .letter(let text):
                bytes.appendUTF8(of: text)
            case .textScalar(let scalar), .letterScalar(let scalar):
                bytes.appendUTF8(scalar)
            case .lineBreak:
                bytes.append(0x0A)
            case .beginScript(let superscript):
                scripts.append((bytes.count, superscript))
            case .endScript:
                guard let (start, superscript) = scripts.popLast() else { continue }
                convertScript(&bytes, from: start, superscript: superscript)
            case .beginStyle, .endStyle:
                break
            }
        }
        // Unbalanced markers cannot come from the renderer, but never lose text.
        while let (start, superscript) = scripts.popLast() {
            convertScript(&bytes, from: start, superscript: superscript)
        }
    }

    /// Replaces the script written from `start` on with its script form: Unicode script
    /// characters when every character has one, and `_x` / `^(…)` otherwise.
    private static func convertScript(_ bytes: inout [UInt8], from start: Int, superscript: Bool) {
        let end = bytes.count
        guard start < end else { return }
        // The forms are written after the script and replace it once all exist: most
        // scripts convert, and then no string is made.
        var index = start
        while index < end {
            let (scalar, length) = bytes.scalar(at: index)
            guard let form = superscript ? UnicodeScripts.superscript(scalar) : UnicodeScripts.subscript(scalar) else {
                bytes.removeSubrange(end...)
                // `^` or `_` before the script, and parentheses around it if it is more than
                // one character (not scalar: `x̂` is one). ASCII other than a carriage return
                // (which joins a following line feed) is a character per byte: counted
                // without making a string, which segmenting characters would take.
                var isASCII = true
                for byte in bytes[start..<end] where byte >= 0x80 || byte == 0x0D {
                    isASCII = false
                    break
                }
                let characters = isASCII ? end - start : String(decoding: bytes[start..<end], as: UTF8.self).count
                bytes.insert(superscript ? 0x5E : 0x5F, at: start)
                if characters > 1 {
                    bytes.insert(0x28, at: start + 1)
                    bytes.append(0x29)
                }
                return
            }
            bytes.appendUTF8(form)
            index += length
        }
        bytes.removeSubrange(start..<end)
    }

    /// The HTML form: text nodes, `i` for letters, `sub`/`sup` for scripts.
    static func html(_ pieces: ArraySlice<MathPiece>) -> [HTMLNode] {
        var nodes: [HTMLNode] = []
        var text: [UInt8] = []
        var open: ElementStack = []
        appendHTML(pieces, to: &nodes, text: &text, open: &open)
        return nodes
    }

    /// Appends the HTML form's top-level nodes to `nodes`, which is also the scratch space
    /// of the nested elements (see `Scratch.swift`). `text` is scratch for text runs, its
    /// bytes already decoded, and empty on return: adjacent text pieces merge into one node,
    /// and gathering their UTF-8 and decoding once is cheaper than growing a `String` piece
    /// by piece. `open`, empty, is scratch for the open `sub`/`sup`/style elements, kept by
    /// the sink like `text`.
    static func appendHTML(
        _ pieces: ArraySlice<MathPiece>, to nodes: inout [HTMLNode], text: inout [UInt8], open: inout ElementStack
    ) {
        // Each text run is decoded from `text[runStart...]` and then skipped, not removed:
        // emptying the array after every run took the general `replaceSubrange` path.
        var runStart = text.count
        // The last node, when it is one ASCII character as text or as a shared italic
        // letter: a script holding just that becomes a shared element (see `scriptsOfOne`).
        var single: (index: Int, byte: UInt8, italic: Bool)? = nil
        func flush() {
            guard text.count > runStart else { return }
            if text.count == runStart + 1 && text[runStart] < 0x80 {
                // One ASCII character (`(`, `=`, `2`), the commonest run between letters: a
                // shared string, not one decoded and validated anew.
                single = (nodes.count, text[runStart], false)
                nodes.append(.text(asciiStrings[Int(text[runStart])]))
            } else {
                single = nil
                nodes.append(.text(String(validUTF8: text[runStart...])))
            }
            runStart = text.count
        }
        func close() {
            flush()
            let (name, start, superscript) = open.removeLast()
            if let superscript, let single, single.index == start, nodes.count == start + 1 {
                nodes[start] = scriptsOfOne[scriptIndex(superscript: superscript, italic: single.italic, byte: single.byte)]
            } else if !name.isEmpty {
                nodes.wrap(from: start, in: name)
            }
            single = nil
        }
        for position in pieces.indices {
            // Switching on the element in place, rather than on a copy made by `for piece in`,
            // copies only the payload bound: a copy of every piece cost an outlined copy and
            // destroy each.
            switch pieces[position] {
            case .text(let value):
                text.appendUTF8(of: value)
            case .textScalar(let scalar):
                text.appendUTF8(scalar)
            case .letter(let value):
                flush()
                nodes.append(italic(value))
                single = nil
            case .letterScalar(let scalar):
                flush()
                single = scalar.isASCIILetter ? (nodes.count, UInt8(truncatingIfNeeded: scalar.value), true) : nil
                nodes.append(italic(scalar))
            case .lineBreak:
                flush()
                nodes.append(.element("br", attributes: [], children: []))
                single = nil
            case .beginScript(let superscript):
                flush()
                open.append((superscript ? "sup" : "sub", nodes.count, superscript))
            case .beginStyle(let style):
                flush()
                open.append((HTMLSink.elementName(style) ?? "", nodes.count, nil))
            case .endScript, .endStyle:
                if !open.isEmpty { close() }
            }
        }
        while !open.isEmpty { close() }
        flush()
        text.removeAll(keepingCapacity: true)
    }

    /// The strings of the 128 ASCII characters, by value.
    private static let asciiStrings: [String] = (0..<128).map { String(Unicode.Scalar(UInt8($0))) }

    /// `sub` and `sup` elements of one ASCII character, as text or (letters) italic, built
    /// once and shared: scripts such as `x_k` and `x^2` are the commonest elements of
    /// formulas, and each would cost a children array to build and free.
    private static let scriptsOfOne: [HTMLNode] = (0..<512).map { index in
        let scalar = Unicode.Scalar(UInt8(index & 0x7F))
        let child = index & 0x80 != 0 ? italic(scalar) : .text(String(scalar))
        return .element(index & 0x100 != 0 ? "sup" : "sub", attributes: [], children: [child])
    }

    private static func scriptIndex(superscript: Bool, italic: Bool, byte: UInt8) -> Int {
        (superscript ? 0x100 : 0) | (italic ? 0x80 : 0) | Int(byte)
    }

    /// `<i>letter</i>`; the 52 plain ASCII letters, which are most math letters, are built
    /// once and shared instead of allocating a children array each time.
    static func italic(_ letter: String) -> HTMLNode {
        let utf8 = letter.utf8
        if utf8.count == 1, let byte = utf8.first, Unicode.Scalar(byte).isASCIILetter {
            return italicASCIILetters[Int(byte - 0x41)]
        }
        return .element("i", attributes: [], children: [.text(letter)])
    }

    /// Indexed by the letter's value minus that of `A` (the six punctuation marks between
    /// `Z` and `a` fill their slots and are never read).
    static func italic(_ letter: Unicode.Scalar) -> HTMLNode {
        if letter.isASCIILetter { return italicASCIILetters[Int(letter.value - 0x41)] }
        return .element("i", attributes: [], children: [.text(String(letter))])
    }

    private static let italicASCIILetters: [HTMLNode] = (0x41...0x7A).map { value in
        .element("i", attributes: [], children: [.text(String(Unicode.Scalar(UInt8(value))))])
    }

    /// "Simple" fraction parts and roots need no parentheses: letters, digits, `.`, primes and
    /// script characters, optionally after a leading radical. Decided on the pieces, as the
    /// plain text would read, stopping at the first other character: parts nest (up to the
    /// depth limit), so flattening every part at every level would cost depth × size.
    static func isSimple(_ pieces: ArraySlice<MathPiece>) -> Bool {
        var scripts: [Bool] = []
        var first = true
        for piece in pieces {
            switch piece {
            case .text(let text), .letter(let text):
                for scalar in text.unicodeScalars where !isSimple(scalar, first: &first, scripts: scripts) { return false }
            case .textScalar(let scalar), .letterScalar(let scalar):
                if !isSimple(scalar, first: &first, scripts: scripts) { return false }
            case .beginScript(let superscript):
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

    /// One scalar of `isSimple(_:)`'s walk: `first` is whether nothing came before it,
    /// `scripts` the scripts it is in.
    private static func isSimple(_ scalar: Unicode.Scalar, first: inout Bool, scripts: [Bool]) -> Bool {
        defer { first = false }
        if first && (scalar == "√" || scalar == "∛" || scalar == "∜") { return true }
        if let superscript = scripts.last {
            // A script that has no Unicode form falls back to `_x` / `^(…)`.
            let form = superscript ? UnicodeScripts.superscript(scalar) : UnicodeScripts.subscript(scalar)
            return form != nil
        }
        return isSimple(scalar)
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
