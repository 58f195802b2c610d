import Foundation
import Testing
import LaTeX
import SeminarArchive
@testable import SeminarFeeds

@Suite struct JSONFeedTests {
    let seminar: Seminar
    let feedURL = "https://www.epfl.ch/labs/csft/internal-seminar-theory-of-neural-nets/feeds/feed.json"

    init() throws { seminar = try ExtrasTestData.seminar() }

    func feed(_ talks: [Talk]) throws -> (bytes: [UInt8], json: [String: Any]) {
        let context = try ExtrasTestData.context(seminar, talks)
        let bytes = try JSONFeedWriter.write(talks: talks, context: context, feedURL: feedURL, homePageURL: seminar.homePage)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        return (bytes, json)
    }

    func talks() throws -> [Talk] {
        try ExtrasTestData.archiveTalks(seminar: seminar) + [
            try ExtrasTestData.talk(
                "with-links", "2021-09-20T16:30", title: "Links & <things>",
                speakers: [Person(name: "Ada Lovelace", url: "https://example.org/ada"), Person(name: "Alan Turing")],
                abstract: "x < y & \"z\"",
                links: [TalkLink(title: "Slides", url: "https://example.org/slides.PDF"),
                        TalkLink(title: "Video", url: "https://example.org/watch?v=1"),
                        TalkLink(title: "Paper", url: "https://example.org/paper.pdf?download=1")],
                status: .cancelled),
        ]
    }

    @Test func topLevelFieldsFollowTheSpec() throws {
        let (_, json) = try feed(try talks())
        #expect(json["version"] as? String == "https://jsonfeed.org/version/1.1")
        #expect(json["title"] as? String == seminar.title)
        #expect(json["home_page_url"] as? String == seminar.homePage)
        #expect(json["feed_url"] as? String == feedURL)
        #expect(json["language"] as? String == "en")
        #expect((json["description"] as? String)?.hasPrefix("This seminar consists in intern talks") == true)
        let authors = try #require(json["authors"] as? [[String: Any]])
        #expect(authors.first?["name"] as? String == "Loucas Pillaud-Vivien")
        #expect(authors.first?["url"] as? String == "mailto:loucas.pillaud-vivien@epfl.ch")
    }

    @Test func everyTalkIsAnItemWithItsPresentation() throws {
        let talks = try talks()
        let context = try ExtrasTestData.context(seminar, talks)
        let (_, json) = try feed(talks)
        let items = try #require(json["items"] as? [[String: Any]])
        // Every talk, the one to be defined included, in feed order.
        #expect(items.map { $0["id"] as? String } == talks.sorted(by: Talk.feedOrder).map { seminar.entryID(of: $0) })

        for talk in talks {
            let p = TalkPresentation(talk, context: context)
            let item = try #require(items.first { $0["id"] as? String == seminar.entryID(of: talk) })
            // Each item's page is its talk's own; the meeting, when offered, is one click away.
            #expect(item["url"] as? String == seminar.feedsBaseURL + "talks/" + talk.id + ".html")
            #expect(item["external_url"] as? String == (p.offersMeeting && !talk.meetingIsPrivate ? talk.meeting : nil))
            #expect(item["title"] as? String == p.title)
            #expect(item["content_text"] as? String == p.summary)
            #expect(item["summary"] as? String == p.when)
            #expect(item["date_published"] as? String == talk.published.rfc3339)
            #expect(item["date_modified"] as? String == talk.updated.rfc3339)
            #expect(item["tags"] as? [String] == [talk.status.rawValue])
            let authors = try #require(item["authors"] as? [[String: Any]])
            #expect(authors.map { $0["name"] as? String } == talk.speakers.map(\.name))
            #expect(authors.map { $0["url"] as? String } == talk.speakers.map(\.url))
            let html = try #require(item["content_html"] as? String)
            #expect(html == (try p.contentHTML()))
            #expect(html.hasPrefix("<p>"))
            if let meeting = talk.meeting { #expect(html.contains("<a href=\"\(meeting)\">join the meeting</a>")) }
            #expect((item["attachments"] as? [[String: Any]])?.count == (talk.links.isEmpty ? nil : talk.links.count))
        }
    }

    @Test func htmlIsEscapedAndLinksAreAttachments() throws {
        let (_, json) = try feed(try talks())
        let items = try #require(json["items"] as? [[String: Any]])
        let item = try #require(items.first { ($0["id"] as? String)?.hasSuffix("/with-links") == true })
        let html = try #require(item["content_html"] as? String)
        #expect(html.contains("&lt;") && !html.contains("x < y"))
        #expect(html.contains("<a href=\"https://example.org/ada\">Ada Lovelace</a>"))
        #expect(html.contains("<li><a href=\"https://example.org/slides.PDF\">Slides</a></li>"))
        #expect(item["title"] as? String == "[Cancelled] Ada Lovelace, Alan Turing — Links & <things>")
        #expect(item["tags"] as? [String] == ["cancelled"])
        let attachments = try #require(item["attachments"] as? [[String: String]])
        #expect(attachments == [
            ["url": "https://example.org/slides.PDF", "mime_type": "application/pdf", "title": "Slides"],
            ["url": "https://example.org/watch?v=1", "mime_type": "text/html", "title": "Video"],
            ["url": "https://example.org/paper.pdf?download=1", "mime_type": "application/pdf", "title": "Paper"],
        ])
        // The second speaker has no URL: the key is left out, not null.
        let authors = try #require(item["authors"] as? [[String: Any]])
        #expect(authors[1].keys.sorted() == ["name"])
    }

    @Test func sameInputSameBytesWithSortedKeysAndPlainSlashes() throws {
        let talks = try talks()
        let (bytes, _) = try feed(talks)
        #expect(try feed(talks.reversed()).bytes == bytes)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(!text.contains("\\/"))
        #expect(text.contains("\"home_page_url\" : \"https://www.epfl.ch/"))
        #expect(text.hasSuffix("}\n"))
        // `version` first, where readers that sniff the start of a file look for it;
        // then sorted keys: "authors" comes before "description" before "feed_url".
        #expect(text.hasPrefix("{\n  \"version\" : \"https://jsonfeed.org/version/1.1\",\n  \"authors\" : ["))
        #expect(text.components(separatedBy: "\"version\"").count == 2)
        let a = try #require(text.range(of: "\"authors\"")), d = try #require(text.range(of: "\"description\""))
        #expect(a.lowerBound < d.lowerBound)
    }
}
