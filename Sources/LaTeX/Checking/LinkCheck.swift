/// `\url` and `\href` targets that break the one rule for links, `URLRule.isLink`, which
/// the link fields of a talk follow too: `x.org`, `javascript:…`, `data:…` (which the HTML
/// makes no link of: for `\href`, the URL is lost altogether), and web addresses with a
/// space, a quote, `<`, a control or a line separator in them. The URL is tested exactly as
/// the renderer reads it.
enum LinkCheck {
    /// The diagnostic for a `\url` or `\href` command node, nil when its URL is linked (or
    /// missing, or swallowed by an unclosed `{`, both reported by the parser).
    static func diagnostic(_ index: Int, in tree: SyntaxTree) -> LaTeXDiagnostic? {
        guard let argument = tree.argument(index, 0).map({ Int($0) }) else { return nil }
        let node = tree.nodes[argument]
        if node.kind == .verbatim, !node.isClosed { return nil }
        let url = TextRenderer(tree: tree, sink: PlainTextSink(), rules: .unambiguous).linkURL(index)
        if URLRule.isLink(url) { return nil }
        var start = Int(node.start)
        var length = Int(node.end - node.start)
        if length == 0, node.kind == .verbatim {
            // `{}`: point at the braces.
            start -= 1
            length = 2
        }
        let command = "`\\" + tree.name(of: index) + "`"
        let message = url.isEmpty
            ? "empty URL in \(command): not an absolute http or https URL, so the HTML has no link"
            : URLRule.hasLinkScheme(url)
                ? "`\(shown(url))` in \(command) is not a URL a link may have: it needs a host, and no space, quote, `<`, `>`, control or line separator"
                : "`\(shown(url))` in \(command) is not an absolute http or https URL, so the HTML has no link"
        return LaTeXDiagnostic(
            severity: .error, code: LaTeXDiagnostic.Code.invalidURL, message: message,
            fix: fix(for: url), position: tree.position(at: start), length: length)
    }

    /// A likely intended address (`x.org` → `https://x.org`, `a@b.org` → `mailto:a@b.org`),
    /// or what to do instead.
    static func fix(for url: String) -> String {
        let scalars = Array(url.unicodeScalars)
        var first = 0
        var end = scalars.count
        while first < end, scalars[first].properties.isWhitespace { first += 1 }
        while end > first, scalars[end - 1].properties.isWhitespace { end -= 1 }
        let address = scalars[first..<end]
        let text = String(String.UnicodeScalarView(address))
        if address.isEmpty { return "write the full address, as in `https://example.org`" }
        if end - first < scalars.count, URLRule.isLink(text) { return "write `\(text)`" }
        if URLRule.hasLinkScheme(text) {
            return "percent-encode what a URL may not hold (a space is `%20`, a quote `%22`, `<` `%3C`), as a browser's address bar does"
        }
        if !address.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F }) {
            if isEmailAddress(address) { return "write `mailto:\(text)`" }
            if address.starts(with: "//".unicodeScalars), startsWithHost(address.dropFirst(2)) {
                return "write `https:\(text)`"
            }
            if let (scheme, rest) = mistypedHTTP(address) {
                return "write `\(scheme)://\(String(String.UnicodeScalarView(rest)))`"
            }
            if startsWithHost(address) { return "write `https://\(text)`" }
        }
        if hasScheme(address) { return "link to an `https://` or `http://` address (or `mailto:`)" }
        return "write the full address, starting with `https://`"
    }

    /// The URL for a one-line message: controls escaped, cut after 60 scalars.
    private static func shown(_ url: String) -> String {
        var out = ""
        for scalar in url.unicodeScalars.prefix(60) {
            out += scalar.value < 0x20 || scalar.value == 0x7F ? scalar.escaped(asASCII: true) : String(scalar)
        }
        return url.unicodeScalars.count > 60 ? out + "…" : out
    }

    /// `name@host.tld`, one `@`, nothing after the host.
    private static func isEmailAddress(_ s: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let at = s.firstIndex(of: "@"), at > s.startIndex else { return false }
        let local = s[..<at]
        let domain = s[(at + 1)...]
        if local.contains(where: { "/:@<>\"".unicodeScalars.contains($0) }) { return false }
        if domain.contains(where: { "/?#:@".unicodeScalars.contains($0) }) { return false }
        return startsWithHost(domain)
    }

    /// `http:/x.org`, `https//x.org`, `http:x.org`: the scheme and what follows the mistyped
    /// separator.
    private static func mistypedHTTP(_ s: ArraySlice<Unicode.Scalar>) -> (String, ArraySlice<Unicode.Scalar>)? {
        for scheme in ["https", "http"]
        where s.starts(with: scheme.unicodeScalars, by: { $0 == $1 || ($0.isASCIILetter && $0.value | 0x20 == $1.value) }) {
            var rest = s.dropFirst(scheme.unicodeScalars.count)
            let before = rest.count
            if rest.first == ":" { rest = rest.dropFirst() }
            var slashes = 0
            while slashes < 2, rest.first == "/" {
                rest = rest.dropFirst()
                slashes += 1
            }
            if rest.count < before, startsWithHost(rest) { return (scheme, rest) }
        }
        return nil
    }

    /// Whether `s` begins with a host name of at least two labels (`x.org`, `www.epfl.ch`),
    /// with an optional port, followed by nothing or by a path, query or fragment. The last
    /// label is letters, and not a file extension when nothing follows (`slides.pdf`).
    private static func startsWithHost(_ s: ArraySlice<Unicode.Scalar>) -> Bool {
        let authorityEnd = s.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? s.endIndex
        var hostEnd = authorityEnd
        if let colon = s[..<authorityEnd].firstIndex(of: ":") {
            let port = s[(colon + 1)..<authorityEnd]
            guard !port.isEmpty, port.allSatisfy(\.isASCIIDigit) else { return false }
            hostEnd = colon
        }
        let labels = s[..<hostEnd].split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, let last = labels.last, last.count >= 2 else { return false }
        for label in labels {
            guard let first = label.first, let final = label.last, first != "-", final != "-",
                  label.allSatisfy({ $0.value > 0x7F || $0 == "-" || $0.isASCIILetter || $0.isASCIIDigit }) else { return false }
        }
        guard last.allSatisfy({ $0.value > 0x7F || $0.isASCIILetter }) else { return false }
        if authorityEnd == s.endIndex, hostEnd == authorityEnd,
           fileExtensions.contains(String(String.UnicodeScalarView(last)).lowercased()) {
            return false
        }
        return true
    }

    private static let fileExtensions: Set<String> = [
        "pdf", "html", "htm", "tex", "txt", "png", "jpg", "jpeg", "gif", "svg", "ps", "djvu", "bib", "gz", "zip", "mp4",
    ]

    /// RFC 3986: a letter, then letters, digits, `+`, `-` or `.`, then `:`.
    private static func hasScheme(_ s: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let colon = s.firstIndex(of: ":"), let first = s.first, first.isASCIILetter else { return false }
        return s[..<colon].allSatisfy { $0.isASCIILetter || $0.isASCIIDigit || $0 == "+" || $0 == "-" || $0 == "." }
    }
}
