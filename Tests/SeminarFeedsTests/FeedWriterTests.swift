import CLibXML2
import FeedTestSupport
import Foundation
import SeminarArchive
import Testing
@testable import SeminarFeeds

@Suite struct AtomFeedWriterTests {
    @Test func archiveAndSyntheticTalksGiveAValidCompleteFeed() throws {
        let c = try Corpus.load()
        let links = TestArchive.links(c.seminar)
        let bytes = try AtomFeedWriter.write(talks: c.talks, context: c.context, links: links)
        try AtomChecks.verify(bytes, talks: c.talks, context: c.context, links: links)
        try AtomChecks.verifyWithFeedParser(bytes, talks: c.talks, context: c.context, links: links)
    }

    @Test func yearlyArchiveDocumentCarriesRFC5005LinksAndStylesheet() throws {
        let c = try Corpus.load()
        let links = FeedDocumentLinks(
            selfURL: c.seminar.feedsBaseURL + "2021.atom", alternateURL: c.seminar.homePage,
            current: c.seminar.feedsBaseURL + "atom.xml", prevArchive: c.seminar.feedsBaseURL + "2020.atom",
            nextArchive: c.seminar.feedsBaseURL + "2022.atom", isArchive: true, stylesheet: "feed.xsl?v=1&lang=en"
        )
        let bytes = try AtomFeedWriter.write(talks: c.talks, context: c.context, links: links)
        try AtomChecks.verify(bytes, talks: c.talks, context: c.context, links: links)
        try AtomChecks.verifyWithFeedParser(bytes, talks: c.talks, context: c.context, links: links)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("""
            <?xml version="1.0" encoding="UTF-8"?>
            <?xml-stylesheet type="text/xsl" href="feed.xsl?v=1&amp;lang=en"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xmlns:fh="http://purl.org/syndication/history/1.0" xml:lang="en">
            """))
    }

    @Test(arguments: [HTMLEmbedding.escapedText, .cdataSections])
    func eitherEmbeddingOfTheHTMLGivesReadersTheSameContent(_ embedding: HTMLEmbedding) throws {
        var c = try Corpus.load()
        c.context.htmlEmbedding = embedding
        let links = TestArchive.links(c.seminar)
        let bytes = try AtomFeedWriter.write(talks: c.talks, context: c.context, links: links)
        // The checks compare every entry's content with the presentation's HTML.
        try AtomChecks.verify(bytes, talks: c.talks, context: c.context, links: links)
        try AtomChecks.verifyWithFeedParser(bytes, talks: c.talks, context: c.context, links: links)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains(#"<content type="html"><![CDATA[<p>"#) == (embedding == .cdataSections))
        #expect(text.contains(#"<content type="html">&lt;p&gt;"#) == (embedding == .escapedText))
    }

    @Test func cdataSectionsMakeMathDenseContentMuchSmaller() throws {
        var c = try Corpus.load()
        var talk = c.talks[0]
        talk.abstract = String(repeating: #"Gradient descent $x_{k+1} = x_k - \eta \nabla f(x_k)$ on $\mathbb{R}^d$. "#, count: 20)
        c.context.htmlEmbedding = .escapedText
        let escaped = try AtomFeedWriter.write(talks: [talk], context: c.context, links: TestArchive.links(c.seminar))
        c.context.htmlEmbedding = .cdataSections
        let sections = try AtomFeedWriter.write(talks: [talk], context: c.context, links: TestArchive.links(c.seminar))
        #expect(sections.count * 10 < escaped.count * 7, "\(sections.count) bytes with CDATA, \(escaped.count) escaped")
    }

    @Test func emptyFeedIsValidAndDatedAtTheDocumentedFallback() throws {
        let c = try Corpus.load()
        let links = TestArchive.links(c.seminar)
        let bytes = try AtomFeedWriter.write(talks: [], context: c.context, links: links)
        let doc = try AtomChecks.verify(bytes, talks: [], context: c.context, links: links)
        #expect(doc.string("/a:feed/a:updated") == "1970-01-01T00:00:00Z")
        try AtomChecks.verifyWithFeedParser(bytes, talks: [], context: c.context, links: links)
    }

    @Test func talksAreWrittenInTheOrderGiven() throws {
        let c = try Corpus.load()
        let reversed = Array(c.talks.reversed())
        let bytes = try AtomFeedWriter.write(talks: reversed, context: c.context, links: TestArchive.links(c.seminar))
        let doc = try ParsedXML(bytes, namespaces: ParsedXML.atomNamespaces)
        #expect(doc.strings("/a:feed/a:entry/a:id") == reversed.map(c.seminar.entryID(of:)))
    }

    @Test func statusesDatesAndPrivateMeetingsAreShownAsThePresentationSaysThem() throws {
        let c = try Corpus.load()
        let bytes = try AtomFeedWriter.write(talks: c.talks, context: c.context, links: TestArchive.links(c.seminar))
        let doc = try ParsedXML(bytes, namespaces: ParsedXML.atomNamespaces)
        func entry(_ id: String) throws -> xmlNodePtr {
            try #require(doc.nodes("/a:feed/a:entry[a:id='\(c.seminar.idPrefix + id)']").first)
        }
        let cancelled = try entry("syn-cancelled")
        #expect(doc.string("a:title", from: cancelled)?.hasPrefix("[Cancelled] Ada Lovelace, Émilie du Châtelet — ") == true)
        #expect(try visibleText(ofHTML: doc.string("a:content", from: cancelled)!).contains("This talk is cancelled."))
        #expect(doc.string("a:category/@term", from: cancelled) == "cancelled")

        let postponed = try entry("syn-postponed-private")
        #expect(doc.string("a:title", from: postponed)?.hasPrefix("[Postponed] ") == true)
        #expect(doc.string("a:link[@rel='alternate']/@href", from: postponed) == c.seminar.feedsBaseURL + "talks/syn-postponed-private.html")
        #expect(doc.count("a:link[@rel='related' and @title='Join the meeting']", from: postponed) == 0)
        // Postponed: no meeting is offered, not even on request.
        let postponedText = try visibleText(ofHTML: doc.string("a:content", from: postponed)!)
        #expect(postponedText.contains("Where: online"))
        #expect(!postponedText.contains("link sent on request"))

        let tbd = try entry("7f6e5d4c-3b2a-4190-8f7e-6d5c4b3a2945")
        #expect(try visibleText(ofHTML: doc.string("a:content", from: tbd)!).contains("Date to be defined"))
        #expect(doc.string("a:summary", from: tbd)?.contains("When: Date to be defined") == true)

        let newYork = try entry("syn-new-york")
        #expect(doc.string("a:summary", from: newYork)?.contains("Wednesday 15 September 2021, 10:00–10:45 EDT") == true)

        let pesme = try entry("0e9d8c7b-6a5f-4e3d-8c2b-1a0f9e8d7c23")
        // The entry leads to the talk's page, the meeting one click away.
        #expect(doc.string("a:link[@rel='alternate']/@href", from: pesme) == c.seminar.feedsBaseURL + "talks/0e9d8c7b-6a5f-4e3d-8c2b-1a0f9e8d7c23.html")
        #expect(doc.string("a:link[@rel='related' and @title='Join the meeting']/@href", from: pesme) == "https://epfl.zoom.us/j/62400754289")
        #expect(doc.string("a:summary", from: pesme)?.contains("Monday 28 June 2021, 16:30–17:30 CEST") == true)
    }

    @Test func aPrivateMeetingLinkThatReachesTheWriterIsRefused() throws {
        let c = try Corpus.load(extra: [])
        var leaking = c.talks[0]
        leaking.meeting = "https://epfl.zoom.us/j/secret"
        leaking.meetingIsPrivate = true
        #expect(throws: FeedWriterError.inTalk(id: leaking.id, .privateMeetingLink)) {
            try AtomFeedWriter.write(talks: [leaking], context: c.context, links: TestArchive.links(c.seminar))
        }
        var seminar = c.seminar
        seminar.meetingLinksArePrivate = true
        let context = FeedContext(seminar: seminar, zones: c.context.zones)
        #expect(throws: FeedWriterError.inTalk(id: c.talks[1].id, .privateMeetingLink)) {
            try RSSFeedWriter.write(talks: [c.talks[1]], context: context, links: TestArchive.links(seminar))
        }
    }

    @Test func aDatedTalkInAZoneNotLoadedIsRefusedRatherThanShownUndated() throws {
        let c = try Corpus.load(extra: [])
        var talk = try #require(c.talks.first { $0.start != nil })
        talk.timeZone = "Asia/Tokyo"
        #expect(throws: FeedWriterError.inTalk(id: talk.id, .unknownTimeZone("Asia/Tokyo"))) {
            try AtomFeedWriter.write(talks: [talk], context: c.context, links: TestArchive.links(c.seminar))
        }
    }
}

@Suite struct RSSFeedWriterTests {
    @Test func archiveAndSyntheticTalksGiveACompleteChannel() throws {
        let c = try Corpus.load()
        let links = TestArchive.links(c.seminar, fileName: "rss.xml")
        let bytes = try RSSFeedWriter.write(talks: c.talks, context: c.context, links: links)
        try RSSChecks.verify(bytes, talks: c.talks, context: c.context, links: links)
        try RSSChecks.verifyWithFeedParser(bytes, talks: c.talks, context: c.context, links: links)
    }

    @Test func yearlyArchiveChannelCarriesRFC5005LinksAsAtomLinks() throws {
        let c = try Corpus.load()
        let links = FeedDocumentLinks(
            selfURL: c.seminar.feedsBaseURL + "2021.rss", alternateURL: c.seminar.homePage,
            current: c.seminar.feedsBaseURL + "rss.xml", prevArchive: c.seminar.feedsBaseURL + "2020.rss",
            isArchive: true, stylesheet: "feed.xsl"
        )
        let bytes = try RSSFeedWriter.write(talks: c.talks, context: c.context, links: links)
        try RSSChecks.verify(bytes, talks: c.talks, context: c.context, links: links)
        try RSSChecks.verifyWithFeedParser(bytes, talks: c.talks, context: c.context, links: links)
        #expect(String(decoding: bytes, as: UTF8.self).contains("<?xml-stylesheet type=\"text/xsl\" href=\"feed.xsl\"?>\n<rss "))
    }

    @Test(arguments: [HTMLEmbedding.escapedText, .cdataSections])
    func eitherEmbeddingOfTheHTMLGivesReadersTheSameDescription(_ embedding: HTMLEmbedding) throws {
        var c = try Corpus.load()
        c.context.htmlEmbedding = embedding
        let links = TestArchive.links(c.seminar, fileName: "rss.xml")
        let bytes = try RSSFeedWriter.write(talks: c.talks, context: c.context, links: links)
        try RSSChecks.verify(bytes, talks: c.talks, context: c.context, links: links)
        try RSSChecks.verifyWithFeedParser(bytes, talks: c.talks, context: c.context, links: links)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("<description><![CDATA[<p>") == (embedding == .cdataSections))
        #expect(text.contains("<description>&lt;p&gt;") == (embedding == .escapedText))
    }

    @Test func emptyChannelIsDatedAtTheDocumentedFallback() throws {
        let c = try Corpus.load()
        let links = TestArchive.links(c.seminar, fileName: "rss.xml")
        let bytes = try RSSFeedWriter.write(talks: [], context: c.context, links: links)
        let doc = try RSSChecks.verify(bytes, talks: [], context: c.context, links: links)
        #expect(doc.string("/rss/channel/lastBuildDate") == "Thu, 01 Jan 1970 00:00:00 GMT")
        try RSSChecks.verifyWithFeedParser(bytes, talks: [], context: c.context, links: links)
    }
}


@Suite struct AtomSchemaTests {
    /// The validation the other tests rely on does reject what RFC 4287 forbids.
    @Test func theSchemaRejectsAnInvalidFeedWithLibxml2sMessages() throws {
        let invalid = """
            <feed xmlns="http://www.w3.org/2005/Atom">
              <title>No id, and a date that is no date</title>
              <updated>yesterday</updated>
            </feed>
            """
        let violations = try AtomSchema.violations(of: ParsedXML(Array(invalid.utf8)))
        #expect(!violations.isEmpty)
        #expect(violations.joined().contains("line"), "\(violations)")
    }
}
