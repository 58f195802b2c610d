import LaTeX

/// An `HTMLFragment` kept as one byte buffer: its events, in less room. A build keeps the
/// abstract and the formulas of every talk it publishes, for the web page, until the page
/// is written; as a tree of nodes (an array per element, a string per text, each its own
/// allocation) 10,000 abstracts took about 70 MB, as bytes they take about the size of
/// their text, and less than the fragment itself, whose events take twenty bytes each
/// besides their text. It is the fragment's storage, not another form: it is made from a
/// fragment and read back as its events.
///
/// The buffer is a sequence of records, in document order: a kind byte, then strings. A
/// string is a number (LEB128): twice its length, followed by its UTF-8 bytes, or, for a
/// name or an attribute value that is one of `words`, twice its place there plus one.
/// - text: `0`, the text;
/// - element start: `1`, the name;
/// - element end: `2`;
/// - attribute of the start before it: `3`, the name and the value.
struct CompactHTML: Sendable, Equatable, Sequence {
    private(set) var bytes: [UInt8]

    fileprivate enum Kind: UInt8 {
        case text, start, end, attribute
    }

    /// The fragment's events; with `emptyingClasses`, the elements whose `class` is one of
    /// them are kept without what they hold (their start, attributes and end only).
    init(_ fragment: HTMLFragment, emptyingClasses emptied: Set<[UInt8]> = []) {
        var out: [UInt8] = []
        /// Open elements of an element being emptied, itself included; 0 outside one.
        var inside = 0
        /// Whether the last start was kept, and so its attributes are.
        var keptStart = false
        // Borrowed events: the bytes are copied straight in, with no String made for each.
        fragment.forEachBorrowedEvent { event in
            switch event {
            case let .text(text):
                guard inside == 0 else { return }
                out.append(Kind.text.rawValue)
                Self.append(text, to: &out)
            case let .start(name):
                keptStart = inside == 0
                if inside > 0 { inside += 1; return }
                out.append(Kind.start.rawValue)
                Self.append(name: name, to: &out)
            case let .attribute(name, value):
                guard keptStart else { return }
                out.append(Kind.attribute.rawValue)
                Self.append(name: name, to: &out)
                Self.append(name: value, to: &out)
                if inside == 0, !emptied.isEmpty, name.elementsEqual("class".utf8), emptied.contains(Array(value)) {
                    inside = 1
                }
            case .end:
                if inside > 0 {
                    inside -= 1
                    // The end of an element within the emptied one is left out with it.
                    if inside > 0 { return }
                }
                out.append(Kind.end.rawValue)
            }
        }
        // Copied once more at its exact size: the growing array has up to twice the room.
        bytes = out.withUnsafeBufferPointer { Array($0) }
    }

    func makeIterator() -> Iterator { Iterator(reader: Reader(bytes: bytes)) }

    // MARK: Encoding

    private static func append(_ utf8: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        append(utf8.count << 1, to: &out)
        out.append(contentsOf: utf8)
    }

    /// A name or a value: one of `words` as its place.
    private static func append(name utf8: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        guard let word = word(utf8) else { return append(utf8, to: &out) }
        append(word << 1 | 1, to: &out)
    }

    // MARK: Words

    /// The names and attribute values that the LaTeX renderers write over and over, HTML's
    /// and MathML's, kept as their place in this list (one byte) rather than spelt out:
    /// formulas are mostly names (`<mi>x</mi>`), and this takes two fifths off the bytes a
    /// build keeps for the formulas of every talk, a fifth off its abstracts' (in memory
    /// only: nothing stores this encoding).
    static let words = [
        "math", "mrow", "mi", "mo", "mn", "mtext", "msub", "msup", "msubsup", "mfrac", "msqrt", "mroot", "mover", "munder",
        "munderover", "mspace", "mtable", "mtr", "mtd", "alttext", "display", "block", "stretchy", "mathvariant", "normal",
        "true", "false", "width", "accent", "accentunder", "movablelimits", "linethickness", "fence", "displaystyle", "0",
        "span", "div", "class", "math display", "href", "title", "i", "sub", "sup", "em", "strong", "code", "p", "a", "br",
        "ol", "ul", "li",
    ]
    /// All the words' bytes, one after another, and where each one is.
    private static let wordBytes: [UInt8] = Array(words.joined().utf8)
    private static let wordRanges: [Range<Int>] = {
        var start = 0
        return words.map { word in
            defer { start += word.utf8.count }
            return start..<(start + word.utf8.count)
        }
    }()
    /// The places of the words of each length, for the encoder's lookup.
    private static let wordsOfLength: [[Int]] = {
        var table = [[Int]](repeating: [], count: 1 + (words.map(\.utf8.count).max() ?? 0))
        for (i, word) in words.enumerated() { table[word.utf8.count].append(i) }
        return table
    }()

    /// The place of `utf8` in `words`, if it is one.
    private static func word(_ utf8: UnsafeBufferPointer<UInt8>) -> Int? {
        guard utf8.count < wordsOfLength.count else { return nil }
        return wordBytes.withUnsafeBufferPointer { all in
            wordsOfLength[utf8.count].first { UnsafeBufferPointer(rebasing: all[wordRanges[$0]]).elementsEqual(utf8) }
        }
    }

    /// LEB128: seven bits a byte, the high bit set on every byte but the last.
    private static func append(_ number: Int, to out: inout [UInt8]) {
        var rest = UInt(number)
        while rest >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        out.append(UInt8(rest))
    }

    /// Read back as the events it was made of, straight from the bytes: the web page
    /// walks every abstract so, and making a fragment first would cost as much again.
    struct Iterator: IteratorProtocol {
        fileprivate var reader: Reader

        mutating func next() -> HTMLFragment.Event? {
            switch reader.kind() {
            case .text?:
                return .text(reader.string())
            case .start?:
                let name = reader.string()
                var attributes: [HTMLAttribute] = []
                while reader.next(is: .attribute) {
                    attributes.append(HTMLAttribute(name: reader.string(), value: reader.string()))
                }
                return .start(name: name, attributes: attributes)
            case .end?:
                return .end
            case .attribute?, nil:
                return nil  // an attribute is read with its start; a stray one ends the walk
            }
        }
    }

    /// One record, its strings as UTF-8 bytes borrowed from the buffer: valid only during
    /// the call that hands it out.
    enum BorrowedRecord {
        case text(UnsafeBufferPointer<UInt8>)
        case start(name: UnsafeBufferPointer<UInt8>)
        /// Of the start just handed out.
        case attribute(name: UnsafeBufferPointer<UInt8>, value: UnsafeBufferPointer<UInt8>)
        case end
    }

    /// The records one top-level piece (an element and all it holds, or a text) at a time,
    /// borrowed: for the page's formulas, written into its tree straight from the bytes.
    func pieces() -> Pieces { Pieces(reader: Reader(bytes: bytes)) }

    struct Pieces {
        fileprivate var reader: Reader

        /// Hands the records of the next piece to `body`, in order; false when there was
        /// none, or the buffer ended inside it. An attribute that does not follow a start
        /// ends the walk, as it ends the events' (`Iterator`), and so does an end with
        /// nothing open: neither is what the renderer writes, and no record reaches `body`
        /// for an element it was not handed the start of.
        mutating func next(_ body: (BorrowedRecord) throws(PageMarkupError) -> Void) throws(PageMarkupError) -> Bool {
            var reader = self.reader
            defer { self.reader = reader }
            let bytes = reader.bytes
            return try bytes.withUnsafeBufferPointer { buffer throws(PageMarkupError) -> Bool in
                try CompactHTML.wordBytes.withUnsafeBufferPointer { words throws(PageMarkupError) -> Bool in
                    var depth = 0
                    var afterStart = false
                    while let kind = reader.kind() {
                        switch kind {
                        case .text: try body(.text(reader.utf8(in: buffer, words: words)))
                        case .start:
                            try body(.start(name: reader.utf8(in: buffer, words: words)))
                            depth += 1
                        case .attribute:
                            guard afterStart else { return false }
                            try body(.attribute(name: reader.utf8(in: buffer, words: words), value: reader.utf8(in: buffer, words: words)))
                        case .end:
                            guard depth > 0 else { return false }
                            try body(.end)
                            depth -= 1
                        }
                        afterStart = kind == .start || kind == .attribute
                        if depth == 0 { return true }
                    }
                    return false
                }
            }
        }
    }

    fileprivate struct Reader {
        let bytes: [UInt8]
        var at = 0

        mutating func kind() -> Kind? {
            guard at < bytes.count else { return nil }
            defer { at += 1 }
            return Kind(rawValue: bytes[at])
        }

        /// Whether the next record is of `kind`, which is then read.
        mutating func next(is kind: Kind) -> Bool {
            guard at < bytes.count, bytes[at] == kind.rawValue else { return false }
            at += 1
            return true
        }

        mutating func number() -> Int {
            var value: UInt = 0
            var shift: UInt = 0
            while true {
                let byte = bytes[at]
                at += 1
                value |= UInt(byte & 0x7F) << shift
                if byte < 0x80 { return Int(value) }
                shift += 7
            }
        }

        /// The next string's bytes, in `buffer` (the bytes') or in `words` (`wordBytes`).
        mutating func utf8(in buffer: UnsafeBufferPointer<UInt8>, words: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
            let number = number()
            if number & 1 == 1 { return UnsafeBufferPointer(rebasing: words[CompactHTML.wordRanges[number >> 1]]) }
            let count = number >> 1
            defer { at += count }
            return UnsafeBufferPointer(rebasing: buffer[at..<(at + count)])
        }

        /// The bytes came from a Swift string: valid UTF-8, decoded without repair.
        mutating func string() -> String {
            let number = number()
            if number & 1 == 1 { return CompactHTML.words[number >> 1] }
            let count = number >> 1
            defer { at += count }
            return String(decoding: bytes[at..<(at + count)], as: UTF8.self)
        }
    }
}
