import Foundation
import SeminarArchive

/// The encodings of Internet mail, by hand since no MIME library is available here:
/// quoted-printable and base64 bodies (RFC 2045 6.7, 6.8), encoded words for header text
/// that is not printable ASCII (RFC 2047), and folded header fields (RFC 5322 2.2.3).
/// Every line ends in CRLF, as RFC 5322 requires.
enum MIMEEncoding {
    static let lineEnd = "\r\n"
    /// RFC 5322 2.1.1: a line SHOULD hold at most 78 characters before its CRLF.
    static let headerLineLimit = 78
    /// RFC 2045: encoded body lines hold at most 76 characters.
    static let bodyLineLimit = 76
    /// RFC 2047 2: an encoded word is at most 75 characters.
    static let encodedWordLimit = 75

    // MARK: Bodies

    /// Text whose lines are separated by "\n", as quoted-printable lines of at most 76
    /// characters (soft line breaks `=` where a line is longer), each ending in CRLF.
    /// Besides what RFC 2045 demands (`=`, bytes outside printable ASCII, white space at
    /// the end of a line), a `.` or the `F` of `From ` opening a line is encoded, since some
    /// transfer agents and mailbox formats change such lines.
    static func quotedPrintable(_ text: String) -> String {
        var out = ""
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() {
            if index == lines.count - 1 && line.isEmpty { break }  // the text's final line end
            let bytes = Array(line.utf8)
            let tokens = bytes.indices.map { i -> String in
                let b = bytes[i]
                let atLineStart = i == 0 && (b == UInt8(ascii: ".") || (b == UInt8(ascii: "F") && bytes.starts(with: Array("From ".utf8))))
                let atLineEnd = i == bytes.count - 1 && (b == 0x20 || b == 0x09)
                if (0x21...0x7E).contains(b) && b != UInt8(ascii: "=") && !atLineStart { return String(UnicodeScalar(b)) }
                if (b == 0x20 || b == 0x09) && !atLineEnd { return String(UnicodeScalar(b)) }
                return "=" + hexByte(b)
            }
            var length = 0
            for (i, token) in tokens.enumerated() {
                // A soft break takes one character (`=`), except after the line's last token.
                let limit = i == tokens.count - 1 ? bodyLineLimit : bodyLineLimit - 1
                if length + token.count > limit {
                    out += "=" + lineEnd
                    length = 0
                }
                out += token
                length += token.count
            }
            out += lineEnd
        }
        return out
    }

    /// Bytes as base64 in lines of 76 characters, each ending in CRLF.
    static func base64(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed]) + lineEnd
    }

    static func hexByte(_ b: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String(digits[Int(b >> 4)]) + String(digits[Int(b & 0x0F)])
    }

    // MARK: Header fields

    /// Unstructured header text (a Subject) as the words of its field: printable ASCII
    /// words as they are, and each run of words holding anything else (or looking like an
    /// encoded word, or too long to fold) as encoded words. Runs of white space, line
    /// breaks included, become one space.
    static func unstructuredWords(_ text: String) -> [String] {
        var words: [String] = []
        var pending: [Substring] = []
        func flushPending() {
            if !pending.isEmpty { words += encodedWords(pending.joined(separator: " ")) }
            pending = []
        }
        for word in text.split(whereSeparator: { $0.isWhitespace }) {
            if needsEncoding(word) {
                pending.append(word)
            } else {
                flushPending()
                words.append(String(word))
            }
        }
        flushPending()
        return words
    }

    /// A display name (an RFC 5322 phrase) as the words of its field: atoms as they are,
    /// other ASCII as one quoted string, and anything else as encoded words.
    static func phraseWords(_ name: String) -> [String] {
        let words = name.split(whereSeparator: { $0.isWhitespace })
        if words.allSatisfy({ $0.allSatisfy { atext.contains($0) } }) { return words.map(String.init) }
        if words.allSatisfy({ !needsEncoding($0) }) {
            let escaped = words.joined(separator: " ").replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return ["\"" + escaped + "\""]
        }
        return encodedWords(words.joined(separator: " "))
    }

    /// Characters an atom may hold (RFC 5322 3.2.3).
    static let atext = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~")

    static func needsEncoding(_ word: Substring) -> Bool {
        word.utf8.count > 60 || word.contains("=?") || !word.utf8.allSatisfy { (0x21...0x7E).contains($0) }
    }

    /// `text` as `=?utf-8?q?…?=` words of at most 75 characters (RFC 2047 4.2), split
    /// only between Unicode scalars, so that no word holds part of a character. Only
    /// letters, digits and `!*+-/` stay as they are: the set allowed wherever an encoded
    /// word may stand, in a phrase as in unstructured text (RFC 2047 5).
    static func encodedWords(_ text: String) -> [String] {
        let opening = "=?utf-8?q?", closing = "?="
        let room = encodedWordLimit - opening.count - closing.count
        var words: [String] = []
        var payload = ""
        for scalar in text.unicodeScalars {
            let encoded: String
            if scalar == " " {
                encoded = "_"
            } else if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "!*+-/".unicodeScalars.contains(scalar) {
                encoded = String(scalar)
            } else {
                encoded = String(scalar).utf8.map { "=" + hexByte($0) }.joined()
            }
            if payload.count + encoded.count > room {
                words.append(opening + payload + closing)
                payload = ""
            }
            payload += encoded
        }
        if !payload.isEmpty || words.isEmpty { words.append(opening + payload + closing) }
        return words
    }

    /// `Name: word word …` folded before a word wherever the line would pass 78
    /// characters, even before the first (RFC 5322 allows folding white space before a
    /// message id or an address); a word longer than that stays whole, within RFC 5322's hard limit of
    /// 998: the words above are at most 75 characters, message ids and addresses short).
    static func field(_ name: String, _ words: [String]) -> String {
        var out = name + ":"
        var length = out.count
        for word in words {
            // Folding before the first word helps a long one (a message id) fit too.
            if length + 1 + word.count > headerLineLimit && (length > name.count + 1 || 1 + word.count <= headerLineLimit) {
                out += lineEnd
                length = 0
            }
            out += " " + word
            length += 1 + word.count
        }
        return out + lineEnd
    }
}

/// An e-mail address with an optional display name: `ada@example.org` or
/// `Ada Lovelace <ada@example.org>`.
public struct MailAddress: Sendable, Equatable {
    public var name: String?
    public var address: String

    public init(name: String? = nil, address: String) {
        self.name = name
        self.address = address
    }

    /// `address` or `Name <address>`; nil when the address is not a plain
    /// `local@domain` (see `isEmailAddress`).
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") {
            let name = trimmed[..<open].trimmingCharacters(in: .whitespaces)
            let address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            guard isEmailAddress(address) else { return nil }
            let unquoted = name.count >= 2 && name.hasPrefix("\"") && name.hasSuffix("\"") ? String(name.dropFirst().dropLast()) : name
            self.init(name: unquoted.isEmpty ? nil : unquoted, address: address)
        } else {
            guard isEmailAddress(trimmed) else { return nil }
            self.init(address: trimmed)
        }
    }

    /// The words of this address in a header field (RFC 5322 3.4).
    var fieldWords: [String] {
        guard let name, !isBlank(name) else { return [address] }
        return MIMEEncoding.phraseWords(name) + ["<" + address + ">"]
    }
}
