import SeminarArchive

/// `feeds/feed.xsl`: an XSLT 1.0 stylesheet that browsers apply to the Atom and RSS feeds
/// (through their `<?xml-stylesheet type="text/xsl" href="feed.xsl"?>`), so that someone
/// who clicks a feed link sees a readable page telling them how to subscribe instead of
/// raw XML. Feed readers ignore it.
///
/// One stylesheet serves both feeds: a template for each root element (`/atom:feed`,
/// `/rss`) gathers title, description, self link and entries, and calls one `page`
/// template. Entry content is HTML escaped as text; it is written with
/// `disable-output-escaping`, which libxslt (Chromium, Safari, xsltproc) honours and
/// Firefox's Transformiix does not, so there the plain-text summary is shown instead.
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

    let tree: MarkupTree
    let root: Node
    private let xslNS: MarkupTree.Namespace

    init() throws {
        tree = try MarkupTree.xml()
        tree.context = "feed stylesheet"
        root = try tree.root("stylesheet", [("version", "1.0"), ("exclude-result-prefixes", "atom content")])
        xslNS = try tree.namespace(Self.xsltNamespace, prefix: "xsl", on: root)
        tree.setNamespace(xslNS, of: root)
        _ = try tree.namespace(Self.atomNamespace, prefix: "atom", on: root)
        _ = try tree.namespace(Self.contentNamespace, prefix: "content", on: root)
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
                         selfLink: "atom:link[@rel='self']/@href", entries: "atom:entry")
        try rootTemplate("/rss", title: "channel/title", subtitle: "channel/description",
                         selfLink: "channel/atom:link[@rel='self']/@href", entries: "channel/item")
        try pageTemplate(language: language, links: links)
        try atomEntryTemplate()
        try rssItemTemplate()
    }

    private func rootTemplate(_ match: String, title: String, subtitle: String, selfLink: String, entries: String) throws {
        let template = try xsl("template", [("match", match)], in: root)
        let call = try xsl("call-template", [("name", "page")], in: template)
        for (name, select) in [("title", title), ("subtitle", subtitle), ("self", selfLink), ("entries", entries)] {
            try xsl("with-param", [("name", name), ("select", select)], in: call)
        }
    }

    private func pageTemplate(language: String, links: WebPageLinks) throws {
        let template = try xsl("template", [("name", "page")], in: root)
        for name in ["title", "subtitle", "self", "entries"] { try xsl("param", [("name", name)], in: template) }

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

    /// "How to subscribe": the feed's own address to copy, then the calendar and the page.
    private func subscribeNote(in body: Node, links: WebPageLinks) throws {
        let section = try literal("section", [("class", "subscribe"), ("aria-labelledby", "subscribe-heading")], in: body)
        try literal("h2", [("id", "subscribe-heading")], text: "How to subscribe", in: section)
        try literal("p", text: "This is a web feed: copy its address into your feed reader to hear of every new talk.", in: section)
        let address = try literal("p", [("class", "address")], in: section)
        let choose = try xsl("choose", in: address)
        try valueOf("$self", in: try literal("code", in: try xsl("when", [("test", "$self")], in: choose)))
        try tree.text("The address is the one in your browser's address bar.", in: try xsl("otherwise", in: choose))

        let more = try literal("p", in: section)
        try tree.text("Rather have the talks in your calendar? ", in: more)
        try literal("a", [("href", try links.webcalURL())], text: "Subscribe to the calendar", in: more)
        try tree.text(" (or ", in: more)
        try literal("a", [("href", links.calendar)], text: "download it", in: more)
        try tree.text("). Everything is also on ", in: more)
        try literal("a", [("href", links.page)], text: "the seminar's web page", in: more)
        try tree.text(".", in: more)
    }

    private func atomEntryTemplate() throws {
        let template = try xsl("template", [("match", "atom:entry")], in: root)
        try entry(in: template, title: "atom:title", link: "atom:link[not(@rel) or @rel='alternate'][1]/@href",
                  date: "(atom:published | atom:updated)[1]", dateText: "substring((atom:published | atom:updated)[1], 1, 10)",
                  html: "atom:content[@type='html']", text: "atom:summary | atom:content[not(@type) or @type='text']")
    }

    private func rssItemTemplate() throws {
        let template = try xsl("template", [("match", "item")], in: root)
        try entry(in: template, title: "title", link: "link", date: "pubDate", dateText: "substring(pubDate, 1, 16)",
                  // `content:encoded` when an item has it, else `description`, which RSS 2.0
                  // allows to hold HTML and which is where our RSS writer puts it.
                  html: "(content:encoded | description[not(../content:encoded)])", text: "description")
    }

    /// One entry: title (linked when the entry has a link), announcement date, then the
    /// HTML content where output escaping can be disabled, else the plain-text summary.
    private func entry(in template: Node, title: String, link: String, date: String, dateText: String,
                       html: String, text: String) throws
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
        try valueOf(dateText, in: try literal("time", [("datetime", "{" + date + "}")], in: line))

        let body = try xsl("choose", in: article)
        let rich = try xsl("when", [("test", html + " and system-property('xsl:vendor') != 'Transformiix'")], in: body)
        try valueOf(html + "[1]", in: try literal("div", [("class", "content")], in: rich), raw: true)
        let plain = try xsl("otherwise", in: body)
        try valueOf("(" + text + ")[1]", in: try literal("p", [("class", "summary")], in: plain))
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
        .summary { white-space: pre-line; }

        """
}
