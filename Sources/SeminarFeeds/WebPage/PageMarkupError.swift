import LaTeX

/// Why the web page or the feed stylesheet could not be written.
public enum PageMarkupError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A string holds a character that XML 1.0 forbids (most C0 controls, U+FFFE, U+FFFF).
    /// libxml2 would either write it as is, giving a document no parser accepts, or cut
    /// the string at a NUL, so it is refused before it gets there.
    case forbiddenCharacter(codePoint: UInt32, text: String, context: String)
    /// A link from the archive whose scheme is not http, https or mailto: a `javascript:`
    /// URL in a talk file must not become a clickable link on the seminar's page.
    case unsafeURL(String, context: String)
    /// A tag or attribute name that is not a plain lowercase name (from the abstract renderer).
    case invalidName(String, context: String)
    /// Markup from the abstract renderer that a page must not carry (a script, an image, an
    /// event handler attribute…): only text-level elements and a few attributes pass.
    case disallowedMarkup(String, context: String)
    /// libxml2 failed to build or serialise the document.
    case libxml(String)

    /// What was being written ("talk ID", "seminar"…), when the error came from the archive.
    public var context: String? {
        switch self {
        case let .forbiddenCharacter(_, _, context), let .unsafeURL(_, context), let .invalidName(_, context),
             let .disallowedMarkup(_, context):
            return context
        case .libxml:
            return nil
        }
    }

    public var description: String {
        switch self {
        case let .forbiddenCharacter(codePoint, text, context):
            let hex = String(codePoint, radix: 16, uppercase: true)
            let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            return "\(context): character \(code) is not allowed in XML or HTML, in \(Self.shown(text))"
        case let .unsafeURL(url, context):
            return "\(context): link \(Self.shown(url)) is not an http, https or mailto URL"
        case let .invalidName(name, context):
            return "\(context): \(Self.shown(name)) is not a valid element or attribute name"
        case let .disallowedMarkup(what, context):
            return "\(context): \(Self.shown(what)) is not allowed in an abstract on the web page"
        case let .libxml(message):
            return "libxml2: \(message)"
        }
    }

    /// The offending text, shortened and with controls made visible, for the message.
    private static func shown(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars.prefix(60) {
            out += scalar.value < 0x20 || scalar.value == 0x7F ? scalar.escaped(asASCII: true) : String(scalar)
        }
        return "\"" + out + (text.unicodeScalars.count > 60 ? "…" : "") + "\""
    }
}

enum PageText {
    /// XML 1.0 `Char`: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
    /// Swift strings never hold lone surrogates, so only controls and U+FFFE/U+FFFF remain.
    /// The same scan as the XML writer's, eight bytes at a time: this runs over every text
    /// of the page.
    static func check(_ text: String, context: @autoclosure () -> String) throws(PageMarkupError) {
        var utf8 = text
        if let bad = utf8.withUTF8(firstForbiddenCharacter) {
            throw .forbiddenCharacter(codePoint: bad.scalar, text: text, context: context())
        }
    }

    /// The same for text as UTF-8 bytes; a String is made only for the message.
    static func check(utf8 text: UnsafeBufferPointer<UInt8>, context: @autoclosure () -> String) throws(PageMarkupError) {
        if let bad = firstForbiddenCharacter(text) {
            throw .forbiddenCharacter(codePoint: bad.scalar, text: String(decoding: text, as: UTF8.self), context: context())
        }
    }

    /// A link taken from the archive, for an `href`: only web and mail links are written,
    /// by the scheme the abstract renderer links by (the loader and the LaTeX checker have
    /// already held every URL to the whole of `URLRule`).
    static func checkedURL(_ url: String, context: @autoclosure () -> String) throws(PageMarkupError) -> String {
        try check(url, context: context())
        guard URLRule.hasLinkScheme(url) else {
            throw .unsafeURL(url, context: context())
        }
        return url
    }
}
