import LaTeX
import SeminarArchive

/// Where a feed document sits: its own URL, the page it stands for, and for the yearly
/// archive documents of RFC 5005 ("Feed Paging and Archiving") its neighbours.
public struct FeedDocumentLinks: Sendable, Equatable {
    /// Absolute URL of this document (`rel="self"`).
    public var selfURL: String
    /// The seminar's page for people (`rel="alternate"`).
    public var alternateURL: String
    /// RFC 5005 `current`: the subscription document, from an archive document.
    public var current: String?
    /// RFC 5005 `prev-archive`: the archive document just before this one.
    public var prevArchive: String?
    /// RFC 5005 `next-archive`: the archive document just after this one.
    public var nextArchive: String?
    /// Writes `<fh:archive/>`: this document is an archive document, whose entries do not
    /// change (RFC 5005 section 4).
    public var isArchive: Bool
    /// When set, an `<?xml-stylesheet type="text/xsl" href="…"?>` instruction goes before
    /// the root element, so that browsers show the feed as a page.
    public var stylesheet: String?
    /// For a subscription document: the newest `updated` of the talks that left it for the
    /// archive documents, its date when no talk is left in it.
    public var archivedTalksUpdated: Instant?

    public init(
        selfURL: String, alternateURL: String, current: String? = nil, prevArchive: String? = nil,
        nextArchive: String? = nil, isArchive: Bool = false, stylesheet: String? = nil, archivedTalksUpdated: Instant? = nil
    ) {
        self.selfURL = selfURL
        self.alternateURL = alternateURL
        self.current = current
        self.prevArchive = prevArchive
        self.nextArchive = nextArchive
        self.isArchive = isArchive
        self.stylesheet = stylesheet
        self.archivedTalksUpdated = archivedTalksUpdated
    }

    /// The RFC 5005 links that are set, as (relation, URL), in a fixed order.
    var archiveRelations: [(rel: String, href: String)] {
        [("current", current), ("prev-archive", prevArchive), ("next-archive", nextArchive)]
            .compactMap { rel, href in href.map { (rel, $0) } }
    }
}

/// A feed format written as it goes (Atom, RSS): into a sink, or into memory.
public protocol StreamedFeedWriter {
    /// Writes the talks in the order given (callers sort with `Talk.feedOrder`), handing
    /// the bytes to `sink` as they are written.
    static func write(talks: [Talk], context: FeedContext, links: FeedDocumentLinks, to sink: any ByteSink) throws(FeedWriterError)
}

extension StreamedFeedWriter {
    /// The whole document in memory: for the tests and `seminar verify`.
    public static func write(talks: [Talk], context: FeedContext, links: FeedDocumentLinks) throws(FeedWriterError) -> [UInt8] {
        let out = ByteCollector()
        try write(talks: talks, context: context, links: links, to: out)
        return out.bytes
    }
}

/// What the Atom and RSS documents derive from the archive in the same way.
public enum FeedFacts {
    /// The `updated` of a feed with no talk, in an archive with none. A document's date
    /// must come from the archive, never from the clock (the same archive must give the
    /// same bytes), and an empty archive has nothing to offer: the Unix epoch says "never
    /// changed". The first talk added moves it forward.
    public static let emptyFeedUpdated = Instant(secondsSince1970: 0)

    /// The feed's `updated`: the newest `updated` of its talks; with none (every year
    /// frozen), that of the talks it held before (`archivedTalksUpdated`).
    public static func updated(of talks: some Sequence<Talk>, links: FeedDocumentLinks) -> Instant {
        talks.lazy.map(\.updated).max() ?? links.archivedTalksUpdated ?? emptyFeedUpdated
    }

    /// The permanent id of the seminar's feed. The current document and the yearly archive
    /// documents are pages of one logical feed (RFC 5005), so they share it.
    public static func feedID(_ seminar: Seminar) -> String { seminar.idPrefix + "feed" }

    /// The category scheme of talk statuses (`scheduled`, `cancelled`, `postponed`).
    public static func statusScheme(_ seminar: Seminar) -> String { seminar.feedsBaseURL + "status" }

    /// The seminar description as plain text.
    static func plainDescription(_ context: FeedContext) -> String {
        PlainTextRenderer.render(context.seminar.description, rules: context.linearMath)
    }

    static let atomNamespace = "http://www.w3.org/2005/Atom"
    static let historyNamespace = "http://purl.org/syndication/history/1.0"
    static let dublinCoreNamespace = "http://purl.org/dc/elements/1.1/"
}

/// One talk, ready for any feed format: its presentation and the few things the feeds
/// add. Building it also refuses talks that would give a wrong or leaking document.
struct FeedEntry {
    let presentation: TalkPresentation
    let id: String
    /// The talk's page; where talks have none (archive documents of formats 1 to 3), the
    /// meeting link when it is public and offered, else the seminar's home page.
    let alternateURL: String
    /// Whether `alternateURL` is a web page (not a meeting link).
    let alternateIsPage: Bool
    /// The meeting link, offered beside the talk's page (Atom `related`).
    let relatedMeeting: String?
    /// `content` serialized: the text of Atom `content type="html"` and RSS `description`.
    let html: String
    let htmlEmbedding: HTMLEmbedding

    var talk: Talk { presentation.talk }

    init(_ talk: Talk, context: FeedContext) throws(FeedWriterError) {
        do throws(FeedWriterError) {
            let seminar = context.seminar
            if talk.start != nil && context.zones[talk.timeZone] == nil {
                throw FeedWriterError.unknownTimeZone(talk.timeZone)
            }
            // The presentation shows `meeting` whenever it is set; a private link reaching
            // this point would be published.
            if talk.meeting != nil && seminar.isMeetingPrivate(talk) {
                throw FeedWriterError.privateMeetingLink
            }
            presentation = context.presentation(of: talk)
            id = seminar.entryID(of: talk)
            let offeredMeeting = presentation.offersMeeting ? talk.meeting : nil
            switch context.talkPages {
            case .published:
                alternateURL = seminar.feedsBaseURL + TalkPageAddress.page(of: talk.id)
                alternateIsPage = true
                relatedMeeting = offeredMeeting
            case .absent:
                alternateURL = offeredMeeting ?? seminar.homePage
                alternateIsPage = offeredMeeting == nil
                relatedMeeting = nil
            }
            html = try presentation.contentHTML()
            htmlEmbedding = context.htmlEmbedding
        } catch {
            throw .inTalk(id: talk.id, error)
        }
    }

    /// Writes the entry of each of `talks`, in their order, with `write` (what Atom and RSS
    /// both do); a problem in one is reported as that talk's. Each entry is made as it is
    /// written: a list of every entry, made first, was 4.5 MB of a 10,000-talk build's peak
    /// memory, twice over with Atom and RSS side by side.
    static func forEach(of talks: [Talk], context: FeedContext, _ write: (FeedEntry) throws(FeedWriterError) -> Void) throws(FeedWriterError) {
        for talk in talks {
            let entry = try FeedEntry(talk, context: context)
            do { try write(entry) } catch { throw .inTalk(id: talk.id, error) }
        }
    }

    /// A writer for a feed, handing its bytes to `sink`, with the XML declaration and the
    /// stylesheet instruction (for people who open the feed in a browser) written.
    static func startDocument(to sink: any ByteSink, links: FeedDocumentLinks) throws(FeedWriterError) -> XMLWriter {
        let w = try XMLWriter(indent: true, to: sink)
        try w.startDocument()
        if let stylesheet = links.stylesheet {
            try w.processingInstruction("xml-stylesheet", XMLPseudoAttributes.stylesheet(href: stylesheet))
        }
        return w
    }

    /// `<name a="…">html</name>`, with the entry's HTML carried as the context says.
    func writeHTML(_ w: XMLWriter, in name: String, attributes: [(String, String)] = []) throws(FeedWriterError) {
        try w.startElement(name)
        for (n, v) in attributes { try w.attribute(n, v) }
        switch htmlEmbedding {
        case .escapedText: try w.text(html)
        case .cdataSections: try w.cdata(html)
        }
        try w.endElement()
    }

    static func label(_ status: TalkStatus) -> String {
        switch status {
        case .scheduled: return "Scheduled"
        case .cancelled: return "Cancelled"
        case .postponed: return "Postponed"
        }
    }
}
