import CLibXML2
import FeedTestSupport
import Foundation
import LaTeX
import SeminarArchive
import Testing
@testable import SeminarFeeds

@Suite struct HostileInputTests {
    static let hostile = #"<script>alert(1)</script> & ]]> "double" 'single'"#
    static let hostileURL = #"https://example.org/a?x=1&y=<2>&z="3"&w='4']]>"#

    /// A talk with the hostile text wherever a talk has text or a URL.
    static func hostileTalk() -> Talk {
        Talk(
            id: "hostile", title: "Title " + hostile,
            speakers: [Person(name: "Name " + hostile, affiliation: "Aff " + hostile, url: hostileURL)],
            start: LocalDateTime(year: 2021, month: 6, day: 14, hour: 16, minute: 30), timeZone: "Europe/Zurich",
            duration: 60, abstract: "Abstract " + hostile, meeting: hostileURL, location: "Room " + hostile,
            links: [TalkLink(title: "Link " + hostile, url: hostileURL)],
            published: Instant(rfc3339: "2021-06-01T08:00:00Z")!, updated: Instant(rfc3339: "2021-06-02T08:00:00Z")!
        )
    }

    @Test func markupInEveryFieldIsEscapedAndReadsBackIdentical() throws {
        let c = try Corpus.load(extra: [Self.hostileTalk()])
        let talk = Self.hostileTalk()
        let links = TestArchive.links(c.seminar)

        let atom = try AtomFeedWriter.write(talks: c.talks, context: c.context, links: links)
        let atomText = String(decoding: atom, as: UTF8.self)
        #expect(!atomText.contains("<script>"))
        #expect(atomText.contains("&lt;script&gt;alert"), "inside content the HTML is escaped once, in CDATA sections")
        let doc = try AtomChecks.verify(atom, talks: c.talks, context: c.context, links: links)
        try AtomChecks.verifyWithFeedParser(atom, talks: c.talks, context: c.context, links: links)
        let entry = try #require(doc.nodes("/a:feed/a:entry[a:id='\(c.seminar.entryID(of: talk))']").first)
        // Titles and abstracts are LaTeX: their quotes become typographic, the markup stays text.
        #expect(doc.string("a:title", from: entry) == "Name " + Self.hostile + " — " + PlainTextRenderer.render("Title " + Self.hostile))
        #expect(PlainTextRenderer.render("Title " + Self.hostile).contains("<script>alert(1)</script> & ]]>"))
        #expect(doc.string("a:author/a:name", from: entry) == "Name " + Self.hostile)
        #expect(doc.string("a:author/a:uri", from: entry) == Self.hostileURL)
        #expect(doc.string("a:link[@rel='alternate']/@href", from: entry) == c.seminar.feedsBaseURL + "talks/" + talk.id + ".html")
        #expect(doc.string("a:link[@rel='related' and @title='Join the meeting']/@href", from: entry) == Self.hostileURL)
        #expect(doc.string("a:link[@rel='related'][2]/@title", from: entry) == "Link " + Self.hostile)
        let html = try #require(doc.string("a:content", from: entry))
        let content = try ParsedXML(Array(("<div>" + html + "</div>").utf8))
        #expect(content.string("//p[strong='Speaker:']/a/@href") == Self.hostileURL)
        #expect(content.rootText.contains(PlainTextRenderer.render("Abstract " + Self.hostile)))
        #expect(content.rootText.contains("Room " + Self.hostile))

        let rss = try RSSFeedWriter.write(talks: c.talks, context: c.context, links: links)
        #expect(!String(decoding: rss, as: UTF8.self).contains("<script>"))
        let channel = try RSSChecks.verify(rss, talks: c.talks, context: c.context, links: links)
        try RSSChecks.verifyWithFeedParser(rss, talks: c.talks, context: c.context, links: links)
        let item = try #require(channel.nodes("/rss/channel/item[guid='\(c.seminar.entryID(of: talk))']").first)
        #expect(channel.string("dc:creator", from: item) == "Name " + Self.hostile)
        #expect(channel.string("link", from: item) == c.seminar.feedsBaseURL + "talks/" + talk.id + ".html")
    }

    @Test(arguments: [UInt32(0x01), 0x00, 0x1B, 0x0B, 0xFFFE, 0xFFFF])
    func aForbiddenCharacterInATitleMakesTheWritersThrow(_ scalar: UInt32) throws {
        let c = try Corpus.load(extra: [])
        var talk = c.talks[0]
        talk.title = "Bad " + String(Character(Unicode.Scalar(scalar)!)) + " title"
        for rss in [false, true] {
            let links = TestArchive.links(c.seminar)
            let result = Result { () throws(FeedWriterError) -> [UInt8] in
                rss ? try RSSFeedWriter.write(talks: [talk], context: c.context, links: links)
                    : try AtomFeedWriter.write(talks: [talk], context: c.context, links: links)
            }
            guard case let .failure(.inTalk(id, .forbiddenCharacter(found, offset, place))) = result else {
                Issue.record("U+\(String(scalar, radix: 16)): \(result)")
                continue
            }
            #expect(id == talk.id)
            #expect(found == scalar)
            let before = TalkPresentation(talk, context: c.context).title.components(separatedBy: "Bad ")[0] + "Bad "
            #expect(offset == before.utf8.count)
            #expect(place.contains("title"), "\(place)")
        }
    }

    @Test func aForbiddenCharacterInAnAbstractOrSeminarFieldIsRefusedToo() throws {
        let c = try Corpus.load(extra: [])
        var talk = c.talks[0]
        talk.abstract = "Tab\tnewline\ncarriage\r are fine, \u{7} is not"
        #expect(throws: FeedWriterError.self) {
            try AtomFeedWriter.write(talks: [talk], context: c.context, links: TestArchive.links(c.seminar))
        }
        var seminar = c.seminar
        seminar.title = "Seminar\u{0C}"
        #expect(throws: FeedWriterError.forbiddenCharacter(scalar: 0x0C, utf8Offset: 7, place: "text of <title>")) {
            try RSSFeedWriter.write(talks: [], context: FeedContext(seminar: seminar, zones: c.context.zones), links: TestArchive.links(seminar))
        }
    }

    @Test func allowedWhitespaceSurvivesExactly() throws {
        let c = try Corpus.load(extra: [])
        var talk = c.talks[0]
        talk.links = [TalkLink(title: "a\tb\nc\r\nd", url: "https://example.org/")]
        let bytes = try AtomFeedWriter.write(talks: [talk], context: c.context, links: TestArchive.links(c.seminar))
        let doc = try ParsedXML(bytes, namespaces: ParsedXML.atomNamespaces)
        #expect(doc.string("//a:link[@rel='related']/@title") == "a\tb\nc\r\nd")
    }

    @Test func aOneMegabyteAbstractIsWritten() throws {
        let c = try Corpus.load(extra: [])
        var talk = c.talks[0]
        let sentence = "Gradient descent & friends <converge> on wide networks. "
        talk.abstract = String(repeating: sentence, count: 1_048_576 / sentence.utf8.count + 1)
        #expect(talk.abstract.utf8.count > 1_048_576)
        let atom = try AtomFeedWriter.write(talks: [talk], context: c.context, links: TestArchive.links(c.seminar))
        try AtomChecks.verify(atom, talks: [talk], context: c.context, links: TestArchive.links(c.seminar))
        let rss = try RSSFeedWriter.write(talks: [talk], context: c.context, links: TestArchive.links(c.seminar))
        try RSSChecks.verify(rss, talks: [talk], context: c.context, links: TestArchive.links(c.seminar))
    }
}
