/// Unicode plain text, for feeds and terminals: math becomes readable Unicode (ℝᵈ, x₁, ½ as
/// 1/2), markup disappears, and whatever cannot be rendered stays as its TeX source.
/// Math follows `rules` (`LaTeX.docc/LinearText.md`); documents of snapshot formats 1–3
/// keep `.original`.
public enum PlainTextRenderer {
    public static func render(_ source: String, rules: LinearMathRules = .unambiguous) -> String {
        render(LaTeXParser.parse(source), rules: rules)
    }

    public static func render(_ tree: SyntaxTree, rules: LinearMathRules = .unambiguous) -> String {
        var renderer = TextRenderer(tree: tree, sink: PlainTextSink(capacity: tree.source.count + 16), rules: rules)
        renderer.renderNode(Int32(tree.root))
        return renderer.sink.finish()
    }
}

/// Builds UTF-8 bytes directly: cheaper than growing a `String` scalar by scalar.
struct PlainTextSink: TextSink {
    /// Whitespace waiting for the next visible text; the strongest kind wins, and none is
    /// written at the very start or end, which trims the result.
    enum Break: Int, Comparable {
        case none, space, newline, paragraph
        static func < (a: Break, b: Break) -> Bool { a.rawValue < b.rawValue }
    }

    /// A space waits in `pending` and is written before the next text, which is not the start.
    static var keepsSingleSpacesInRuns: Bool { true }
    var bytes: [UInt8] = []
    var pending = Break.none
    /// Item counters of the open lists; nil for bullet lists.
    var lists: [Int?] = []
    /// Scratch for `MathPieces.appendPlain`.
    var mathScripts: MathPieces.ScriptStack = []

    /// The top-level sink reserves about the source size; nested ones (labels, accent
    /// bases) stay small.
    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    mutating func flush() {
        if !bytes.isEmpty {
            switch pending {
            case .none: break
            case .space: bytes.append(0x20)
            case .newline: bytes.append(0x0A)
            case .paragraph: bytes.append(contentsOf: [0x0A, 0x0A])
            }
        }
        pending = .none
    }

    mutating func append(_ text: String) {
        guard !text.isEmpty else { return }
        flush()
        bytes.appendUTF8(of: text)
    }

    mutating func append(stringUTF8: UnsafeBufferPointer<UInt8>) {
        guard !stringUTF8.isEmpty else { return }
        flush()
        bytes.appendUTF8(of: stringUTF8)
    }

    mutating func append(utf8: Span<UInt8>) {
        flush()
        utf8.withUnsafeBufferPointer { bytes.append(contentsOf: $0) }
    }

    mutating func space() { pending = max(pending, .space) }
    mutating func lineBreak() { pending = max(pending, .newline) }
    mutating func paragraphBreak() { pending = .paragraph }
    mutating func beginStyle(_ style: TextStyle) {}
    mutating func endStyle(_ style: TextStyle) {}
    mutating func beginLink(url: String, showURL: Bool) {}

    mutating func endLink(url: String, showURL: Bool) {
        if showURL {
            space()
            append("(" + url + ")")
        }
    }

    mutating func math(_ list: MathPieceList, display: Bool) {
        if !display {
            // Straight into the output: inline math is most of the rendering work.
            let (start, before) = (bytes.count, pending)
            flush()
            let contentStart = bytes.count
            MathPieces.appendPlain(list, to: &bytes, scripts: &mathScripts)
            if bytes.count == contentStart {
                // Empty math (`${}$`) is not text: the whitespace before it still waits.
                bytes.removeSubrange(start...)
                pending = before
            }
            return
        }
        let text = MathPieces.plain(list)
        if display {
            // A display sits on lines of its own; spaces around it are dropped.
            lineBreak()
            append(trimmed(text))
            lineBreak()
        } else {
            append(text)
        }
    }

    func trimmed(_ text: String) -> String {
        var scalars = text.unicodeScalars[...]
        while let first = scalars.first, first == " " { scalars.removeFirst() }
        while let last = scalars.last, last == " " { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }

    mutating func beginList(ordered: Bool) {
        lineBreak()
        lists.append(ordered ? 0 : nil)
    }

    mutating func beginItem(label: String?) {
        lineBreak()
        var marker = "•"
        if let counter = lists.last, let number = counter {
            lists[lists.count - 1] = number + 1
            marker = "\(number + 1)."
        }
        append(label ?? marker)
        space()
    }

    mutating func endList() {
        if !lists.isEmpty { lists.removeLast() }
        lineBreak()
    }

    mutating func finish() -> String {
        // Text appended with its own edge spaces (math, footnotes) may still leave some.
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x0A { end -= 1 }
        var start = 0
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x0A { start += 1 }
        return String(validUTF8: bytes[start..<end])
    }
}
