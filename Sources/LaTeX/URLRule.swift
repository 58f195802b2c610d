/// The one rule for the URLs the archive may link to, wherever they are written: a talk's
/// link fields (`url`, `links`, a speaker's page), `\url` and `\href` in its LaTeX, and the
/// links of the web page. Written by hand rather than with URLComponents so that the rule
/// is explicit and the same on every platform.
public enum URLRule {
    /// An absolute `http` or `https` URL with a host: the only links a feed's fields may
    /// carry. Scheme, `://`, a non-empty host, an optional numeric port, and only URL
    /// characters (see `hasOnlyURLCharacters`). Non-ASCII is allowed (IRIs). Works on UTF-8
    /// bytes: every URL of every file goes through here.
    public static func isWebURL(_ s: String) -> Bool {
        let u = Array(s.utf8)
        let schemeEnd: Int
        if hasPrefixIgnoringASCIICase(u, "https://") {
            schemeEnd = 8
        } else if hasPrefixIgnoringASCIICase(u, "http://") {
            schemeEnd = 7
        } else {
            return false
        }
        guard hasOnlyURLCharacters(u) else { return false }
        let authorityEnd = u[schemeEnd...].firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? u.count
        var hostStart = schemeEnd
        if let at = u[schemeEnd..<authorityEnd].lastIndex(of: UInt8(ascii: "@")) { hostStart = at + 1 }  // user info
        var hostEnd = authorityEnd
        let isDigit = { (b: UInt8) in (0x30...0x39).contains(b) }
        if hostStart < authorityEnd, u[hostStart] == UInt8(ascii: "[") {  // IPv6 literal
            guard let close = u[hostStart..<authorityEnd].firstIndex(of: UInt8(ascii: "]")) else { return false }
            hostEnd = close + 1
        } else if let colon = u[hostStart..<authorityEnd].firstIndex(of: UInt8(ascii: ":")) {
            hostEnd = colon
        }
        // After the host: nothing, or a port.
        if hostEnd < authorityEnd {
            guard u[hostEnd] == UInt8(ascii: ":"), u[(hostEnd + 1)..<authorityEnd].allSatisfy(isDigit) else { return false }
        }
        let host = u[hostStart..<hostEnd]
        guard let first = host.first, first != UInt8(ascii: ".") else { return false }
        return !zip(host, host.dropFirst()).contains { $0 == UInt8(ascii: ".") && $1 == UInt8(ascii: ".") }
    }

    /// What may be a link in text (`\url`, `\href`, the page's links): a web URL, or a
    /// `mailto:` address written with URL characters. Never a scheme that can run code
    /// (`javascript:`, `data:`) nor a relative path.
    public static func isLink(_ s: String) -> Bool {
        let u = Array(s.utf8)
        if hasPrefixIgnoringASCIICase(u, "mailto:") { return u.count > 7 && hasOnlyURLCharacters(u) }
        return isWebURL(s)
    }

    /// Whether `s` starts with a scheme `isLink` accepts: how the LaTeX renderer decides
    /// what becomes a link. It links by scheme alone so that the documents of frozen years
    /// render as they were frozen; the checker refuses, as `invalid-url`, every URL that
    /// has the scheme but not the rest of the rule, so no new text reaches a document with one.
    public static func hasLinkScheme(_ s: String) -> Bool {
        let u = Array(s.utf8.prefix(8))
        return hasPrefixIgnoringASCIICase(u, "http://") || hasPrefixIgnoringASCIICase(u, "https://")
            || hasPrefixIgnoringASCIICase(u, "mailto:")
    }

    /// No space, control (C0, DEL, C1), character RFC 3986 excludes (`"<>\^`{|}`), line or
    /// paragraph separator, nor bidirectional control (which would show the URL other than
    /// it is).
    static func hasOnlyURLCharacters(_ u: [UInt8]) -> Bool {
        var i = 0
        while i < u.count {
            let b = u[i]
            switch b {
            case 0x00...0x20, 0x7F, UInt8(ascii: "\""), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\\"),
                 UInt8(ascii: "^"), UInt8(ascii: "`"), UInt8(ascii: "{"), UInt8(ascii: "|"), UInt8(ascii: "}"):
                return false
            case 0xC2 where i + 1 < u.count && (0x80...0x9F).contains(u[i + 1]):
                return false  // C1 controls
            case 0xD8 where i + 1 < u.count && u[i + 1] == 0x9C:
                return false  // U+061C ARABIC LETTER MARK
            case 0xE2 where i + 2 < u.count && u[i + 1] == 0x80 && ((0x8E...0x8F).contains(u[i + 2]) || (0xA8...0xAE).contains(u[i + 2])):
                return false  // U+200E, U+200F, U+2028…U+202E
            case 0xE2 where i + 2 < u.count && u[i + 1] == 0x81 && (0xA6...0xA9).contains(u[i + 2]):
                return false  // U+2066…U+2069
            default:
                i += 1
            }
        }
        return true
    }

    private static func hasPrefixIgnoringASCIICase(_ u: [UInt8], _ prefix: StaticString) -> Bool {
        guard u.count >= prefix.utf8CodeUnitCount else { return false }
        return prefix.withUTF8Buffer { p in
            p.indices.allSatisfy { i in ((0x41...0x5A).contains(u[i]) ? u[i] | 0x20 : u[i]) == p[i] }
        }
    }
}
