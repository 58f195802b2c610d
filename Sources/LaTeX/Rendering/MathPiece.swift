/// Rendered math before serialization. Both renderers share everything up to this point;
/// they differ only in how scripts (Unicode characters vs `sub`/`sup`) and letters (plain vs
/// `i`) come out. The list is flat, with begin/end markers, so serializing needs no recursion.
public enum MathPiece: Sendable, Equatable {
    case text(String)
    /// A Latin letter of math (possibly with combining accents): italic in HTML.
    case letter(String)
    case lineBreak
    case beginScript(superscript: Bool)
    case endScript
    case beginStyle(TextStyle)
    case endStyle
}

enum MathPieces {
    /// The plain-text form: scripts become Unicode script characters when every character has
    /// one, and `_x` / `^(…)` otherwise.
    static func plain(_ pieces: ArraySlice<MathPiece>) -> String {
        var bytes: [UInt8] = []
        appendPlain(pieces, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Writes the plain form as UTF-8. Scripts are written in place and converted when they
    /// end, so the common case copies each piece once.
    static func appendPlain(_ pieces: ArraySlice<MathPiece>, to bytes: inout [UInt8]) {
        var scripts: [(start: Int, superscript: Bool)] = []
        for piece in pieces {
            switch piece {
            case .text(let text), .letter(let text):
                bytes.append(contentsOf: text.utf8)
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

    private static func convertScript(_ bytes: inout [UInt8], from start: Int, superscript: Bool) {
        guard start < bytes.count else { return }
        let script = String(decoding: bytes[start...], as: UTF8.self)
        bytes.removeSubrange(start...)
        bytes.append(contentsOf: scriptForm(script, superscript: superscript).utf8)
    }

    static func scriptForm(_ script: String, superscript: Bool) -> String {
        if script.isEmpty { return "" }
        var converted: [UInt8] = []
        for scalar in script.unicodeScalars {
            guard let form = superscript ? UnicodeScripts.superscript(scalar) : UnicodeScripts.subscript(scalar) else {
                let marker = superscript ? "^" : "_"
                return script.count > 1 ? marker + "(" + script + ")" : marker + script
            }
            converted.appendUTF8(CollectionOfOne(form))
        }
        return String(decoding: converted, as: UTF8.self)
    }

    /// The HTML form: text nodes, `i` for letters, `sub`/`sup` for scripts.
    static func html(_ pieces: ArraySlice<MathPiece>) -> [HTMLNode] {
        var stack: [(name: String, children: [HTMLNode])] = [("", [])]
        // Adjacent text pieces merge into one node; gathering their UTF-8 and decoding once
        // is cheaper than growing a `String` piece by piece.
        var text: [UInt8] = []
        func flush() {
            if !text.isEmpty {
                stack[stack.count - 1].children.append(.text(String(decoding: text, as: UTF8.self)))
                text.removeAll(keepingCapacity: true)
            }
        }
        func close() {
            flush()
            let (name, children) = stack.removeLast()
            if name.isEmpty {
                stack[stack.count - 1].children.append(contentsOf: children)
            } else {
                stack[stack.count - 1].children.append(.element(name, attributes: [], children: children))
            }
        }
        for piece in pieces {
            switch piece {
            case .text(let value):
                text.append(contentsOf: value.utf8)
            case .letter(let value):
                flush()
                stack[stack.count - 1].children.append(.element("i", attributes: [], children: [.text(value)]))
            case .lineBreak:
                flush()
                stack[stack.count - 1].children.append(.element("br", attributes: [], children: []))
            case .beginScript(let superscript):
                flush()
                stack.append((superscript ? "sup" : "sub", []))
            case .beginStyle(let style):
                flush()
                stack.append((HTMLSink.elementName(style) ?? "", []))
            case .endScript, .endStyle:
                if stack.count > 1 { close() }
            }
        }
        while stack.count > 1 { close() }
        flush()
        return stack[0].children
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
                for scalar in text.unicodeScalars {
                    defer { first = false }
                    if first && (scalar == "√" || scalar == "∛" || scalar == "∜") { continue }
                    if let superscript = scripts.last {
                        // A script that has no Unicode form falls back to `_x` / `^(…)`.
                        let form = superscript ? UnicodeScripts.superscript(scalar) : UnicodeScripts.subscript(scalar)
                        if form == nil { return false }
                    } else if !isSimple(scalar) {
                        return false
                    }
                }
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
