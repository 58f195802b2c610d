import Foundation
import LaTeX
import SeminarArchive

/// The seminar's talks as a JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/).
///
/// The document is encoded from Codable values with sorted keys, so the bytes depend
/// only on the talks and the context: the same archive gives the same file.
///
/// Foundation's JSONEncoder holds a whole document (as values, then as bytes) while it
/// encodes it; a feed of thousands of talks would be held three times over. So the feed
/// is encoded item by item into a sink, in exactly the bytes JSONEncoder gives for the
/// whole document (`JSONFeedFrame` says how).
public enum JSONFeedWriter {
    public static let version = "https://jsonfeed.org/version/1.1"

    /// Every talk, in feed order (talks to be defined first, then newest first), with
    /// the same wording as the Atom and RSS feeds.
    public static func write(talks: [Talk], context: FeedContext, feedURL: String, homePageURL: String) throws -> [UInt8] {
        let out = ByteCollector()
        try write(talks: talks, context: context, feedURL: feedURL, homePageURL: homePageURL, to: out)
        return out.bytes
    }

    /// The same bytes, handed to `sink` a few items at a time.
    public static func write(talks: [Talk], context: FeedContext, feedURL: String, homePageURL: String, to sink: any ByteSink) throws {
        let encoder = JSONFeedFrame.encoder()
        let frame = try JSONFeedFrame(encoder.encode(document(context: context, feedURL: feedURL, homePageURL: homePageURL)),
                                      version: encoder.encode(version))
        var items = JSONFeedFrame.Items(into: sink)
        try sink.write(frame.head)
        for talk in Talk.inFeedOrder(talks) {
            try items.append(encoder.encode(item(context.presentation(of: talk), seminar: context.seminar, homePageURL: homePageURL)))
        }
        try items.end(empty: frame.emptyItems)
        try sink.write(frame.tail)
    }

    /// The document without its items.
    static func document(context: FeedContext, feedURL: String, homePageURL: String) -> JSONFeedDocument {
        let seminar = context.seminar
        return JSONFeedDocument(
            version: version,
            title: seminar.title,
            homePageURL: homePageURL,
            feedURL: feedURL,
            description: seminar.description.components(separatedBy: "\n\n").map { PlainTextRenderer.render($0, rules: context.linearMath) }
                .filter { !$0.isEmpty }.joined(separator: "\n\n"),
            language: seminar.language,
            authors: [JSONFeedDocument.Author(name: seminar.contact.name,
                                              url: seminar.contact.url ?? seminar.contact.email.map { "mailto:" + $0 })],
            items: []
        )
    }

    static func item(_ p: TalkPresentation, seminar: Seminar, homePageURL: String) throws -> JSONFeedDocument.Item {
        let talk = p.talk
        return JSONFeedDocument.Item(
            id: seminar.entryID(of: talk),
            url: seminar.feedsBaseURL + TalkPageAddress.page(of: talk.id),
            // The meeting, one click away: the spec's "page elsewhere" the item is about.
            externalURL: p.offersMeeting ? talk.meeting : nil,
            title: p.title,
            contentHTML: try p.contentHTML(),
            contentText: p.summary,
            summary: p.when,
            datePublished: talk.published.rfc3339,
            dateModified: talk.updated.rfc3339,
            authors: talk.speakers.map { JSONFeedDocument.Author(name: $0.name, url: $0.url) },
            tags: [talk.status.rawValue],
            attachments: talk.links.isEmpty ? nil : talk.links.map {
                JSONFeedDocument.Attachment(url: $0.url, mimeType: mimeType(of: $0.url), title: $0.title)
            }
        )
    }

    /// The spec requires a MIME type for attachments; talk links are slides and papers
    /// (PDF) or pages (videos, arXiv abstracts), and the URL's extension is all we know.
    static func mimeType(of url: String) -> String {
        var path = Substring(url)
        if let end = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<end] }
        return path.lowercased().hasSuffix(".pdf") ? "application/pdf" : "text/html"
    }
}

/// The JSON Feed document, as the spec names its fields. Optional fields left nil are
/// left out of the output.
struct JSONFeedDocument: Encodable {
    var version: String
    var title: String
    var homePageURL: String
    var feedURL: String
    var description: String
    var language: String
    var authors: [Author]
    var items: [Item]

    /// Without `version`, which `JSONFeedFrame` writes first.
    enum CodingKeys: String, CodingKey {
        case title, description, language, authors, items
        case homePageURL = "home_page_url", feedURL = "feed_url"
    }

    struct Author: Encodable {
        var name: String
        var url: String?
    }

    struct Item: Encodable {
        var id: String
        var url: String
        var externalURL: String?
        var title: String
        var contentHTML: String
        var contentText: String
        var summary: String
        var datePublished: String
        var dateModified: String
        var authors: [Author]
        var tags: [String]
        var attachments: [Attachment]?

        enum CodingKeys: String, CodingKey {
            case id, url, title, summary, authors, tags, attachments
            case contentHTML = "content_html", contentText = "content_text"
            case datePublished = "date_published", dateModified = "date_modified"
            case externalURL = "external_url"
        }
    }

    struct Attachment: Encodable {
        var url: String
        var mimeType: String
        var title: String

        enum CodingKeys: String, CodingKey {
            case url, title
            case mimeType = "mime_type"
        }
    }
}
