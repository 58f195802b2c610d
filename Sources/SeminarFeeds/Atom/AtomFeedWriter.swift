import SeminarArchive

/// Atom 1.0 (RFC 4287) documents of the seminar's talks, with the RFC 5005 archive links.
///
/// Pure: the same talks and context always give the same bytes; nothing is read from the
/// clock, the locale or the environment.
public enum AtomFeedWriter: StreamedFeedWriter {
    public static let mediaType = "application/atom+xml"

    /// Writes the talks in the order given (callers sort with `Talk.feedOrder`), handing
    /// the bytes to `sink` as they are written.
    public static func write(talks: [Talk], context: FeedContext, links: FeedDocumentLinks, to sink: any ByteSink) throws(FeedWriterError) {
        let seminar = context.seminar
        let w = try FeedEntry.startDocument(to: sink, links: links)

        try w.startElement("feed")
        try w.namespace(prefix: nil, uri: FeedFacts.atomNamespace)
        if links.isArchive { try w.namespace(prefix: "fh", uri: FeedFacts.historyNamespace) }
        try w.attribute("xml:lang", seminar.language)

        try w.element("id", FeedFacts.feedID(seminar))
        try w.element("title", seminar.title)
        try w.element("subtitle", FeedFacts.plainDescription(context))
        try w.element("updated", FeedFacts.updated(of: talks, links: links).rfc3339)
        // The feed's author covers entries without a speaker (RFC 4287 4.1.1 requires one).
        try writePerson(w, "author", name: seminar.contact.name, uri: nil, email: seminar.contact.email)
        try w.emptyElement("link", attributes: [("rel", "self"), ("type", mediaType), ("href", links.selfURL)])
        try w.emptyElement("link", attributes: [("rel", "alternate"), ("type", "text/html"), ("href", links.alternateURL)])
        for (rel, href) in links.archiveRelations {
            try w.emptyElement("link", attributes: [("rel", rel), ("type", mediaType), ("href", href)])
        }
        if links.isArchive { try w.emptyElement("fh:archive", attributes: []) }
        try writeGenerator(w, context.generator)

        try FeedEntry.forEach(of: talks, context: context) { entry throws(FeedWriterError) in try writeEntry(w, entry, seminar: seminar) }

        try w.endElement()
        try w.endDocument()
        try w.flush()
    }

    private static func writeEntry(_ w: XMLWriter, _ entry: FeedEntry, seminar: Seminar) throws(FeedWriterError) {
        let talk = entry.talk
        try w.startElement("entry")
        try w.element("id", entry.id)
        try w.element("title", entry.presentation.title)
        try w.element("published", talk.published.rfc3339)
        try w.element("updated", talk.updated.rfc3339)
        // Speakers' e-mail addresses are never published, only their names and pages.
        for speaker in talk.speakers {
            try writePerson(w, "author", name: speaker.name, uri: speaker.url, email: nil)
        }
        var alternate = [("rel", "alternate"), ("href", entry.alternateURL)]
        if entry.alternateIsPage { alternate.insert(("type", "text/html"), at: 1) }
        try w.emptyElement("link", attributes: alternate)
        if let meeting = entry.relatedMeeting {
            try w.emptyElement("link", attributes: [("rel", "related"), ("href", meeting), ("title", "Join the meeting")])
        }
        for link in talk.links {
            try w.emptyElement("link", attributes: [("rel", "related"), ("href", link.url), ("title", link.title)])
        }
        try w.emptyElement("category", attributes: [
            ("term", talk.status.rawValue), ("scheme", FeedFacts.statusScheme(seminar)),
            ("label", FeedEntry.label(talk.status)),
        ])
        try w.element("summary", entry.presentation.summary)
        try entry.writeHTML(w, in: "content", attributes: [("type", "html")])
        try w.endElement()
    }

    private static func writePerson(_ w: XMLWriter, _ element: String, name: String, uri: String?, email: String?) throws(FeedWriterError) {
        try w.startElement(element)
        try w.element("name", name)
        if let uri { try w.element("uri", uri) }
        if let email { try w.element("email", email) }
        try w.endElement()
    }

    private static func writeGenerator(_ w: XMLWriter, _ g: FeedContext.Generator) throws(FeedWriterError) {
        var attributes: [(String, String)] = []
        if let uri = g.uri { attributes.append(("uri", uri)) }
        attributes.append(("version", g.version))
        try w.element("generator", g.name, attributes: attributes)
    }
}
