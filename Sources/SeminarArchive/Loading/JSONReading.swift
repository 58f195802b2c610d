/// What a JSON file of the archive holds, for messages about the file as a whole.
enum JSONDocumentKind {
    case talk, seminar, snapshotRecord

    /// The one object the file holds: "the talk's object".
    var object: String {
        switch self {
        case .talk: "the talk's object"
        case .seminar: "the seminar's object"
        case .snapshotRecord: "the record's object"
        }
    }
    /// "a talk file holds one JSON object".
    var rule: String {
        switch self {
        case .talk: "a talk file holds one JSON object"
        case .seminar: "seminar.json holds one JSON object"
        case .snapshotRecord: "a snapshot record holds one JSON object"
        }
    }
}

extension JSONSourceFile {
    /// The syntax problems of a snapshot record (`archive/snapshots/YEAR.json`), placed and
    /// worded as those of a talk file; empty when the file is well-formed JSON.
    public func snapshotRecordSyntaxProblems() -> [Diagnostic] {
        var report = FileReport(source: self)
        _ = report.readJSON(.snapshotRecord)
        return report.diagnostics.filter { $0.severity == .error }
    }
}

extension FileReport {
    /// Reads the file with the archive's JSON reader, turning its complaints into
    /// diagnostics, and keeps the document in `source` so that later problems are placed
    /// without reading the file again. A comma before a closing bracket and a repeated
    /// member name are errors, but the document is still read (as other JSON readers
    /// would understand it), so that its other problems are reported too.
    mutating func readJSON(_ kind: JSONDocumentKind) -> JSONValue? {
        let reading = JSONReader.read(source.bytes)
        for leniency in reading.leniencies {
            switch leniency {
            case let .trailingComma(comma, closer):
                error("malformed-json", "malformed JSON: a comma before `\(closer)`; JSON allows none there, and other tools reject the file",
                      at: .byteOffset(comma), fix: "remove the comma")
            case let .repeatedName(name, offset, firstAt):
                error("duplicate-key", "`\(name)` is given twice in this object; only this last value would count",
                      at: .byteOffset(offset), fix: "keep one `\(name)`",
                      notesHere: [("first given here", .byteOffset(firstAt))])
            }
        }
        if let syntax = reading.error {
            let message = switch syntax.reason {
            case .invalidUTF8(let byte):
                "invalid UTF-8 (byte 0x\(String(byte, radix: 16, uppercase: true))); save the file as UTF-8"
            case .textAfterValue: "malformed JSON: text after the end of \(kind.object); \(kind.rule)"
            case .noValue: "malformed JSON: the file holds no value; \(kind.rule)"
            case .malformed(let words): "malformed JSON: " + words
            }
            let code = if case .invalidUTF8 = syntax.reason { "invalid-utf8" } else { "malformed-json" }
            error(code, message, at: .byteOffset(syntax.offset), fix: syntax.fix,
                  notes: syntax.note.map { [note($0.message, at: .byteOffset($0.offset))] } ?? [])
        }
        source.document = reading.root
        return reading.root
    }
}
