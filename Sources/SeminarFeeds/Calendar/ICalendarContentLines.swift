import SeminarArchive

/// The bytes of an iCalendar stream being written, one content line at a time
/// (RFC 5545 §3.1): every line ends in CRLF and is folded so that no physical line
/// exceeds 75 octets, cutting only between UTF-8 characters so that a reader that
/// looks at lines before unfolding never sees half a character.
struct ICalendarContentLines {
    private(set) var bytes: [UInt8] = []
    /// The logical line being written, folded into `bytes` once it is whole. Kept, so
    /// that every line reuses its storage: the lines were built as strings, a few
    /// allocations and copies each, and that was about a quarter of a calendar's time.
    private var logical: [UInt8] = []

    static let maximumLineOctets = 75

    /// Hands the lines written so far to `sink`, and forgets them.
    mutating func drain(into sink: any ByteSink) throws {
        try sink.write(bytes)
        bytes.removeAll(keepingCapacity: true)
    }

    /// Lines written elsewhere, as they were written.
    mutating func append(_ written: [UInt8]) { bytes.append(contentsOf: written) }

    mutating func begin(_ component: String) { property("BEGIN", value: component) }
    mutating func end(_ component: String) { property("END", value: component) }

    /// A property whose value is TEXT: escaped here.
    mutating func text(_ name: String, _ value: String, parameters: [(String, String)] = []) {
        line(name, parameters) { Self.appendText(value, to: &$0) }
    }

    /// A property whose TEXT value is a list, such as CATEGORIES: each item escaped,
    /// the commas between them not.
    mutating func textList(_ name: String, _ values: [String]) {
        line(name, []) { line in
            for (i, value) in values.enumerated() {
                if i > 0 { line.append(UInt8(ascii: ",")) }
                Self.appendText(value, to: &line)
            }
        }
    }

    /// A property whose value is already in its iCalendar form (dates, integers,
    /// URIs, recurrence rules).
    mutating func property(_ name: String, parameters: [(String, String)] = [], value: String) {
        line(name, parameters) { Self.appendWithoutControlCharacters(value, to: &$0) }
    }

    /// Writes one logical line (`NAME;KEY=VALUE:value`), folded: the first physical line
    /// holds up to 75 octets, every continuation line a space and up to 74 more.
    private mutating func line(_ name: String, _ parameters: [(String, String)], value: (inout [UInt8]) -> Void) {
        logical.removeAll(keepingCapacity: true)
        logical.append(contentsOf: name.utf8)
        for (key, parameterValue) in parameters {
            logical.append(UInt8(ascii: ";"))
            logical.append(contentsOf: key.utf8)
            logical.append(UInt8(ascii: "="))
            Self.appendParameterValue(parameterValue, to: &logical)
        }
        logical.append(UInt8(ascii: ":"))
        value(&logical)

        var start = 0
        var limit = Self.maximumLineOctets
        while true {
            var cut = min(start + limit, logical.count)
            // Back off to the first byte of a UTF-8 sequence: continuation bytes are 10xxxxxx.
            while cut < logical.count, cut > start, logical[cut] & 0xC0 == 0x80 { cut -= 1 }
            bytes.append(contentsOf: logical[start..<cut])
            bytes.append(0x0D)
            bytes.append(0x0A)
            if cut >= logical.count { return }
            bytes.append(0x20)
            start = cut
            limit = Self.maximumLineOctets - 1
        }
    }

    // MARK: Values
    //
    // Everything escaped, quoted or dropped is ASCII, and a multi-byte UTF-8 character
    // never contains an ASCII byte: values are handled as bytes, and the bytes of the
    // other characters are copied as they are.

    /// TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon and comma are escaped,
    /// line breaks (CRLF, CR or LF) become `\n`, and other control characters, which
    /// TEXT may not contain, are dropped.
    static func appendText(_ value: String, to out: inout [UInt8]) {
        var value = value
        value.withUTF8 { utf8 in
            // Runs of bytes that need nothing are copied whole: that is nearly all of them.
            var run = 0
            for (i, byte) in utf8.enumerated() where byte < 0x20 || byte == 0x7F || byte == 0x5C || byte == 0x3B || byte == 0x2C {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<i]))
                run = i + 1
                switch byte {
                case 0x5C, 0x3B, 0x2C:  // \ ; ,
                    out.append(0x5C)
                    out.append(byte)
                case 0x0D:
                    out.append(0x5C)
                    out.append(0x6E)  // \n
                case 0x0A:
                    // CRLF is one line break, already written for the CR.
                    if i == 0 || utf8[i - 1] != 0x0D {
                        out.append(0x5C)
                        out.append(0x6E)
                    }
                case 0x09:
                    out.append(byte)
                default:
                    break  // other control characters, which TEXT may not contain
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run...]))
        }
    }

    /// A parameter value with `:`, `;` or `,` must be quoted, and cannot hold a quote at
    /// all (RFC 5545 §3.1). The test is on the bytes, as a reader splits the line: a
    /// colon followed by a combining mark is still a colon to it.
    static func appendParameterValue(_ value: String, to out: inout [UInt8]) {
        var value = value
        value.withUTF8 { utf8 in
            let quoted = utf8.contains { $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: ",") }
            if quoted { out.append(UInt8(ascii: "\"")) }
            for byte in utf8 where byte != UInt8(ascii: "\"") && !isControl(byte) { out.append(byte) }
            if quoted { out.append(UInt8(ascii: "\"")) }
        }
    }

    /// Values that are not TEXT (URIs above all) come from the archive, and a stray
    /// line break in one would end the content line early.
    static func appendWithoutControlCharacters(_ value: String, to out: inout [UInt8]) {
        var value = value
        value.withUTF8 { utf8 in
            if !utf8.contains(where: isControl) { return out.append(contentsOf: utf8) }
            for byte in utf8 where !isControl(byte) { out.append(byte) }
        }
    }

    /// Control characters other than the tab, which TEXT may hold.
    private static func isControl(_ byte: UInt8) -> Bool {
        (byte < 0x20 && byte != 0x09) || byte == 0x7F
    }

    // MARK: Date-times and offsets

    /// `20210628T163000`: a local reading, for `DTSTART;TZID=…` and VTIMEZONE onsets.
    static func local(_ t: LocalDateTime) -> String {
        fourDigits(t.year) + twoDigits(t.month) + twoDigits(t.day) + "T"
            + twoDigits(t.hour) + twoDigits(t.minute) + twoDigits(t.second)
    }

    /// `20210621T080000Z`: an instant in UTC, for DTSTAMP, CREATED, LAST-MODIFIED.
    static func utc(_ instant: Instant) -> String { local(instant.utcDateTime) + "Z" }

    /// `+0200`, `-0500`, `+0530`; seconds only when there are some (RFC 5545 §3.3.14).
    static func utcOffset(_ seconds: Int) -> String {
        let magnitude = abs(seconds)
        var s = (seconds < 0 ? "-" : "+") + twoDigits(magnitude / 3600) + twoDigits(magnitude % 3600 / 60)
        if magnitude % 60 != 0 { s += twoDigits(magnitude % 60) }
        return s
    }
}
