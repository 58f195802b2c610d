/// HTML as one flat list of events in document order (an element's start, text, an
/// element's end), its text in one UTF-8 buffer: the one form every renderer builds and
/// every writer reads (a web page keeps it as `CompactHTML`, its bytes). A tree of nodes
/// would cost an array per element and a string per text, to build and as much again to
/// free; a fragment costs two arrays in all. The caller serializes it (with libxml2): the
/// renderers never escape, and never produce scripts or style attributes.
///
/// Walk it as a collection of `Event`s (`for event in fragment`).
public struct HTMLFragment: Sendable {
    public enum Event: Sendable, Equatable {
        case start(name: String, attributes: [HTMLAttribute])
        case text(String)
        /// Ends the innermost open element.
        case end
    }

    /// An event, or one attribute of the start right before it. A plain value: there is
    /// nothing to release, so freeing the list costs nothing per record.
    struct Record {
        enum Kind: UInt8 { case text, start, attribute, end }
        var kind: Kind
        /// A text's text; a start's or an attribute's name.
        var string: StringReference = .none
        /// An attribute's value.
        var value: StringReference = .none
    }

    /// A string of the fragment: `count` bytes of `utf8` from `offset`, or a `Word`.
    struct StringReference {
        var offset: UInt32
        var count: UInt32

        /// `count` of a word, whose raw value is then `offset`.
        private static let wordMark = UInt32.max

        static let none = StringReference(offset: 0, count: 0)

        init(offset: Int, count: Int) {
            self.offset = UInt32(offset)
            self.count = UInt32(count)
        }

        init(_ word: Word) {
            offset = word.rawValue
            count = Self.wordMark
        }

        var word: Word? { count == Self.wordMark ? Word(rawValue: offset) : nil }
    }

    /// The names and values the renderer writes over and over: referred to, not copied.
    enum Word: UInt32, CaseIterable {
        case p, em, strong, code, a, br, span, div, ol, ul, li, i, sub, sup, `class`, href, math, mathDisplay

        var string: String {
            switch self {
            case .p: "p"
            case .em: "em"
            case .strong: "strong"
            case .code: "code"
            case .a: "a"
            case .br: "br"
            case .span: "span"
            case .div: "div"
            case .ol: "ol"
            case .ul: "ul"
            case .li: "li"
            case .i: "i"
            case .sub: "sub"
            case .sup: "sup"
            case .class: "class"
            case .href: "href"
            case .math: "math"
            case .mathDisplay: "math display"
            }
        }
    }

    private(set) var records: [Record] = []
    /// The bytes of every stored string, one after another. The renderer appends a text's
    /// bytes here as it goes; `endText()` makes them a text event.
    var utf8: [UInt8] = []
    /// Where the bytes not yet in any record start in `utf8`.
    private var textStart = 0

    public init() {}

    mutating func reserveCapacity(records recordCount: Int, utf8 byteCount: Int) {
        records.reserveCapacity(recordCount)
        utf8.reserveCapacity(byteCount)
    }

    // MARK: Building

    public mutating func startElement(_ name: String, attributes: [HTMLAttribute] = []) {
        endText()
        records.append(Record(kind: .start, string: store(name)))
        for attribute in attributes {
            records.append(Record(kind: .attribute, string: store(attribute.name), value: store(attribute.value)))
        }
    }

    public mutating func appendText(_ text: String) {
        endText()
        records.append(Record(kind: .text, string: store(text)))
    }

    public mutating func endElement() {
        endText()
        records.append(Record(kind: .end))
    }

    /// An attribute the renderer writes: a word for its name, and its value.
    typealias WordAttribute = (name: Word, value: StringReference)

    /// A start without attributes, or with one: all the renderer writes.
    mutating func start(_ name: Word, attribute: WordAttribute? = nil) {
        endText()
        records.append(Record(kind: .start, string: StringReference(name)))
        if let attribute {
            records.append(Record(kind: .attribute, string: StringReference(attribute.name), value: attribute.value))
        }
    }

    // MARK: Editing what was just built (for the MathML builder)

    /// Where the fragment ends now: a mark to come back to (`truncate`) or to wrap from.
    struct Mark {
        var records: Int
        var utf8: Int
    }

    var mark: Mark {
        mutating get {
            endText()
            return Mark(records: records.count, utf8: utf8.count)
        }
    }

    /// Adds an attribute to the start just appended (attributes follow their start).
    mutating func appendAttribute(_ name: String, _ value: String) {
        records.append(Record(kind: .attribute, string: store(name), value: store(value)))
    }

    /// Forgets everything appended since `mark`.
    mutating func truncate(to mark: Mark) {
        records.removeSubrange(mark.records...)
        utf8.removeSubrange(mark.utf8...)
        textStart = utf8.count
    }

    /// How many nodes (elements and texts) were appended at the top level since `mark`.
    func topLevelNodes(since mark: Mark) -> Int {
        var count = 0, depth = 0
        for record in records[mark.records...] {
            switch record.kind {
            case .start:
                if depth == 0 { count += 1 }
                depth += 1
            case .text:
                if depth == 0 { count += 1 }
            case .end:
                depth -= 1
            case .attribute:
                break
            }
        }
        return count
    }

    /// Whether what was appended since `mark` is one element named `name`.
    func isSingleElement(_ name: String, since mark: Mark) -> Bool {
        mark.records < records.count && records[mark.records].kind == .start
            && string(records[mark.records].string) == name && topLevelNodes(since: mark) == 1
    }

    /// Puts everything appended since `mark` into an element `name`, without attributes.
    mutating func wrap(since mark: Mark, in name: String) {
        let start = Record(kind: .start, string: store(name))
        records.insert(start, at: mark.records)
        records.append(Record(kind: .end))
    }

    /// Adds an attribute to the element that starts at `mark`, after its own.
    mutating func addAttribute(_ name: String, _ value: String, toElementAt mark: Mark) {
        var position = mark.records + 1
        while position < records.count && records[position].kind == .attribute { position += 1 }
        records.insert(Record(kind: .attribute, string: store(name), value: store(value)), at: position)
    }

    /// Makes the bytes appended to `utf8` since the last record a text event, if there are any.
    mutating func endText() {
        guard utf8.count > textStart else { return }
        records.append(Record(kind: .text, string: StringReference(offset: textStart, count: utf8.count - textStart)))
        textStart = utf8.count
    }

    /// Removes the last record (an element start with nothing after it).
    mutating func removeLastRecord() {
        records.removeLast()
    }

    /// Copies a string's bytes into `utf8`, after ending the text before them.
    mutating func store(_ string: String) -> StringReference {
        endText()
        let offset = utf8.count
        utf8.appendUTF8(of: string)
        textStart = utf8.count
        return StringReference(offset: offset, count: utf8.count - offset)
    }

    // MARK: Reading

    func string(_ reference: StringReference) -> String {
        if let word = reference.word { return word.string }
        let start = Int(reference.offset)
        return String(validUTF8: utf8, start..<(start + Int(reference.count)))
    }
}

extension HTMLFragment {
    /// An event with its strings as UTF-8 lent by the fragment, valid only during the call
    /// that gets it. A start's attributes follow it, one event each.
    public enum BorrowedEvent {
        case start(name: UnsafeBufferPointer<UInt8>)
        case attribute(name: UnsafeBufferPointer<UInt8>, value: UnsafeBufferPointer<UInt8>)
        case text(UnsafeBufferPointer<UInt8>)
        case end
    }

    /// Every event in order, its strings lent as UTF-8: for consumers that copy the bytes
    /// anyway (an encoder into bytes), which the `String` of each event that iterating
    /// makes would only cost. (A serializer handing each text to libxml2 gains nothing by
    /// it: it must copy the bytes to add the NUL, which costs what making the `String` did.)
    public func forEachBorrowedEvent<E: Error>(_ body: (BorrowedEvent) throws(E) -> Void) throws(E) {
        try Self.wordsUTF8.withUnsafeBufferPointer { (words) throws(E) in
            try utf8.withUnsafeBufferPointer { (text) throws(E) in
                func bytes(_ reference: StringReference) -> UnsafeBufferPointer<UInt8> {
                    if let word = reference.word {
                        return UnsafeBufferPointer(rebasing: words[Self.wordRanges[Int(word.rawValue)]])
                    }
                    let start = Int(reference.offset)
                    return UnsafeBufferPointer(rebasing: text[start..<(start + Int(reference.count))])
                }
                for record in records {
                    switch record.kind {
                    case .start: try body(.start(name: bytes(record.string)))
                    case .attribute: try body(.attribute(name: bytes(record.string), value: bytes(record.value)))
                    case .text: try body(.text(bytes(record.string)))
                    case .end: try body(.end)
                    }
                }
            }
        }
    }

    /// The UTF-8 of every `Word`, one after another, and where each one is.
    private static let wordsUTF8: [UInt8] = Array(Word.allCases.map(\.string).joined().utf8)
    private static let wordRanges: [Range<Int>] = {
        var start = 0
        return Word.allCases.map { word in
            defer { start += word.string.utf8.count }
            return start..<(start + word.string.utf8.count)
        }
    }()
}

extension HTMLFragment: Collection {
    public var startIndex: Int { 0 }
    public var endIndex: Int { records.count }

    /// The next event's record: past the attributes of a start.
    public func index(after position: Int) -> Int {
        var next = position + 1
        while next < records.count && records[next].kind == .attribute { next += 1 }
        return next
    }

    public subscript(position: Int) -> Event {
        let record = records[position]
        switch record.kind {
        case .text:
            return .text(string(record.string))
        case .start:
            var attributes: [HTMLAttribute] = []
            var next = position + 1
            while next < records.count && records[next].kind == .attribute {
                attributes.append(HTMLAttribute(name: string(records[next].string), value: string(records[next].value)))
                next += 1
            }
            return .start(name: string(record.string), attributes: attributes)
        case .attribute:
            preconditionFailure("an attribute is part of its start's event")
        case .end:
            return .end
        }
    }
}

extension HTMLFragment: Equatable {
    /// The same events: how the strings are stored does not matter.
    public static func == (lhs: HTMLFragment, rhs: HTMLFragment) -> Bool {
        lhs.elementsEqual(rhs)
    }
}
