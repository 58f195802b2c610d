import LaTeX
import SeminarArchive

/// A talk's own page, `feeds/talks/<id>.html`: everything a subscriber needs about one
/// talk, at an address that can be shared, with the metadata link previews (OpenGraph,
/// Twitter cards) and search engines (schema.org `Event` in JSON-LD) read.
///
/// The talk itself is shown exactly as on the seminar's page (`WebPageTalk`), so both
/// render titles, abstracts and their math the same way. Like that page it never reads
/// the clock: the date is written in the talk's own zone, and a few lines of inline script
/// add the visitor's local time when their zone differs.
public enum TalkPageWriter {
    public static func write(_ talk: Talk, context: FeedContext, links: TalkPageLinks) throws -> [UInt8] {
        let seminar = context.seminar
        let p = context.presentation(of: talk)
        let tree = try MarkupTree.html()
        tree.context = "talk " + talk.id
        let html = try tree.root("html", [("lang", seminar.language)])
        try writeHead(tree, html, p, context: context, links: links)
        let body = try tree.element("body", in: html)

        let header = try tree.element("header", in: body)
        let back = try tree.element("p", [("class", "back")], in: header)
        try tree.element("a", [("href", links.seminarPage)], text: seminar.title, in: back)

        let main = try tree.element("main", in: body)
        try WebPageTalk.write(p, seminar: seminar, heading: "h1", tree: tree, in: main)
        // Filled in by the script for a visitor whose zone is not the talk's.
        try tree.element("p", [("id", "local-time"), ("class", "note"), ("data-zone", talk.timeZone), ("hidden", "")], text: "", in: main)
        if p.start != nil {
            let add = try tree.element("p", [("class", "add-to-calendar")], in: main)
            try tree.element("a", [("href", links.calendar), ("type", "text/calendar"), ("download", "")],
                             text: "Add to calendar (.ics)", in: add)
            try tree.text(" ", in: add)
            try tree.element("span", [("class", "note")], text: "this talk only; opening it again updates the same event", in: add)
        }

        let footer = try tree.element("footer", in: body)
        let nav = try tree.element("nav", [("class", "subscribe"), ("aria-label", "The seminar")], in: footer)
        let list = try tree.element("ul", in: nav)
        let seminarItem = try tree.element("li", in: list)
        try tree.element("a", [("href", links.seminarPage)], text: "Every talk of the seminar", in: seminarItem)
        for feed in links.feeds {
            let item = try tree.element("li", in: list)
            try tree.element("a", [("href", feed.href)], text: feed.label, in: item)
        }
        try tree.element("script", text: script, in: body)
        return try tree.serialize()
    }

    private static func writeHead(_ tree: MarkupTree, _ html: MarkupTree.Node, _ p: TalkPresentation, context: FeedContext,
                                  links: TalkPageLinks) throws
    {
        let seminar = context.seminar
        let head = try tree.element("head", in: html)
        try tree.element("meta", [("charset", "utf-8")], in: head)
        try tree.element("meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")], in: head)
        try tree.element("meta", [("http-equiv", "Content-Security-Policy"), ("content", WebPageAssets.contentSecurityPolicy)], in: head)
        let title = p.title
        try tree.element("title", text: title + " · " + seminar.title, in: head)
        let description = shareableDescription(p)
        try tree.element("meta", [("name", "description"), ("content", description)], in: head)
        try tree.element("meta", [("name", "color-scheme"), ("content", "light dark")], in: head)
        try tree.element("meta", [("name", "generator"), ("content", context.generator.name + " " + context.generator.version)], in: head)
        try tree.element("link", [("rel", "canonical"), ("href", try PageText.checkedURL(links.pageURL, context: tree.context))], in: head)
        // Link previews (OpenGraph, read by most sites and chat programs; Twitter cards).
        let sharing = [
            ("og:type", "website"), ("og:site_name", seminar.title), ("og:title", title), ("og:description", description),
            ("og:url", links.pageURL), ("og:locale", String(seminar.language.map { $0 == "-" ? "_" : $0 })),
        ]
        for (property, content) in sharing {
            try tree.element("meta", [("property", property), ("content", content)], in: head)
        }
        for (name, content) in [("twitter:card", "summary"), ("twitter:title", title), ("twitter:description", description)] {
            try tree.element("meta", [("name", name), ("content", content)], in: head)
        }
        for feed in links.feeds {
            guard let type = feed.type else { continue }
            try tree.element("link", [("rel", "alternate"), ("type", type), ("title", seminar.title + " (" + feed.label + ")"),
                                      ("href", feed.href)], in: head)
        }
        try tree.element("style", text: WebPageAssets.css, in: head)
        let event = try TalkEventJSONLD.json(p, seminar: seminar, zone: context.zones[p.talk.timeZone], pageURL: links.pageURL)
        try tree.element("script", [("type", "application/ld+json")], text: event, in: head)
    }

    /// When the talk is, then its abstract as plain text (the LaTeX module's Unicode
    /// rendering), cut at a word near 300 characters: previews show about that much.
    static func shareableDescription(_ p: TalkPresentation) -> String {
        let text = p.when + ". " + joiningLines(p.plainAbstract)
        // The first `limit` characters, found without counting all of them: grapheme
        // breaking is slow, and an abstract is often ten times longer than the cut.
        guard let end = text.index(text.startIndex, offsetBy: limit, limitedBy: text.endIndex), end != text.endIndex
        else { return text }
        let cut = text[..<end]
        let atWord = cut.lastIndex(of: " ").map { cut[..<$0] } ?? cut
        return atWord + "…"
    }

    private static let limit = 300

    /// `text` on one line: each run of line breaks (the characters `Character.isNewline`
    /// is true for) one space, none at either end.
    ///
    /// Read as UTF-8 bytes: a line break is a byte from LF to CR or the encoding of U+0085,
    /// U+2028 or U+2029, and no other character's encoding holds any of those (`\r\n` is
    /// one run). Splitting the text's scalars took fifty thousand instructions a talk.
    static func joiningLines(_ text: String) -> String {
        var text = text
        return text.withUTF8 { utf8 in
            var out: [UInt8] = []
            out.reserveCapacity(utf8.count)
            var broken = false
            var i = 0
            while i < utf8.count {
                let lineBreak = switch utf8[i] {
                case 0x0A...0x0D: 1
                case 0xC2 where i + 1 < utf8.count && utf8[i + 1] == 0x85: 2
                case 0xE2 where i + 2 < utf8.count && utf8[i + 1] == 0x80 && (utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9): 3
                default: 0
                }
                if lineBreak > 0 {
                    broken = !out.isEmpty
                    i += lineBreak
                    continue
                }
                if broken { out.append(0x20) }
                broken = false
                out.append(utf8[i])
                i += 1
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The visitor's local time, when their zone is not the talk's: the talk's own reading
    /// stays as written, and is all a reader without scripts sees.
    static let script = """

        (function () {
          "use strict";
          var out = document.getElementById("local-time");
          var talk = document.querySelector("article.talk[data-start]");
          if (!out || !talk || !window.Intl || !Intl.DateTimeFormat) { return; }
          var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
          if (!zone || zone === out.getAttribute("data-zone")) { return; }
          var start = new Date(talk.getAttribute("data-start"));
          var end = new Date(talk.getAttribute("data-end"));
          if (isNaN(start.getTime()) || isNaN(end.getTime())) { return; }
          var day = { weekday: "long", day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit" };
          var text = start.toLocaleString(undefined, day);
          if (end > start) { text += "–" + end.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit", timeZoneName: "short" }); }
          out.textContent = "In your time zone (" + zone + "): " + text;
          out.hidden = false;
        })();

        """
}
