import FeedTestSupport
import Foundation
import LaTeX
import SeminarArchive
import Testing
@testable import SeminarFeeds

/// A talk's own page: what it shows, read back with libxml2's HTML parser, and the
/// metadata it carries for link previews and search engines, read back with extruct.
@Suite struct TalkPageTests {
    static let base = "https://example.org/seminar/feeds/"

    static func links(_ talk: Talk) -> TalkPageLinks {
        TalkPageLinks(pageURL: base + TalkPageAddress.page(of: talk.id), calendar: talk.id + ".ics", seminarPage: "../index.html",
                      feeds: [.init(label: "Atom feed", href: "../atom.xml", type: "application/atom+xml"),
                              .init(label: "Calendar of every talk", href: "../calendar.ics")])
    }

    static func page(_ talk: Talk, seminar: Seminar? = nil) throws -> (bytes: [UInt8], page: ParsedXML, context: FeedContext) {
        let context = try PageTestArchive.context(seminar)
        let bytes = try TalkPageWriter.write(talk, context: context, links: links(talk))
        return (bytes, try ParsedXML(html: bytes), context)
    }

    static let full = PageTestArchive.talk(
        "full-1", title: "Scaling limits of wide networks",
        speakers: [Person(name: "Ada Lovelace", affiliation: "EPFL", url: "https://example.org/ada"),
                   Person(name: "Alan Turing", affiliation: "Cambridge")],
        start: "2021-06-28T16:30", abstract: "We study the limit $n \\to \\infty$ of wide networks.\n\nA second paragraph.",
        meeting: "https://epfl.zoom.us/j/12345", links: [TalkLink(title: "Slides", url: "https://example.org/slides.pdf")])

    @Test func theAddressComesFromThePermanentIdAlone() {
        var talk = Self.full
        let before = TalkPageAddress.page(of: talk.id)
        talk.title = "Another title"
        talk.start = LocalDateTime(parsing: "2022-01-10T10:00")
        #expect(TalkPageAddress.page(of: talk.id) == before)
        #expect(before == "talks/full-1.html")
        #expect(TalkPageAddress.calendar(of: talk.id) == "talks/full-1.ics")
        #expect(TalkPageAddress.holds("talks/full-1.html"))
        #expect(!TalkPageAddress.holds("index.html") && !TalkPageAddress.holds("talks/x/y.html"))
    }

    @Test func everythingASubscriberNeedsIsOnThePage() throws {
        let (_, page, context) = try Self.page(Self.full)
        let p = context.presentation(of: Self.full)
        #expect(page.string("//main/article/h1") == "Scaling limits of wide networks")
        #expect(page.string("//title") == p.title + " · " + context.seminar.title)
        // Speakers with affiliations and pages.
        let speakers = try #require(page.string("//p[@class='speakers']"))
        #expect(speakers.contains("Ada Lovelace (EPFL)") && speakers.contains("Alan Turing (Cambridge)"))
        #expect(page.strings("//p[@class='speakers']/a/@href") == ["https://example.org/ada"])
        // The date in the talk's zone, without script; the instant for the script.
        #expect(page.string("//p[@class='when']/time") == "Monday 28 June 2021, 16:30–17:30 CEST")
        #expect(page.string("//p[@class='when']/time/@datetime") == "2021-06-28T14:30:00Z")
        #expect(page.string("//p[@id='local-time']/@data-zone") == "Europe/Zurich")
        #expect(page.count("//p[@id='local-time'][@hidden]") == 1, "shown only by the script, for another zone")
        // Place and meeting, abstract with its math and paragraphs, links.
        #expect(page.string("//p[@class='where']/a[@class='meeting']/@href") == "https://epfl.zoom.us/j/12345")
        #expect(page.count("//div[@class='abstract']/p") == 2)
        #expect(page.string("//div[@class='abstract']/p[1]/math/@alttext") == "n → ∞")
        #expect(page.strings("//div[@class='abstract']/p[1]/math/*/text()") == ["n", "→", "∞"])
        #expect(page.strings("//ul[@class='links']/li/a/@href") == ["https://example.org/slides.pdf"])
        // This talk's calendar, the seminar's page and its feeds.
        #expect(page.string("//a[@type='text/calendar']/@href") == "full-1.ics")
        #expect(page.strings("//header//a/@href") == ["../index.html"])
        #expect(page.strings("//footer//a/@href") == ["../index.html", "../atom.xml", "../calendar.ics"])
        #expect(page.strings("//head/link[@rel='alternate']/@href") == ["../atom.xml"])
        #expect(page.string("//head/link[@rel='canonical']/@href") == Self.base + "talks/full-1.html")
        // The script reads the zone in the browser; the page itself never reads the clock.
        #expect(page.string("//body/script")?.contains("resolvedOptions().timeZone") == true)
    }

    @Test func privateCancelledAndUndatedTalksSayWhatTheyAre() throws {
        var secret = Self.full
        secret.meeting = nil
        secret.meetingIsPrivate = true
        let (privateBytes, privatePage, _) = try Self.page(secret)
        #expect(privatePage.string("//p[@class='where']")?.contains("link sent on request") == true)
        #expect(privatePage.count("//a[@class='meeting']") == 0)
        #expect(!String(decoding: privateBytes, as: UTF8.self).contains("zoom.us"))

        for status in [TalkStatus.cancelled, .postponed] {
            var talk = Self.full
            talk.status = status
            let (bytes, page, _) = try Self.page(talk)
            #expect(page.string("//p[@class='status']") == TalkPresentation.statusNote(status))
            #expect(page.count("//a[@class='meeting']") == 0, "no meeting to join")
            #expect(!String(decoding: bytes, as: UTF8.self).contains("zoom.us"))
        }

        var undated = Self.full
        undated.start = nil
        let (_, page, _) = try Self.page(undated)
        #expect(page.string("//p[@class='when']") == "Date to be defined")
        #expect(page.count("//a[@type='text/calendar']") == 0, "no event to add")
    }

    /// OpenGraph and Twitter cards carry a plain-text description: the LaTeX module's
    /// Unicode rendering, never markup or TeX.
    @Test func linkPreviewsGetPlainText() throws {
        let (bytes, page, context) = try Self.page(Self.full)
        let description = try #require(page.string("//meta[@property='og:description']/@content"))
        #expect(description.contains("n → ∞"))
        #expect(!description.contains("$") && !description.contains("<") && !description.contains("\\to"))
        #expect(page.string("//meta[@name='twitter:description']/@content") == description)
        #expect(page.string("//meta[@name='twitter:card']/@content") == "summary")
        #expect(page.string("//meta[@property='og:title']/@content") == context.presentation(of: Self.full).title)
        let og = try StructuredData.extract(bytes, baseURL: Self.base + "talks/full-1.html")["opengraph"] as? [[String: Any]]
        #expect(og?.first?["og:url"] as? String == Self.base + "talks/full-1.html")
        #expect(og?.first?["og:description"] as? String == description)
    }

    /// The description is the date, then the abstract's lines joined by one space, every
    /// kind of line break alike (a preview shows one paragraph), cut at a word near 300
    /// characters (counted as people see them: an accented letter written with a combining
    /// mark is one).
    /// Lines are joined on the text's bytes; the same as splitting its scalars at every
    /// line break, on texts mixing every line break with characters whose encodings share
    /// bytes with them (U+00A0 and U+2027 begin like U+0085 and U+2028).
    @Test func linesAreJoinedAsSplittingTheScalarsWould() {
        let pieces = ["a", "é", " ", "\n", "\r\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}",
                      "\u{A0}", "\u{2027}", "\u{202F}", "e\u{301}", "😀", "\u{C2}", "\u{E2}"]
        func isLineBreak(_ scalar: Unicode.Scalar) -> Bool { Character(scalar).isNewline }
        var generator = SeededRandom(seed: 16)
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let expected = text.unicodeScalars.split(whereSeparator: isLineBreak).map(String.init).joined(separator: " ")
            #expect(TalkPageWriter.joiningLines(text) == expected, "\(text.unicodeScalars.map(\.value))")
        }
    }

    @Test func theDescriptionJoinsLinesAndCutsAtAWord() throws {
        let context = try PageTestArchive.context(nil)
        func description(_ abstract: String) -> String {
            var talk = Self.full
            talk.abstract = abstract
            return TalkPageWriter.shareableDescription(context.presentation(of: talk))
        }
        let when = context.presentation(of: Self.full).when
        for breaks in ["\n", "\r\n", "\n\n\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}", "\r\n\r\n"] {
            #expect(description("one" + breaks + "two" + breaks) == when + ". one two", "break \(breaks.unicodeScalars.map(\.value))")
        }
        // 150 characters of two scalars (three bytes each): over the limit in scalars and
        // bytes, yet under it in characters.
        let accented = String(repeating: "e\u{301}", count: 150)
        try #require((when + ". ").count + 150 <= 300 && (when + ". " + accented).unicodeScalars.count > 300)
        #expect(description(accented) == when + ". " + accented)
        let words = Array(repeating: "word", count: 100).joined(separator: " ")
        let cut = description(words)
        #expect(cut.hasSuffix("word…") && cut.count <= 301 && cut.count > 290)
        #expect(cut.dropLast().hasPrefix(when + ". word word"))
    }

    /// The JSON-LD read back by extruct is a schema.org Event: only Event's properties,
    /// values of the types and enumerations schema.org defines for them.
    @Test(arguments: [TalkStatus.scheduled, .cancelled, .postponed])
    func theJSONLDIsASchemaOrgEvent(_ status: TalkStatus) throws {
        var talk = Self.full
        talk.status = status
        talk.location = "BC 420"
        talk.title = "Closing </script> tags & \"quotes\""
        let (bytes, _, _) = try Self.page(talk)
        let items = try #require(try StructuredData.extract(bytes, baseURL: Self.base + "talks/full-1.html")["json-ld"] as? [[String: Any]])
        #expect(items.count == 1)
        let event = try #require(items.first)
        #expect(event["@context"] as? String == "https://schema.org")
        #expect(event["@type"] as? String == "Event")
        let eventProperties: Set<String> = ["@context", "@type", "name", "description", "url", "startDate", "endDate", "eventStatus",
                                            "eventAttendanceMode", "location", "performer", "organizer"]
        #expect(Set(event.keys).isSubset(of: eventProperties), "\(event.keys)")
        #expect(event["name"] as? String == PlainTextRenderer.render(talk.title))
        #expect(event["url"] as? String == Self.base + "talks/full-1.html")
        // ISO 8601 with the talk's own offset, naming the right instant.
        #expect(event["startDate"] as? String == "2021-06-28T16:30:00+02:00")
        #expect(event["endDate"] as? String == "2021-06-28T17:30:00+02:00")
        let iso = ISO8601DateFormatter()
        #expect(iso.date(from: event["startDate"] as? String ?? "")?.timeIntervalSince1970 == 1_624_890_600)
        let expectedStatus = ["scheduled": "EventScheduled", "cancelled": "EventCancelled", "postponed": "EventPostponed"][status.rawValue]!
        #expect(event["eventStatus"] as? String == "https://schema.org/" + expectedStatus)
        #expect(event["eventAttendanceMode"] as? String == "https://schema.org/MixedEventAttendanceMode")
        let locations = try #require(event["location"] as? [[String: Any]])
        #expect(locations.map { $0["@type"] as? String } == ["VirtualLocation", "Place"])
        // A talk not happening offers no meeting: its virtual location is the page.
        #expect(locations[0]["url"] as? String == (status == .scheduled ? "https://epfl.zoom.us/j/12345" : Self.base + "talks/full-1.html"))
        #expect(locations[1]["name"] as? String == "BC 420")
        let performers = try #require(event["performer"] as? [[String: Any]])
        #expect(performers.map { $0["@type"] as? String } == ["Person", "Person"])
        #expect(performers.map { $0["name"] as? String } == ["Ada Lovelace", "Alan Turing"])
        #expect((performers[0]["affiliation"] as? [String: Any])?["@type"] as? String == "Organization")
        #expect(performers[0]["url"] as? String == "https://example.org/ada")
        let organizer = try #require(event["organizer"] as? [String: Any])
        #expect(organizer["@type"] as? String == "Organization")
        #expect(organizer["url"] as? String == (try PageTestArchive.loadSeminar()).homePage)
        // The title could not end the script element early.
        #expect(!String(decoding: bytes, as: UTF8.self).contains("Closing </script>"))
    }

    @Test func onlineOnlyAndInPersonOnlyTalksSaySo() throws {
        let (online, _, _) = try Self.page(Self.full)
        let onlineEvent = try #require((try StructuredData.extract(online, baseURL: Self.base)["json-ld"] as? [[String: Any]])?.first)
        #expect(onlineEvent["eventAttendanceMode"] as? String == "https://schema.org/OnlineEventAttendanceMode")
        var room = Self.full
        room.meeting = nil
        room.location = "BC 420"
        let (inPerson, _, _) = try Self.page(room)
        let roomEvent = try #require((try StructuredData.extract(inPerson, baseURL: Self.base)["json-ld"] as? [[String: Any]])?.first)
        #expect(roomEvent["eventAttendanceMode"] as? String == "https://schema.org/OfflineEventAttendanceMode")
        #expect((roomEvent["location"] as? [[String: Any]])?.map { $0["@type"] as? String } == ["Place"])
    }

    @Test func sameTalkSameBytes() throws {
        #expect(try Self.page(Self.full).bytes == Self.page(Self.full).bytes)
    }
}
