import Foundation

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
        _ = report.parseJSON(.snapshotRecord)
        return report.diagnostics.filter { $0.severity == .error }
    }
}

extension FileReport {
    /// Parses the file with Foundation, turning its complaints into positioned
    /// diagnostics. Invalid UTF-8 is caught first, because Foundation's message for it
    /// does not say which line is at fault.
    mutating func parseJSON(_ kind: JSONDocumentKind) -> Any? {
        if let bad = firstInvalidUTF8Offset(source.bytes) {
            let byte = source.bytes[bad]
            error("invalid-utf8", "invalid UTF-8 (byte 0x\(String(byte, radix: 16, uppercase: true))); save the file as UTF-8",
                  at: .byteOffset(bad))
            return nil
        }
        checksCharacters = mayHoldForbiddenCharacters(source.bytes)
        let parsed: Any
        do {
            // Parsed in place: the Data does not outlive the call, so no copy is needed.
            parsed = try source.bytes.withUnsafeBytes { buffer in
                let data = Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!),
                                count: buffer.count, deallocator: .none)
                // A file that is only `null` or `3` is well-formed JSON of the wrong
                // type: said as such by the caller, not as Foundation's "fragments" message.
                return try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            }
        } catch {
            let (message, offsetPastMark) = describeParseError(error)
            // Foundation leaves a byte order mark out of its offsets.
            let offset = offsetPastMark.map { $0 + JSONLocator(bytes: source.bytes).skipByteOrderMark(0) }
            // A `\u` escape of half a surrogate pair, which Foundation reports without a
            // place (at the end of the file): the escape itself is the mistake.
            if let lone = JSONLocator(bytes: source.bytes).firstLoneSurrogateEscape(), offset.map({ lone.offset < $0 }) ?? true {
                reportLoneSurrogate(lone.offset, codeUnit: lone.codeUnit)
                return nil
            }
            // Text after the document's value: Foundation says only "invalid value" there.
            if let stray = offset, JSONStrictness.textAfterTopLevelValue(in: source.bytes) == stray {
                self.error("malformed-json", "malformed JSON: text after the end of \(kind.object); \(kind.rule)",
                           at: .byteOffset(stray), fix: "remove it")
                return nil
            }
            // Foundation says only "invalid value" where a value directly follows another
            // or a member name: the commonest slips, a comma forgotten at the end of a line
            // or a colon after a name.
            switch offset.flatMap({ JSONStrictness.missingSeparator(before: $0, in: source.bytes) }) {
            case let .comma(at)?:
                self.error("malformed-json", "malformed JSON: a comma is missing after this value", at: .byteOffset(at), fix: "add `,` here")
            case let .colon(at)?:
                self.error("malformed-json", "malformed JSON: a colon is missing after this member name", at: .byteOffset(at), fix: "add `:` here")
            case nil:
                let at = offset ?? unrepresentableNumber(in: message) ?? source.bytes.count
                self.error("malformed-json", "malformed JSON: " + message, at: .byteOffset(at))
            }
            return nil
        }
        reportLeniencies()
        return parsed
    }

    /// Where the number of Foundation's "number 1e400 is not representable in Swift" is
    /// written, which Foundation does not say: the first time it stands alone in the file.
    private func unrepresentableNumber(in message: String) -> Int? {
        guard message.hasPrefix("number "), message.hasSuffix(" is not representable in Swift") else { return nil }
        let literal = Array(message.dropFirst(7).dropLast(30).utf8)
        guard !literal.isEmpty else { return nil }
        let bytes = source.bytes
        let partOfNumber: (UInt8) -> Bool = { (0x30...0x39).contains($0) || "+-.eE".utf8.contains($0) }
        var i = 0
        while i + literal.count <= bytes.count {
            if bytes[i..<(i + literal.count)].elementsEqual(literal),
               i == 0 || !partOfNumber(bytes[i - 1]), i + literal.count == bytes.count || !partOfNumber(bytes[i + literal.count]) {
                return i
            }
            i += 1
        }
        return nil
    }

    /// A `\u` escape of half a surrogate pair, as written (`\uD800`), at its backslash.
    private mutating func reportLoneSurrogate(_ offset: Int, codeUnit: Int) {
        let written = String(decoding: source.bytes[offset..<(offset + 6)], as: UTF8.self)
        let rule = codeUnit < 0xDC00
            ? "a high surrogate must be followed by a low one, `\\udc00` to `\\udfff`"
            : "a low surrogate must follow a high one, `\\ud800` to `\\udbff`"
        error("malformed-json", "malformed JSON: `\(written)` is a lone surrogate: \(rule)",
              at: .byteOffset(offset), fix: "write the character itself, or both escapes of its surrogate pair")
    }

    /// Errors for what Foundation accepted but JSON forbids. The document is still read
    /// (as Foundation understood it), so that its other problems are reported too.
    private mutating func reportLeniencies() {
        for problem in JSONStrictness.problems(in: source.bytes) {
            switch problem.kind {
            case let .trailingComma(closer):
                error("malformed-json", "malformed JSON: a comma before `\(closer)`; JSON allows none there, and other tools reject the file",
                      at: .byteOffset(problem.offset), fix: "remove the comma")
            case let .repeatedName(name, firstAt):
                error("duplicate-key", "`\(name)` is given twice in this object; only this last value would count",
                      at: .byteOffset(problem.offset), fix: "keep one `\(name)`",
                      notes: [note("first given here", at: .byteOffset(firstAt))])
            }
        }
    }

    /// Foundation's NSDebugDescription reads "Invalid value around character 17." where
    /// 17 is a 0-based BYTE offset (checked with non-ASCII text before the error). The
    /// offset is cut out of the message and returned on its own; messages without one
    /// ("Unexpected end of file") are placed at the end of the file.
    private func describeParseError(_ error: Error) -> (String, Int?) {
        let text = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? "the file is not valid JSON"
        var message = text
        var offset: Int? = nil
        for marker in [" around character ", " at "] {
            guard let range = text.range(of: marker, options: .backwards) else { continue }
            let digits = text[range.upperBound...].prefix { $0.isASCIIDigit }
            guard let n = Int(digits), text[range.upperBound...].dropFirst(digits.count).allSatisfy({ $0 == "." }) else { continue }
            offset = n
            message = String(text[..<range.lowerBound])
            break
        }
        if message.hasSuffix(".") { message.removeLast() }
        if let first = message.first { message = first.lowercased() + message.dropFirst() }
        return (message, offset)
    }
}
