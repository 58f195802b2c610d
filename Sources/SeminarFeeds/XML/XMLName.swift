/// Whether `name` may be written as an element or attribute name: an ASCII XML name with at
/// most one colon, between a non-empty prefix and a non-empty local part (Namespaces in XML
/// 1.0, QName). Every name the writers use is their own or an HTML tag from the LaTeX
/// renderer, so ASCII suffices. Shared by the feed writer and the page's tree, which both
/// refuse, with their own errors, what this refuses.
func isXMLName(_ name: String) -> Bool {
    // Through its bytes in memory: walking the UTF-8 view took some fifty instructions a
    // byte, for every element and attribute name of every document.
    var name = name
    return name.withUTF8 { isXMLName(utf8: $0) }
}

/// The same for a name as UTF-8 bytes.
func isXMLName(utf8 name: some Sequence<UInt8>) -> Bool {
    var atStart = true  // of the name or of the part after the colon
    var colons = 0
    for b in name {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"):
            atStart = false
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."):
            if atStart { return false }
        case UInt8(ascii: ":"):
            colons += 1
            if atStart || colons > 1 { return false }
            atStart = true
        default:
            return false
        }
    }
    return !atStart
}
