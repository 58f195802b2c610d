import LaTeX
import SeminarArchive

/// The seminar's page for people, `feeds/index.html`.
///
/// The page must come out byte-identical for the same archive, so it never reads the
/// clock: whether a talk is upcoming or past is decided in the reader's browser.
///
/// - Without scripts, the page has one section "Talks" listing every talk in feed order
///   (date to be defined first, then newest first), each with an `h3` heading. The
///   "Upcoming talks" and "Past talks" sections are present but `hidden`, hence neither
///   shown nor read out.
/// - A few lines of inline script (`WebPageAssets.script`) compare each talk's
///   `data-end` (or `data-start`) to now, move the talk into "Upcoming talks" (soonest
///   first, date to be defined last) or into its year under "Past talks" (newest first,
///   heading demoted to `h4` under the year's `h3`), then unhide those sections and hide
///   the emptied "Talks" section. A talk counts as upcoming until it has ended, so the
///   meeting link of a talk in progress stays at the top.
/// - Frozen years are not repeated on the page: a section "Earlier years" links to each
///   one's archive documents (which a browser shows as a readable page through the feed
///   stylesheet), so the page stays small and quick however long the history grows.
public enum WebPageWriter {
    /// - Parameters:
    ///   - talks: the talks shown in full: those of every year that is not frozen.
    ///   - archivedYears: the frozen years, listed with links to their archive documents.
    public static func write(talks: [Talk], archivedYears: [ArchivedYear] = [], context: FeedContext,
                             links: WebPageLinks) throws -> [UInt8]
    {
        let out = ByteCollector()
        try write(talks: talks, archivedYears: archivedYears, context: context, links: links, to: out)
        return out.bytes
    }

    /// The same bytes, handed to `sink` a few talks at a time.
    public static func write(talks: [Talk], archivedYears: [ArchivedYear] = [], context: FeedContext,
                             links: WebPageLinks, to sink: any ByteSink) throws
    {
        let seminar = context.seminar
        let ordered = Talk.inFeedOrder(talks)
        let tree = try MarkupTree.html()
        tree.context = "seminar"

        let html = try tree.root("html", [("lang", seminar.language)])
        try writeHead(tree, html, seminar: seminar, context: context, links: links)
        let body = try tree.element("body", in: html)

        let header = try tree.element("header", in: body)
        // The seminar's name is plain text, as every feed and the calendar show it (only
        // talk titles, abstracts and the description hold LaTeX, and are checked for it).
        try tree.element("h1", text: seminar.title, in: header)
        let about = try tree.element("div", [("class", "description")], in: header)
        for paragraph in paragraphs(of: seminar.description) {
            try WebPageTalk.appendHTML(HTMLRenderer.fragment(paragraph, linkingBareURLs: true), formulas: CompactHTML(MathMLRenderer.fragment(paragraph)),
                                       tree: tree, in: about)
        }
        try writeSubscribe(tree, header, links: links)

        let main = try tree.element("main", in: body)
        try writeSplitSections(tree, main, years: pastYears(ordered))
        let all = try tree.element("section", [("id", "talks"), ("aria-labelledby", "talks-heading")], in: main)
        try tree.element("h2", [("id", "talks-heading")], text: "Talks", in: all)
        if ordered.isEmpty {
            // Every year frozen: the talks are in the archive, listed below.
            let none = archivedYears.isEmpty ? "No talk has been announced yet." : "No talk has been announced since the archived years below."
            try tree.element("p", text: none, in: all)
        }
        let talksGoHere = try tree.placeholder(in: all)
        tree.context = "archive"
        try writeArchive(tree, main, years: archivedYears)

        tree.context = "seminar"
        try writeFooter(tree, body, seminar: seminar, generator: context.generator)
        try tree.element("script", text: WebPageAssets.script, in: body)
        // Talk by talk, each freed once written: the page of a long history stays small in memory.
        try tree.serialize(filling: talksGoHere, count: ordered.count, to: sink) { i in
            tree.context = "talk " + ordered[i].id
            let talk = ordered[i]
            try WebPageTalk.write(context.presentation(of: talk), seminar: seminar,
                                  pageURL: links.talkPages ? TalkPageAddress.page(of: talk.id) : nil, tree: tree, in: all)
        }
    }

    // MARK: Head

    private static func writeHead(_ tree: MarkupTree, _ html: MarkupTree.Node, seminar: Seminar, context: FeedContext,
                                  links: WebPageLinks) throws
    {
        let head = try tree.element("head", in: html)
        try tree.element("meta", [("charset", "utf-8")], in: head)
        try tree.element("meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")], in: head)
        // Belt and braces for "no external resources": even if a later change slipped in a
        // remote script, style, font or image, the browser would refuse to load it.
        try tree.element("meta", [("http-equiv", "Content-Security-Policy"), ("content", WebPageAssets.contentSecurityPolicy)], in: head)
        let title = seminar.title
        try tree.element("title", text: title, in: head)
        try tree.element("meta", [("name", "description"), ("content", PlainTextRenderer.render(seminar.description))], in: head)
        try tree.element("meta", [("name", "color-scheme"), ("content", "light dark")], in: head)
        try tree.element("meta", [("name", "generator"), ("content", context.generator.name + " " + context.generator.version)], in: head)
        // Feed autodiscovery: browsers and feed readers given the page's URL find the feeds.
        let feeds = [("application/atom+xml", "Atom feed", links.atom), ("application/rss+xml", "RSS feed", links.rss),
                     ("application/feed+json", "JSON Feed", links.jsonFeed)]
        for (type, kind, href) in feeds {
            try tree.element("link", [("rel", "alternate"), ("type", type), ("title", title + " (" + kind + ")"), ("href", href)], in: head)
        }
        try tree.element("style", text: WebPageAssets.css, in: head)
    }

    // MARK: Subscribe

    private static func writeSubscribe(_ tree: MarkupTree, _ parent: MarkupTree.Node, links: WebPageLinks) throws {
        let nav = try tree.element("nav", [("class", "subscribe"), ("aria-labelledby", "subscribe-heading")], in: parent)
        try tree.element("h2", [("id", "subscribe-heading")], text: "Subscribe", in: nav)
        let list = try tree.element("ul", in: nav)
        let entries = [
            (try links.webcalURL(), "Add to calendar", "subscribes your calendar app to every talk"),
            (links.calendar, "Calendar file (.ics)", "to import once"),
            (links.atom, "Atom feed", "for feed readers"),
            (links.rss, "RSS feed", "for feed readers"),
            (links.jsonFeed, "JSON Feed", "for feed readers"),
        ]
        for (href, label, note) in entries {
            let item = try tree.element("li", in: list)
            try tree.element("a", [("href", href)], text: label, in: item)
            try tree.text(" ", in: item)
            try tree.element("span", [("class", "note")], text: note, in: item)
        }
    }

    // MARK: Upcoming and past

    /// The two sections the script fills, hidden until it does. Past talks are grouped by
    /// the year of their start; one group per year that has a dated talk, newest first
    /// (the script unhides only the groups it puts talks in).
    private static func writeSplitSections(_ tree: MarkupTree, _ main: MarkupTree.Node, years: [Int]) throws {
        let upcoming = try tree.element("section", [("id", "upcoming"), ("aria-labelledby", "upcoming-heading"), ("hidden", "")], in: main)
        try tree.element("h2", [("id", "upcoming-heading")], text: "Upcoming talks", in: upcoming)
        try tree.element("p", [("id", "no-upcoming"), ("hidden", "")],
                         text: "No upcoming talk has been announced yet; subscribe to hear of the next one.", in: upcoming)

        let past = try tree.element("section", [("id", "past"), ("aria-labelledby", "past-heading"), ("hidden", "")], in: main)
        try tree.element("h2", [("id", "past-heading")], text: "Past talks", in: past)
        for year in years {
            let id = "past-" + String(year)
            let group = try tree.element("section", [("id", id), ("class", "year"), ("aria-labelledby", id + "-heading"), ("hidden", "")], in: past)
            try tree.element("h3", [("id", id + "-heading")], text: String(year), in: group)
        }
    }

    static func pastYears(_ talks: [Talk]) -> [Int] {
        Set(talks.compactMap { $0.start?.year }).sorted(by: >)
    }

    // MARK: Earlier years

    /// A frozen year as the page lists it: how many talks, and where its documents are,
    /// relative to the page.
    public struct ArchivedYear: Sendable, Equatable {
        public var year: Int
        public var talkCount: Int
        public var atom: String
        public var rss: String
        public var calendar: String

        public init(year: Int, talkCount: Int, atom: String, rss: String, calendar: String) {
            self.year = year
            self.talkCount = talkCount
            self.atom = atom
            self.rss = rss
            self.calendar = calendar
        }
    }

    /// Newest first, after the talks; shown with or without scripts, since every frozen
    /// year is past.
    private static func writeArchive(_ tree: MarkupTree, _ main: MarkupTree.Node, years: [ArchivedYear]) throws {
        guard !years.isEmpty else { return }
        let section = try tree.element("section", [("id", "archive"), ("aria-labelledby", "archive-heading")], in: main)
        try tree.element("h2", [("id", "archive-heading")], text: "Earlier years", in: section)
        try tree.element("p", [("class", "note")],
                         text: "Each earlier year is kept as a frozen archive: open its feed to read its talks, or add it to a feed reader.",
                         in: section)
        let list = try tree.element("ul", [("class", "years")], in: section)
        for entry in years.sorted(by: { $0.year > $1.year }) {
            let item = try tree.element("li", [("id", "archive-" + String(entry.year))], in: list)
            try tree.element("strong", text: String(entry.year), in: item)
            try tree.text(": " + String(entry.talkCount) + (entry.talkCount == 1 ? " talk" : " talks") + " · ", in: item)
            for (i, (href, label)) in [(entry.atom, "Atom feed"), (entry.rss, "RSS feed"), (entry.calendar, "calendar")].enumerated() {
                if i > 0 { try tree.text(" · ", in: item) }
                try tree.element("a", [("href", href)], text: label, in: item)
            }
        }
    }

    // MARK: Footer

    private static func writeFooter(_ tree: MarkupTree, _ body: MarkupTree.Node, seminar: Seminar,
                                    generator: FeedContext.Generator) throws
    {
        let footer = try tree.element("footer", in: body)
        try tree.element("h2", text: "Organisers and contact", in: footer)
        if !seminar.organisers.isEmpty {
            let organisers = try tree.element("p", in: footer)
            try tree.text("Organisers: ", in: organisers)
            for (i, person) in seminar.organisers.enumerated() {
                if i > 0 { try tree.text(", ", in: organisers) }
                try WebPageTalk.appendPerson(person, tree: tree, in: organisers)
            }
            try tree.text(".", in: organisers)
        }
        let contact = try tree.element("p", in: footer)
        try tree.text("To present your work, or for any information, contact ", in: contact)
        try WebPageTalk.appendPerson(Person(name: seminar.contact.name, url: seminar.contact.url), tree: tree, in: contact)
        if let email = seminar.contact.email {
            try tree.text(": ", in: contact)
            try tree.element("a", [("href", try PageText.checkedURL("mailto:" + email, context: "contact e-mail"))], text: email, in: contact)
        }
        try tree.text(".", in: contact)
        let colophon = try tree.element("p", [("class", "note")], in: footer)
        try tree.text("Page generated by ", in: colophon)
        if let uri = generator.uri {
            try tree.element("a", [("href", try PageText.checkedURL(uri, context: "generator"))], text: generator.name, in: colophon)
        } else {
            try tree.text(generator.name, in: colophon)
        }
        try tree.text(" " + generator.version + " from the seminar's talk archive. ", in: colophon)
        try tree.element("a", [("href", try PageText.checkedURL(seminar.homePage, context: "home page"))],
                         text: "The seminar's home page", in: colophon)
        try tree.text(".", in: colophon)
    }

    /// The description's paragraphs: blank lines separate them, as in an abstract.
    static func paragraphs(of text: String) -> [String] {
        var result: [String] = []
        var current: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.allSatisfy(\.isWhitespace) {
                if !current.isEmpty { result.append(current.joined(separator: "\n")) }
                current = []
            } else {
                current.append(line)
            }
        }
        if !current.isEmpty { result.append(current.joined(separator: "\n")) }
        return result
    }
}
