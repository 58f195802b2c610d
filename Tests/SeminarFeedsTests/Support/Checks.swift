import FeedTestSupport
import Foundation
import LaTeX
import SeminarArchive
import Testing
@testable import SeminarFeeds

/// What a talk's entry must say, computed from the talk alone (plus the presentation,
/// which the writers are required to use as it is).
struct Expected {
    let id: String
    let title: String
    let published: Instant
    let updated: Instant
    let speakers: [Person]
    let alternate: String
    /// The talk's links, as the HTML content lists them.
    let related: [TalkLink]
    /// Atom's `related` links before the talk's own: the meeting, beside the talk's page.
    let linkedRelated: [TalkLink]
    let status: String
    let summary: String
    let abstract: String
    let when: String

    init(_ talk: Talk, _ context: FeedContext) {
        let p = TalkPresentation(talk, context: context)
        let seminar = context.seminar
        id = seminar.entryID(of: talk)
        title = p.title
        published = talk.published
        updated = talk.updated
        speakers = talk.speakers
        // A talk cancelled or postponed offers no meeting (unless a frozen year's format did).
        let offered = talk.status == .scheduled || context.meetingOfTalksNotHappening == .offered
        let meeting = talk.meetingIsPrivate || !offered ? nil : talk.meeting
        related = talk.links
        switch context.talkPages {
        case .published:
            // The entry leads to the talk's page; the meeting stays one click away.
            alternate = seminar.feedsBaseURL + "talks/" + talk.id + ".html"
            linkedRelated = meeting.map { [TalkLink(title: "Join the meeting", url: $0)] } ?? []
        case .absent:
            alternate = meeting ?? seminar.homePage
            linkedRelated = []
        }
        status = talk.status.rawValue
        summary = p.summary
        abstract = p.plainAbstract
        when = p.when
    }
}

/// The text a reader sees in an HTML fragment written by `XMLWriter.html` (which is also
/// well-formed XML, so libxml2's XML parser reads it).
func visibleText(ofHTML html: String) throws -> String {
    try ParsedXML(Array(("<div>" + html + "</div>").utf8)).rootText
}

/// The HTML of Atom `content` and RSS `description`: abstract, date, talk links.
func checkHTML(_ html: String, _ e: Expected, _ at: String, _ sourceLocation: SourceLocation) throws {
    let fragment = try ParsedXML(Array(("<div>" + html + "</div>").utf8))
    #expect(fragment.rootText.contains(e.abstract), "\(at): HTML lacks the abstract", sourceLocation: sourceLocation)
    #expect(fragment.rootText.contains(e.when), "\(at): HTML lacks the date", sourceLocation: sourceLocation)
    #expect(fragment.strings("/div/ul/li/a/@href") == e.related.map(\.url), "\(at)", sourceLocation: sourceLocation)
    #expect(fragment.strings("/div/ul/li/a") == e.related.map(\.title), "\(at)", sourceLocation: sourceLocation)
}

enum AtomChecks {
    /// Parses, validates against RFC 4287's schema, and checks every field of the feed and
    /// of every entry against the talks.
    @discardableResult
    static func verify(_ bytes: [UInt8], talks: [Talk], context: FeedContext, links: FeedDocumentLinks,
                       sourceLocation: SourceLocation = #_sourceLocation) throws -> ParsedXML {
        let doc = try ParsedXML(bytes, namespaces: ParsedXML.atomNamespaces)
        let violations = try AtomSchema.violations(of: doc)
        #expect(violations.isEmpty, "RFC 4287 schema: \(violations.joined(separator: "\n"))", sourceLocation: sourceLocation)

        let seminar = context.seminar
        #expect(doc.string("/a:feed/a:id") == FeedFacts.feedID(seminar), sourceLocation: sourceLocation)
        #expect(doc.string("/a:feed/a:title") == seminar.title, sourceLocation: sourceLocation)
        #expect(doc.string("/a:feed/a:subtitle") == PlainTextRenderer.render(seminar.description), sourceLocation: sourceLocation)
        #expect(doc.string("/a:feed/a:updated") == FeedFacts.updated(of: talks, links: links).rfc3339, sourceLocation: sourceLocation)
        #expect(doc.string("/a:feed/@xml:lang") == seminar.language, sourceLocation: sourceLocation)
        #expect(doc.string("/a:feed/a:author/a:name") == seminar.contact.name, sourceLocation: sourceLocation)
        #expect(doc.string("/a:feed/a:author/a:email") == seminar.contact.email, sourceLocation: sourceLocation)
        #expect(doc.string("/a:feed/a:link[@rel='self']/@href") == links.selfURL, sourceLocation: sourceLocation)
        #expect(doc.string("/a:feed/a:link[@rel='self']/@type") == "application/atom+xml", sourceLocation: sourceLocation)
        #expect(doc.string("/a:feed/a:link[@rel='alternate']/@href") == links.alternateURL, sourceLocation: sourceLocation)
        #expect(doc.string("/a:feed/a:link[@rel='alternate']/@type") == "text/html", sourceLocation: sourceLocation)
        #expect(doc.strings("/a:feed/a:link[@rel='current']/@href") == (links.current.map { [$0] } ?? []), sourceLocation: sourceLocation)
        #expect(doc.strings("/a:feed/a:link[@rel='prev-archive']/@href") == (links.prevArchive.map { [$0] } ?? []), sourceLocation: sourceLocation)
        #expect(doc.strings("/a:feed/a:link[@rel='next-archive']/@href") == (links.nextArchive.map { [$0] } ?? []), sourceLocation: sourceLocation)
        #expect(doc.count("/a:feed/fh:archive") == (links.isArchive ? 1 : 0), sourceLocation: sourceLocation)
        #expect(doc.string("/a:feed/a:generator") == context.generator.name, sourceLocation: sourceLocation)
        #expect(doc.string("/a:feed/a:generator/@version") == context.generator.version, sourceLocation: sourceLocation)
        #expect(doc.strings("/a:feed/a:generator/@uri") == (context.generator.uri.map { [$0] } ?? []), sourceLocation: sourceLocation)

        let entries = doc.nodes("/a:feed/a:entry")
        #expect(entries.count == talks.count, sourceLocation: sourceLocation)
        for (node, talk) in zip(entries, talks) {
            let e = Expected(talk, context)
            let at = "entry \(talk.id)"
            #expect(doc.string("a:id", from: node) == e.id, "\(at)", sourceLocation: sourceLocation)
            #expect(doc.string("a:title", from: node) == e.title, "\(at)", sourceLocation: sourceLocation)
            #expect(doc.string("a:published", from: node) == e.published.rfc3339, "\(at)", sourceLocation: sourceLocation)
            #expect(doc.string("a:updated", from: node) == e.updated.rfc3339, "\(at)", sourceLocation: sourceLocation)
            #expect(doc.strings("a:author/a:name", from: node) == e.speakers.map(\.name), "\(at)", sourceLocation: sourceLocation)
            #expect(doc.strings("a:author/a:uri", from: node) == e.speakers.compactMap(\.url), "\(at)", sourceLocation: sourceLocation)
            #expect(doc.count("a:author/a:email", from: node) == 0, "\(at): speakers' e-mail is never published", sourceLocation: sourceLocation)
            #expect(doc.string("a:link[@rel='alternate']/@href", from: node) == e.alternate, "\(at)", sourceLocation: sourceLocation)
            #expect(doc.strings("a:link[@rel='related']/@href", from: node) == (e.linkedRelated + e.related).map(\.url), "\(at)", sourceLocation: sourceLocation)
            #expect(doc.strings("a:link[@rel='related']/@title", from: node) == (e.linkedRelated + e.related).map(\.title), "\(at)", sourceLocation: sourceLocation)
            #expect(doc.string("a:category/@term", from: node) == e.status, "\(at)", sourceLocation: sourceLocation)
            #expect(doc.string("a:category/@scheme", from: node) == seminar.feedsBaseURL + "status", "\(at)", sourceLocation: sourceLocation)
            #expect(doc.string("a:summary", from: node) == e.summary, "\(at)", sourceLocation: sourceLocation)
            #expect(doc.string("a:content/@type", from: node) == "html", "\(at)", sourceLocation: sourceLocation)
            let html = try #require(doc.string("a:content", from: node), sourceLocation: sourceLocation)
            try checkHTML(html, e, at, sourceLocation)
            // RFC 4287's Schematron rules, which RELAX NG validators ignore.
            #expect(doc.count("a:author", from: node) > 0 || doc.count("/a:feed/a:author") > 0, sourceLocation: sourceLocation)
            #expect(doc.count("a:link[@rel='alternate'] | a:content", from: node) > 0, sourceLocation: sourceLocation)
        }
        return doc
    }

    /// feedparser reads the document without complaint and finds the same values.
    static func verifyWithFeedParser(_ bytes: [UInt8], talks: [Talk], context: FeedContext, links: FeedDocumentLinks,
                                     sourceLocation: SourceLocation = #_sourceLocation) throws {
        let d = try FeedParser.parse(bytes, fileExtension: "atom")
        #expect(d["bozo"] as? Int == 0, "feedparser bozo: \(d["bozo_exception"] ?? "")", sourceLocation: sourceLocation)
        #expect(d["version"] as? String == "atom10", sourceLocation: sourceLocation)
        let feed = try #require(d["feed"] as? [String: Any], sourceLocation: sourceLocation)
        #expect(feed["title"] as? String == context.seminar.title, sourceLocation: sourceLocation)
        #expect(feed["id"] as? String == FeedFacts.feedID(context.seminar), sourceLocation: sourceLocation)
        #expect(feed["updated"] as? Int64 == FeedFacts.updated(of: talks, links: links).secondsSince1970, sourceLocation: sourceLocation)
        let feedLinks = (feed["links"] as? [[String: Any]]) ?? []
        #expect(feedLinks.contains { $0["rel"] as? String == "self" && $0["href"] as? String == links.selfURL }, sourceLocation: sourceLocation)
        #expect(feedLinks.contains { $0["rel"] as? String == "alternate" && $0["href"] as? String == links.alternateURL }, sourceLocation: sourceLocation)

        let entries = (d["entries"] as? [[String: Any]]) ?? []
        #expect(entries.count == talks.count, sourceLocation: sourceLocation)
        for (entry, talk) in zip(entries, talks) {
            let e = Expected(talk, context)
            let at = "entry \(talk.id)"
            #expect(entry["id"] as? String == e.id, "\(at)", sourceLocation: sourceLocation)
            #expect(entry["title"] as? String == e.title, "\(at)", sourceLocation: sourceLocation)
            #expect(entry["published"] as? Int64 == e.published.secondsSince1970, "\(at)", sourceLocation: sourceLocation)
            #expect(entry["updated"] as? Int64 == e.updated.secondsSince1970, "\(at)", sourceLocation: sourceLocation)
            let entryLinks = (entry["links"] as? [[String: Any]]) ?? []
            #expect(entryLinks.filter { $0["rel"] as? String == "alternate" }.map { $0["href"] as? String } == [e.alternate], "\(at)", sourceLocation: sourceLocation)
            #expect(entryLinks.filter { $0["rel"] as? String == "related" }.map { $0["href"] as? String ?? "" } == (e.linkedRelated + e.related).map(\.url), "\(at)", sourceLocation: sourceLocation)
            #expect(entryLinks.filter { $0["rel"] as? String == "related" }.map { $0["title"] as? String ?? "" } == (e.linkedRelated + e.related).map(\.title), "\(at)", sourceLocation: sourceLocation)
            let authors = (entry["authors"] as? [[String: Any]]) ?? []
            #expect(authors.map { $0["name"] as? String ?? "" } == e.speakers.map(\.name), "\(at)", sourceLocation: sourceLocation)
            #expect(authors.map { $0["href"] as? String } == e.speakers.map(\.url), "\(at)", sourceLocation: sourceLocation)
            let tags = (entry["tags"] as? [[String: Any]]) ?? []
            #expect(tags.map { $0["term"] as? String ?? "" } == [e.status], "\(at)", sourceLocation: sourceLocation)
            // feedparser strips surrounding whitespace (the archive has an abstract ending in U+00A0).
            #expect(entry["summary"] as? String == e.summary.trimmingCharacters(in: .whitespacesAndNewlines), "\(at)", sourceLocation: sourceLocation)
        }
    }
}

enum RSSChecks {
    @discardableResult
    static func verify(_ bytes: [UInt8], talks: [Talk], context: FeedContext, links: FeedDocumentLinks,
                       sourceLocation: SourceLocation = #_sourceLocation) throws -> ParsedXML {
        let doc = try ParsedXML(bytes, namespaces: ParsedXML.rssNamespaces)
        let seminar = context.seminar
        let updated = FeedFacts.updated(of: talks, links: links).rfc822
        #expect(doc.string("/rss/@version") == "2.0", sourceLocation: sourceLocation)
        #expect(doc.count("/rss/channel") == 1, sourceLocation: sourceLocation)
        #expect(doc.string("/rss/channel/title") == seminar.title, sourceLocation: sourceLocation)
        #expect(doc.string("/rss/channel/link") == links.alternateURL, sourceLocation: sourceLocation)
        #expect(doc.string("/rss/channel/description") == PlainTextRenderer.render(seminar.description), sourceLocation: sourceLocation)
        #expect(doc.string("/rss/channel/language") == seminar.language, sourceLocation: sourceLocation)
        #expect(doc.string("/rss/channel/pubDate") == updated, sourceLocation: sourceLocation)
        #expect(doc.string("/rss/channel/lastBuildDate") == updated, sourceLocation: sourceLocation)
        let editor = seminar.contact.email.map { $0 + " (" + seminar.contact.name + ")" }
        #expect(doc.strings("/rss/channel/managingEditor") == (editor.map { [$0] } ?? []), sourceLocation: sourceLocation)
        #expect(doc.strings("/rss/channel/webMaster") == (editor.map { [$0] } ?? []), sourceLocation: sourceLocation)
        #expect(doc.string("/rss/channel/generator") == context.generator.name + " " + context.generator.version, sourceLocation: sourceLocation)
        #expect(doc.string("/rss/channel/atom:link[@rel='self']/@href") == links.selfURL, sourceLocation: sourceLocation)
        #expect(doc.string("/rss/channel/atom:link[@rel='self']/@type") == "application/rss+xml", sourceLocation: sourceLocation)
        #expect(doc.strings("/rss/channel/atom:link[@rel='current']/@href") == (links.current.map { [$0] } ?? []), sourceLocation: sourceLocation)
        #expect(doc.strings("/rss/channel/atom:link[@rel='prev-archive']/@href") == (links.prevArchive.map { [$0] } ?? []), sourceLocation: sourceLocation)
        #expect(doc.strings("/rss/channel/atom:link[@rel='next-archive']/@href") == (links.nextArchive.map { [$0] } ?? []), sourceLocation: sourceLocation)
        #expect(doc.count("/rss/channel/fh:archive") == (links.isArchive ? 1 : 0), sourceLocation: sourceLocation)

        let items = doc.nodes("/rss/channel/item")
        #expect(items.count == talks.count, sourceLocation: sourceLocation)
        for (node, talk) in zip(items, talks) {
            let e = Expected(talk, context)
            let at = "item \(talk.id)"
            #expect(doc.string("title", from: node) == e.title, "\(at)", sourceLocation: sourceLocation)
            #expect(doc.string("link", from: node) == e.alternate, "\(at)", sourceLocation: sourceLocation)
            #expect(doc.string("guid", from: node) == e.id, "\(at)", sourceLocation: sourceLocation)
            #expect(doc.string("guid/@isPermaLink", from: node) == "false", "\(at)", sourceLocation: sourceLocation)
            #expect(doc.string("pubDate", from: node) == e.published.rfc822, "\(at)", sourceLocation: sourceLocation)
            #expect(doc.strings("dc:creator", from: node) == e.speakers.map(\.name), "\(at)", sourceLocation: sourceLocation)
            #expect(doc.count("author", from: node) == 0, "\(at): RSS author needs an e-mail; speakers get dc:creator", sourceLocation: sourceLocation)
            #expect(doc.string("category", from: node) == e.status, "\(at)", sourceLocation: sourceLocation)
            #expect(doc.string("category/@domain", from: node) == seminar.feedsBaseURL + "status", "\(at)", sourceLocation: sourceLocation)
            let html = try #require(doc.string("description", from: node), sourceLocation: sourceLocation)
            try checkHTML(html, e, at, sourceLocation)
        }
        return doc
    }

    static func verifyWithFeedParser(_ bytes: [UInt8], talks: [Talk], context: FeedContext, links: FeedDocumentLinks,
                                     sourceLocation: SourceLocation = #_sourceLocation) throws {
        let d = try FeedParser.parse(bytes, fileExtension: "rss")
        #expect(d["bozo"] as? Int == 0, "feedparser bozo: \(d["bozo_exception"] ?? "")", sourceLocation: sourceLocation)
        #expect(d["version"] as? String == "rss20", sourceLocation: sourceLocation)
        let feed = try #require(d["feed"] as? [String: Any], sourceLocation: sourceLocation)
        #expect(feed["title"] as? String == context.seminar.title, sourceLocation: sourceLocation)
        #expect(feed["updated"] as? Int64 == FeedFacts.updated(of: talks, links: links).secondsSince1970, sourceLocation: sourceLocation)
        #expect(feed["language"] as? String == context.seminar.language, sourceLocation: sourceLocation)
        let feedLinks = (feed["links"] as? [[String: Any]]) ?? []
        #expect(feedLinks.contains { $0["rel"] as? String == "self" && $0["href"] as? String == links.selfURL }, sourceLocation: sourceLocation)

        let entries = (d["entries"] as? [[String: Any]]) ?? []
        #expect(entries.count == talks.count, sourceLocation: sourceLocation)
        for (entry, talk) in zip(entries, talks) {
            let e = Expected(talk, context)
            let at = "item \(talk.id)"
            #expect(entry["id"] as? String == e.id, "\(at)", sourceLocation: sourceLocation)
            #expect(entry["title"] as? String == e.title, "\(at)", sourceLocation: sourceLocation)
            #expect(entry["published"] as? Int64 == e.published.secondsSince1970, "\(at)", sourceLocation: sourceLocation)
            let entryLinks = (entry["links"] as? [[String: Any]]) ?? []
            #expect(entryLinks.filter { $0["rel"] as? String == "alternate" }.map { $0["href"] as? String } == [e.alternate], "\(at)", sourceLocation: sourceLocation)
            let authors = (entry["authors"] as? [[String: Any]]) ?? []
            #expect(authors.map { $0["name"] as? String ?? "" } == e.speakers.map(\.name), "\(at)", sourceLocation: sourceLocation)
            let tags = (entry["tags"] as? [[String: Any]]) ?? []
            #expect(tags.map { $0["term"] as? String ?? "" } == [e.status], "\(at)", sourceLocation: sourceLocation)
        }
    }
}
