import SeminarArchive

/// RSS 2.0 documents of the seminar's talks, for the readers that still want RSS.
///
/// What RSS lacks is borrowed the usual way: `atom:link` for the self link and the RFC 5005
/// archive links (RFC 5005 appendix B), `fh:archive` for archive documents, and Dublin
/// Core `dc:creator` for speakers, because RSS `author` must be an e-mail address and
/// speakers' addresses are neither known nor published.
///
/// Pure: the same talks and context always give the same bytes.
public enum RSSFeedWriter: StreamedFeedWriter {
    public static let mediaType = "application/rss+xml"

    /// Writes the talks in the order given (callers sort with `Talk.feedOrder`), handing
    /// the bytes to `sink` as they are written.
    public static func write(talks: [Talk], context: FeedContext, links: FeedDocumentLinks, to sink: any ByteSink) throws(FeedWriterError) {
        let seminar = context.seminar
        let w = try FeedEntry.startDocument(to: sink, links: links)

        try w.startElement("rss")
        try w.attribute("version", "2.0")
        try w.namespace(prefix: "atom", uri: FeedFacts.atomNamespace)
        try w.namespace(prefix: "dc", uri: FeedFacts.dublinCoreNamespace)
        if links.isArchive { try w.namespace(prefix: "fh", uri: FeedFacts.historyNamespace) }

        try w.startElement("channel")
        try w.element("title", seminar.title)
        try w.element("link", links.alternateURL)
        try w.element("description", FeedFacts.plainDescription(context))
        try w.element("language", seminar.language)
        if let email = seminar.contact.email {
            // RSS wants "address (Name)" here.
            let editor = email + " (" + seminar.contact.name + ")"
            try w.element("managingEditor", editor)
            try w.element("webMaster", editor)
        }
        // Both dates are the newest change of a talk, never the build time.
        let updated = FeedFacts.updated(of: talks, links: links).rfc822
        try w.element("pubDate", updated)
        try w.element("lastBuildDate", updated)
        try w.element("generator", context.generator.name + " " + context.generator.version)
        try w.element("docs", "https://www.rssboard.org/rss-specification")
        try w.emptyElement("atom:link", attributes: [("rel", "self"), ("type", mediaType), ("href", links.selfURL)])
        for (rel, href) in links.archiveRelations {
            try w.emptyElement("atom:link", attributes: [("rel", rel), ("type", mediaType), ("href", href)])
        }
        if links.isArchive { try w.emptyElement("fh:archive", attributes: []) }

        try FeedEntry.forEach(of: talks, context: context) { entry throws(FeedWriterError) in try writeItem(w, entry, seminar: seminar) }

        try w.endElement()  // channel
        try w.endElement()  // rss
        try w.endDocument()
        try w.flush()
    }

    private static func writeItem(_ w: XMLWriter, _ entry: FeedEntry, seminar: Seminar) throws(FeedWriterError) {
        let talk = entry.talk
        try w.startElement("item")
        try w.element("title", entry.presentation.title)
        try w.element("link", entry.alternateURL)
        try entry.writeHTML(w, in: "description")
        for speaker in talk.speakers { try w.element("dc:creator", speaker.name) }
        try w.element("category", talk.status.rawValue, attributes: [("domain", FeedFacts.statusScheme(seminar))])
        // A tag: URI is no address to visit, hence isPermaLink="false".
        try w.element("guid", entry.id, attributes: [("isPermaLink", "false")])
        try w.element("pubDate", talk.published.rfc822)
        try w.endElement()
    }
}
