import SeminarArchive

/// `feeds/feed.xsl`: an XSLT 1.0 stylesheet that browsers apply to the Atom and RSS feeds
/// (through their `<?xml-stylesheet type="text/xsl" href="feed.xsl"?>`), so that someone
/// who clicks a feed link sees a readable page telling them how to subscribe instead of
/// raw XML. Feed readers ignore it.
///
/// One stylesheet serves both feeds: a template for each root element (`/atom:feed`,
/// `/rss`) gathers title, description, self link, RFC 5005 `current` link and entries,
/// and calls one `page` template. Entry content is HTML escaped as text; it is written
/// with `disable-output-escaping`, which libxslt (Chromium, Safari, xsltproc) honours and
/// Firefox's Transformiix does not. There Atom's plain-text summary is shown instead, and
/// RSS, which has none, shows its description with the tags taken out (`plain-text`).
///
/// A frozen year's documents (`fh:archive`) live two folders down, in `archive/YEAR/`:
/// their view links up to the seminar's page and calendar, points readers who want new
/// talks to the subscription feed (`current`), not to the year's own address, and tells
/// the year's calendar (its talks only) from the subscription to every talk.
public enum FeedStylesheet {
    public static func write(context: FeedContext, links: WebPageLinks) throws -> [UInt8] {
        let builder = try XSLTBuilder()
        try builder.write(language: context.seminar.language, links: links)
        return try builder.tree.serialize()
    }
}

/// Builds the stylesheet's elements: `xsl(…)` for instructions, `literal(…)` for the
/// HTML the stylesheet outputs.
private final class XSLTBuilder {
    typealias Node = MarkupTree.Node
    static let xsltNamespace = "http://www.w3.org/1999/XSL/Transform"
    static let atomNamespace = "http://www.w3.org/2005/Atom"
    static let contentNamespace = "http://purl.org/rss/1.0/modules/content/"
    static let historyNamespace = "http://purl.org/syndication/history/1.0"

    let tree: MarkupTree
    let root: Node
    private let xslNS: MarkupTree.Namespace

    init() throws {
        tree = try MarkupTree.xml()
        tree.context = "feed stylesheet"
        root = try tree.root("stylesheet", [("version", "1.0"), ("exclude-result-prefixes", "atom content fh")])
        xslNS = try tree.namespace(Self.xsltNamespace, prefix: "xsl", on: root)
        tree.setNamespace(xslNS, of: root)
        _ = try tree.namespace(Self.atomNamespace, prefix: "atom", on: root)
        _ = try tree.namespace(Self.contentNamespace, prefix: "content", on: root)
        _ = try tree.namespace(Self.historyNamespace, prefix: "fh", on: root)
    }

    @discardableResult
    func xsl(_ name: String, _ attributes: [(String, String)] = [], in parent: Node) throws -> Node {
        try tree.element(name, attributes, in: parent, namespace: xslNS)
    }

    @discardableResult
    func literal(_ name: String, _ attributes: [(String, String)] = [], in parent: Node) throws -> Node {
        try tree.element(name, attributes, in: parent)
    }

    @discardableResult
    func literal(_ name: String, _ attributes: [(String, String)] = [], text: String, in parent: Node) throws -> Node {
        try tree.element(name, attributes, text: text, in: parent)
    }

    func valueOf(_ select: String, in parent: Node, raw: Bool = false) throws {
        try xsl("value-of", [("select", select)] + (raw ? [("disable-output-escaping", "yes")] : []), in: parent)
    }

    // MARK: The stylesheet

    func write(language: String, links: WebPageLinks) throws {
        // about:legacy-compat is how XSLT 1.0 spells the HTML5 doctype.
        try xsl("output", [("method", "html"), ("encoding", "UTF-8"), ("indent", "yes"), ("doctype-system", "about:legacy-compat")], in: root)
        try rootTemplate("/atom:feed", title: "atom:title", subtitle: "atom:subtitle",
                         selfLink: "atom:link[@rel='self']/@href", current: "atom:link[@rel='current']/@href",
                         archive: "fh:archive", entries: "atom:entry")
        try rootTemplate("/rss", title: "channel/title", subtitle: "channel/description",
                         selfLink: "channel/atom:link[@rel='self']/@href", current: "channel/atom:link[@rel='current']/@href",
                         archive: "channel/fh:archive", entries: "channel/item")
        try pageTemplate(language: language, links: links)
        try atomEntryTemplate()
        try rssItemTemplate()
        try plainTextTemplate()
    }

    private func rootTemplate(_ match: String, title: String, subtitle: String, selfLink: String, current: String,
                              archive: String, entries: String) throws
    {
        let template = try xsl("template", [("match", match)], in: root)
        let call = try xsl("call-template", [("name", "page")], in: template)
        for (name, select) in [("title", title), ("subtitle", subtitle), ("self", selfLink), ("current", current),
                               ("archive", "boolean(" + archive + ")"), ("entries", entries)] {
            try xsl("with-param", [("name", name), ("select", select)], in: call)
        }
    }

    private func pageTemplate(language: String, links: WebPageLinks) throws {
        let template = try xsl("template", [("name", "page")], in: root)
        for name in ["title", "subtitle", "self", "current", "archive", "entries"] { try xsl("param", [("name", name)], in: template) }
        // Where the seminar's page and calendar are, seen from this feed: a frozen year's
        // documents are in archive/YEAR/.
        let up = try xsl("variable", [("name", "up")], in: template)
        try tree.text("../../", in: try xsl("if", [("test", "$archive")], in: up))

        let html = try literal("html", [("lang", language)], in: template)
        let head = try literal("head", in: html)
        try literal("meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")], in: head)
        try literal("meta", [("name", "color-scheme"), ("content", "light dark")], in: head)
        let title = try literal("title", in: head)
        try valueOf("$title", in: title)
        try tree.text(" (web feed)", in: title)
        try literal("style", text: FeedStylesheetStyle.css, in: head)

        let body = try literal("body", in: html)
        let header = try literal("header", in: body)
        try literal("p", [("class", "kicker")], text: "Web feed", in: header)
        try valueOf("$title", in: try literal("h1", in: header))
        try valueOf("$subtitle", in: try literal("p", [("class", "subtitle")], in: header))

        try subscribeNote(in: body, links: links)

        let main = try literal("main", [("aria-labelledby", "entries-heading")], in: body)
        try literal("h2", [("id", "entries-heading")], text: "Talks in this feed", in: main)
        try xsl("apply-templates", [("select", "$entries")], in: main)
        let none = try xsl("if", [("test", "not($entries)")], in: main)
        try literal("p", text: "No talk has been announced yet.", in: none)
    }

    /// "How to subscribe": the address to copy (the subscription feed's, for a frozen
    /// year), then the calendars and the page.
    private func subscribeNote(in body: Node, links: WebPageLinks) throws {
        let section = try literal("section", [("class", "subscribe"), ("aria-labelledby", "subscribe-heading")], in: body)
        try literal("h2", [("id", "subscribe-heading")], text: "How to subscribe", in: section)
        let kind = try xsl("choose", in: section)
        let frozen = try xsl("when", [("test", "$archive")], in: kind)
        try literal("p", text: "This feed is the archive of a past year: its talks no longer change. To hear of every new talk, copy the address of the seminar's feed into your feed reader:",
                    in: frozen)
        try valueOf("$current", in: try literal("code", in: try literal("p", [("class", "address")], in: frozen)))
        let open = try xsl("otherwise", in: kind)
        try literal("p", text: "This is a web feed: copy its address into your feed reader to hear of every new talk.", in: open)
        let address = try literal("p", [("class", "address")], in: open)
        let choose = try xsl("choose", in: address)
        try valueOf("$self", in: try literal("code", in: try xsl("when", [("test", "$self")], in: choose)))
        try tree.text("The address is the one in your browser's address bar.", in: try xsl("otherwise", in: choose))

        let more = try literal("p", in: section)
        try tree.text("Rather have the talks in your calendar? ", in: more)
        try literal("a", [("href", try links.webcalURL())], text: "Subscribe to the seminar's calendar", in: more)
        try tree.text(" (every new talk appears in it)", in: more)
        let calendars = try xsl("choose", in: more)
        let yearCalendar = try xsl("when", [("test", "$archive")], in: calendars)
        try tree.text(", or ", in: yearCalendar)
        // The year's calendar is beside its feeds.
        try literal("a", [("href", "calendar.ics")], text: "download this year's talks", in: yearCalendar)
        try tree.text(" as a file to import once", in: yearCalendar)
        let liveCalendar = try xsl("otherwise", in: calendars)
        try tree.text(", or ", in: liveCalendar)
        try literal("a", [("href", "{$up}" + links.calendar)], text: "download it", in: liveCalendar)
        try tree.text(" as a file to import once (it will not update)", in: liveCalendar)
        try tree.text(". Everything is also on ", in: more)
        try literal("a", [("href", "{$up}" + links.page)], text: "the seminar's web page", in: more)
        try tree.text(".", in: more)
    }

    private func atomEntryTemplate() throws {
        let template = try xsl("template", [("match", "atom:entry")], in: root)
        try entry(in: template, title: "atom:title", link: "atom:link[not(@rel) or @rel='alternate'][1]/@href",
                  date: "(atom:published | atom:updated)[1]", dateText: "substring((atom:published | atom:updated)[1], 1, 10)",
                  html: "atom:content[@type='html']", text: "atom:summary | atom:content[not(@type) or @type='text']", textIsHTML: false)
    }

    private func rssItemTemplate() throws {
        let template = try xsl("template", [("match", "item")], in: root)
        // RFC 822 (`Mon, 05 Jul 2021 08:00:00 GMT`) made RFC 3339, as `<time datetime>`
        // requires: the month's number is its place in the list of names.
        let month = "format-number(string-length(substring-before('JanFebMarAprMayJunJulAugSepOctNovDec', substring(pubDate, 9, 3))) div 3 + 1, '00')"
        let datetime = "concat(substring(pubDate, 13, 4), '-', " + month + ", '-', substring(pubDate, 6, 2), 'T', substring(pubDate, 18, 8), 'Z')"
        try entry(in: template, title: "title", link: "link", date: "pubDate", dateText: "substring(pubDate, 1, 16)", datetime: datetime,
                  // `content:encoded` when an item has it, else `description`, which RSS 2.0
                  // allows to hold HTML and which is where our RSS writer puts it.
                  html: "(content:encoded | description[not(../content:encoded)])", text: "description", textIsHTML: true)
    }

    /// The text of an HTML string, for where it cannot be unescaped: tags taken out, a line
    /// break after each paragraph or list item, the five entities the HTML writer uses
    /// turned back into characters (`&amp;` last, so that `&amp;lt;` stays `&lt;`).
    private func plainTextTemplate() throws {
        let template = try xsl("template", [("name", "plain-text")], in: root)
        try xsl("param", [("name", "html")], in: template)
        let choose = try xsl("choose", in: template)
        let tag = try xsl("when", [("test", "contains($html, '<')")], in: choose)
        try unescape("substring-before($html, '<')", in: tag)
        let name = "substring-before(substring-after($html, '<'), '>')"
        let breaks = try xsl("if", [("test", "starts-with(" + name + ", '/p') or starts-with(" + name + ", '/li') or starts-with(" + name + ", 'br')")], in: tag)
        try tree.text("\n\n", in: try xsl("text", in: breaks))
        let rest = try xsl("call-template", [("name", "plain-text")], in: tag)
        try xsl("with-param", [("name", "html"), ("select", "substring-after(substring-after($html, '<'), '>')")], in: rest)
        try unescape("$html", in: try xsl("otherwise", in: choose))

        let replace = try xsl("template", [("name", "unescape")], in: root)
        try xsl("param", [("name", "text")], in: replace)
        // Each entity, its ';', then the character it stands for.
        try xsl("param", [("name", "entities"), ("select", #"concat('&lt;<&gt;>&quot;"&#39;', "'", '&amp;&')"#)], in: replace)
        let entity = "substring-before($entities, ';')"
        let found = try xsl("choose", in: replace)
        let more = try xsl("when", [("test", "$entities and contains($text, concat(" + entity + ", ';'))")], in: found)
        let before = try xsl("call-template", [("name", "unescape")], in: more)
        try xsl("with-param", [("name", "text"), ("select", "substring-before($text, concat(" + entity + ", ';'))")], in: before)
        try xsl("with-param", [("name", "entities"), ("select", "$entities")], in: before)
        try valueOf("substring(substring-after($entities, ';'), 1, 1)", in: more)
        let after = try xsl("call-template", [("name", "unescape")], in: more)
        try xsl("with-param", [("name", "text"), ("select", "substring-after($text, concat(" + entity + ", ';'))")], in: after)
        try xsl("with-param", [("name", "entities"), ("select", "$entities")], in: after)
        let next = try xsl("when", [("test", "$entities")], in: found)
        let skip = try xsl("call-template", [("name", "unescape")], in: next)
        try xsl("with-param", [("name", "text"), ("select", "$text")], in: skip)
        try xsl("with-param", [("name", "entities"), ("select", "substring(substring-after($entities, ';'), 2)")], in: skip)
        try valueOf("$text", in: try xsl("otherwise", in: found))
    }

    private func unescape(_ select: String, in parent: Node) throws {
        let call = try xsl("call-template", [("name", "unescape")], in: parent)
        try xsl("with-param", [("name", "text"), ("select", select)], in: call)
    }

    /// One entry: title (linked when the entry has a link), announcement date, then the
    /// HTML content where output escaping can be disabled, else the plain-text summary.
    private func entry(in template: Node, title: String, link: String, date: String, dateText: String, datetime: String? = nil,
                       html: String, text: String, textIsHTML: Bool) throws
    {
        let article = try literal("article", [("class", "entry")], in: template)
        let heading = try literal("h3", in: article)
        let choose = try xsl("choose", in: heading)
        let linked = try xsl("when", [("test", link)], in: choose)
        let anchor = try literal("a", [("href", "{" + link + "}")], in: linked)
        try valueOf(title, in: anchor)
        try valueOf(title, in: try xsl("otherwise", in: choose))

        let dated = try xsl("if", [("test", date)], in: article)
        let line = try literal("p", [("class", "date")], in: dated)
        try tree.text("Announced ", in: line)
        try valueOf(dateText, in: try literal("time", [("datetime", "{" + (datetime ?? date) + "}")], in: line))

        let body = try xsl("choose", in: article)
        let rich = try xsl("when", [("test", html + " and system-property('xsl:vendor') != 'Transformiix'")], in: body)
        try valueOf(html + "[1]", in: try literal("div", [("class", "content")], in: rich), raw: true)
        let plain = try xsl("otherwise", in: body)
        let summary = try literal("p", [("class", "summary")], in: plain)
        if textIsHTML {
            let call = try xsl("call-template", [("name", "plain-text")], in: summary)
            try xsl("with-param", [("name", "html"), ("select", "string((" + text + ")[1])")], in: call)
        } else {
            try valueOf("(" + text + ")[1]", in: summary)
        }
    }
}

/// The feed page's look: the web page's palette, light and dark.
enum FeedStylesheetStyle {
    static let css = """

        :root { color-scheme: light dark; --fg: #1c1d1f; --bg: #fbfbf9; --muted: #5d6066; --accent: #0a58b0;
          --rule: #dcdcd6; --card: #ffffff; --card-rule: #e6e5df; --note: #eef4fc; }
        @media (prefers-color-scheme: dark) {
          :root { --fg: #e7e6e3; --bg: #141517; --muted: #a3a6ad; --accent: #8cb8ff;
            --rule: #34363b; --card: #1c1e21; --card-rule: #2c2f33; --note: #1a2433; }
        }
        * { box-sizing: border-box; }
        body { margin: 0 auto; max-width: 46rem; padding: 1rem 1.1rem 3rem; color: var(--fg); background: var(--bg);
          font: 1.0625rem/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
          overflow-wrap: break-word; }
        a { color: var(--accent); }
        .kicker { margin: 1.5rem 0 0; color: var(--muted); text-transform: uppercase; letter-spacing: 0.08em; font-size: 0.8rem; font-weight: 700; }
        h1 { font-size: 1.8rem; line-height: 1.2; margin: 0.2rem 0 0.8rem; }
        h2 { font-size: 1.3rem; margin: 2rem 0 1rem; padding-bottom: 0.3rem; border-bottom: 2px solid var(--rule); }
        .subscribe { background: var(--note); border-radius: 0.6rem; padding: 0.2rem 1.2rem 0.6rem; margin: 1.5rem 0; }
        .subscribe h2 { border: 0; margin: 0.8rem 0 0.3rem; padding: 0; font-size: 1.15rem; }
        .subscribe code { display: block; padding: 0.5rem 0.7rem; background: var(--card); border: 1px solid var(--rule);
          border-radius: 0.4rem; font-size: 0.9rem; user-select: all; overflow-x: auto; }
        .entry { background: var(--card); border: 1px solid var(--card-rule); border-radius: 0.6rem; padding: 1rem 1.2rem; margin: 0 0 1.2rem; }
        .entry h3 { font-size: 1.15rem; line-height: 1.35; margin: 0 0 0.4rem; }
        .entry p { margin: 0.3rem 0; }
        .date { color: var(--muted); font-size: 0.9rem; }
        .summary, .subtitle { white-space: pre-line; }

        """
}
