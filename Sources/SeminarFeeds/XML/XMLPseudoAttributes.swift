/// The pseudo-attributes of an `xml-stylesheet` processing instruction (W3C "Associating
/// Style Sheets with XML documents"). A processing instruction's content is plain text to
/// libxml2, so the quoting that `xmlTextWriterWriteAttribute` does elsewhere is done here,
/// with the same escapes, and the result is checked like every other string.
enum XMLPseudoAttributes {
    static func stylesheet(href: String) -> String {
        "type=\"text/xsl\" href=\"" + escape(href) + "\""
    }

    /// The five predefined entities plus nothing else: `?>` cannot survive escaping of
    /// `>`, so the instruction can never be ended early.
    static func escape(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for c in value.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
