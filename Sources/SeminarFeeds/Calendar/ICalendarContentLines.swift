import SeminarArchive

/// The bytes of an iCalendar stream being written, one content line at a time
/// (RFC 5545 §3.1): every line ends in CRLF and is folded so that no physical line
/// exceeds 75 octets, cutting only between UTF-8 characters so that a reader that
/// looks at lines before unfolding never sees half a character.
struct ICalendarContentLines {
    private(set) var bytes: [UInt8] = []

    static let maximumLineOctets = 75

    /// Hands the lines written so far to `sink`, and forgets them.
    mutating func drain(into sink: any ByteSink) throws {
        try sink.write(bytes)
        bytes.removeAll(keepingCapacity: true)
    }

    mutating func begin(_ component: String) { line("BEGIN:" + component) }
    mutating func end(_ component: String) { line("END:" + component) }

    /// A property whose value is TEXT: escaped here.
    mutating func text(_ name: String, _ value: String, parameters: [(String, String)] = []) {
        property(name, parameters: parameters, value: Self.escapeText(value))
    }

    /// A property whose TEXT value is a list, such as CATEGORIES: each item escaped,
    /// the commas between them not.
    mutating func textList(_ name: String, _ values: [String]) {
        property(name, value: values.map(Self.escapeText).joined(separator: ","))
    }

    /// A property whose value is already in its iCalendar form (dates, integers,
    /// URIs, recurrence rules).
    mutating func property(_ name: String, parameters: [(String, String)] = [], value: String) {
        var line = name
        for (key, parameterValue) in parameters {
            line += ";" + key + "=" + Self.parameterValue(parameterValue)
        }
        self.line(line + ":" + Self.withoutControlCharacters(value))
    }

    /// Writes one logical line, folded: the first physical line holds up to 75 octets,
    /// every continuation line a space and up to 74 more.
    private mutating func line(_ logical: String) {
        let octets = Array(logical.utf8)
        var start = 0
        var limit = Self.maximumLineOctets
        while true {
            var cut = min(start + limit, octets.count)
            // Back off to the first byte of a UTF-8 sequence: continuation bytes are 10xxxxxx.
            while cut < octets.count, cut > start, octets[cut] & 0xC0 == 0x80 { cut -= 1 }
            bytes.append(contentsOf: octets[start..<cut])
            bytes.append(contentsOf: [0x0D, 0x0A])
            if cut >= octets.count { return }
            bytes.append(0x20)
            start = cut
            limit = Self.maximumLineOctets - 1
        }
    }

    // MARK: Values

    /// TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon and comma are escaped,
    /// line breaks (CRLF, CR or LF) become `\n`, and other control characters, which
    /// TEXT may not contain, are dropped.
    static func escapeText(_ value: String) -> String {
        // Everything escaped or dropped is ASCII, so the UTF-8 bytes can be copied as they
        // are: a multi-byte character never contains an ASCII byte. Runs of bytes that need
        // nothing are copied whole: that is nearly all of them.
        var out: [UInt8] = []
        out.reserveCapacity(value.utf8.count + 32)
        var value = value
        value.withUTF8 { utf8 in
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
        return String(decoding: out, as: UTF8.self)
    }

    /// Parameter values with `:`, `;` or `,` must be quoted, and cannot hold a quote at all.
    static func parameterValue(_ value: String) -> String {
        let clean = String(String.UnicodeScalarView(withoutControlCharacters(value).unicodeScalars.filter { $0 != "\"" }))
        return clean.contains(where: { $0 == ":" || $0 == ";" || $0 == "," }) ? "\"" + clean + "\"" : clean
    }

    /// Values that are not TEXT (URIs above all) come from the archive, and a stray
    /// line break in one would end the content line early.
    static func withoutControlCharacters(_ value: String) -> String {
        // A control character is one ASCII byte, and no other character has such a byte:
        // the bytes can be tested as the scalars they would be. Through `withUTF8`, as a
        // buffer: the generic UTF-8 view cost about 40 instructions a byte, and every
        // talk's description (a kilobyte or more) passes here.
        var value = value
        guard value.withUTF8({ $0.contains { isControl(Unicode.Scalar($0)) } }) else { return value }
        return String(String.UnicodeScalarView(value.unicodeScalars.filter { !isControl($0) }))
    }

    private static func isControl(_ s: Unicode.Scalar) -> Bool {
        (s.value < 0x20 && s != "\t") || s.value == 0x7F
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
