import FeedTestSupport
import Foundation
import LaTeX
import SeminarArchive
import Testing
@testable import SeminarFeeds

// MARK: - Test archive

/// The shipped archive, read with the real loader, plus
/// made-up talks for the cases the archive lacks.
enum PageTestArchive {
    static func context(_ seminar: Seminar? = nil) throws -> FeedContext {
        FeedContext(seminar: try seminar ?? loadSeminar(), zones: ["Europe/Zurich": try ZoneInfo.load("Europe/Zurich")])
    }

    static func loadSeminar() throws -> Seminar { try TestArchive.seminar() }

    static func loadTalks() throws -> [Talk] { try TestArchive.talksInFileOrder() }

    /// A talk made up for a test, in Zurich, published in 2021.
    static func talk(_ id: String, title: String = "A talk", speakers: [Person] = [Person(name: "Ada Speaker")],
                     start: String? = "2099-03-02T16:30", abstract: String = "An abstract.", meeting: String? = nil,
                     meetingIsPrivate: Bool = false, links: [TalkLink] = []) -> Talk
    {
        Talk(id: id, title: title, speakers: speakers, start: start.flatMap(LocalDateTime.init(parsing:)),
             timeZone: "Europe/Zurich", duration: 60, abstract: abstract, meeting: meeting,
             meetingIsPrivate: meetingIsPrivate, links: links,
             published: Instant(rfc3339: "2021-05-01T08:00:00Z")!, updated: Instant(rfc3339: "2021-05-01T08:00:00Z")!)
    }

    /// The archive and two talks in 2099 with what the archive lacks (affiliation, speaker
    /// page, several speakers, slides, a private meeting), so both page sections have talks.
    static func mixedTalks() throws -> [Talk] {
        try loadTalks() + [
            talk("future-1", title: "Scaling limits of wide networks",
                 speakers: [Person(name: "Ada Lovelace", affiliation: "EPFL", url: "https://example.org/ada"),
                            Person(name: "Alan Turing", affiliation: "Cambridge")],
                 start: "2099-03-02T16:30", abstract: "We study the limit $n \\to \\infty$ of wide networks.",
                 meeting: "https://epfl.zoom.us/j/99999999999", links: [TalkLink(title: "Slides", url: "https://example.org/slides.pdf")]),
            talk("future-2", title: "Kernels, features and everything in between", speakers: [Person(name: "Grace Hopper")],
                 start: "2099-03-16T16:30", abstract: "A private talk.", meetingIsPrivate: true),
        ]
    }
}

// MARK: - Reading the page back

/// The page parsed back with libxml2's HTML parser (`ParsedXML(html:)`), queried with
/// XPath; `string` is the first match, as a reader looks at the first heading or link.
final class PageProbe {
    let xml: ParsedXML
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) throws {
        self.bytes = bytes
        xml = try ParsedXML(html: bytes)
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The text content of every node the expression selects (attributes give their value).
    func strings(_ xpath: String) -> [String] { xml.strings(xpath) }

    func string(_ xpath: String) -> String? { strings(xpath).first }

    func count(_ xpath: String) -> Int { xml.count(xpath) }
}

/// Whitespace runs as one space, as a reader sees the text.
func collapsed(_ s: String) -> String {
    s.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
}

// MARK: - Tests

@Suite struct WebPageTests {
    let context: FeedContext
    let seminar: Seminar
    let links: WebPageLinks

    init() throws {
        context = try PageTestArchive.context()
        seminar = context.seminar
        links = WebPageLinks(seminar: seminar)
    }

    func page(_ talks: [Talk], context: FeedContext? = nil) throws -> PageProbe {
        try PageProbe(WebPageWriter.write(talks: talks, context: context ?? self.context, links: links))
    }

    @Test func titleDescriptionAndLanguage() throws {
        let page = try page(PageTestArchive.loadTalks())
        #expect(page.text.hasPrefix("<!DOCTYPE html>\n"))
        #expect(page.string("/html/@lang") == "en")
        #expect(page.string("/html/head/meta[1]/@charset") == "utf-8")
        #expect(page.string("//head/title") == "Internal Seminar: Theory of Neural Nets")
        #expect(page.strings("//h1") == ["Internal Seminar: Theory of Neural Nets"])
        let paragraphs = page.strings("//header/div[@class='description']/p").map(collapsed)
        #expect(paragraphs.count == 3)
        #expect(paragraphs.first?.hasPrefix("This seminar consists in intern talks") == true)
        #expect(paragraphs.last?.hasSuffix("the seminar will be held virtually.") == true)
        #expect(page.string("//meta[@name='description']/@content")?.hasPrefix("This seminar consists") == true)
        // Non-ASCII stays UTF-8 rather than turning into entities.
        #expect(page.text.contains("François Ged"))
    }

    /// The seminar's name is plain text on the page, as in every feed and the calendar:
    /// a `$` or a backslash in it is shown as written.
    @Test func theSeminarsNameIsShownAsWritten() throws {
        var named = seminar
        named.title = "Seminar on $\\alpha$-nets"
        let page = try self.page([], context: try PageTestArchive.context(named))
        #expect(page.string("//head/title") == "Seminar on $\\alpha$-nets")
        #expect(page.strings("//h1") == ["Seminar on $\\alpha$-nets"])
    }

    @Test func everyTalkWithWhenSpeakersAbstractAndLinks() throws {
        let talks = try PageTestArchive.mixedTalks()
        let page = try page(talks)
        #expect(page.count("//article[@class and contains(@class,'talk')]") == talks.count)
        for talk in talks {
            let p = TalkPresentation(talk, context: context)
            let article = "//article[@id='talk-\(talk.id)']"
            #expect(page.count(article) == 1)
            #expect(page.string(article + "/h3") == p.plainTitle)
            #expect(collapsed(page.string(article + "/p[@class='when']") ?? "") == p.when)
            if let start = p.start {
                #expect(page.string(article + "/p[@class='when']/time/@datetime") == start.rfc3339)
                #expect(page.string(article + "/@data-start") == start.rfc3339)
                #expect(page.string(article + "/@data-end") == p.end?.rfc3339)
            } else {
                #expect(p.when == "Date to be defined")
                #expect(page.count(article + "/@data-start") == 0)
            }
            let speakers = collapsed(page.string(article + "/p[@class='speakers']") ?? "")
            for person in talk.speakers {
                #expect(speakers.contains(person.name + (person.affiliation.map { " (" + $0 + ")" } ?? "")))
                if let url = person.url { #expect(page.strings(article + "/p[@class='speakers']/a/@href").contains(url)) }
            }
            // Math is MathML on the page, whose text has no spaces between tokens.
            #expect(collapsed(page.string(article + "/div[@class='abstract']") ?? "").filter { !$0.isWhitespace }
                == p.plainAbstract.filter { !$0.isWhitespace })
            for link in talk.links {
                #expect(page.string(article + "/ul[@class='links']/li/a[@href='\(link.url)']") == link.title)
            }
            if let meeting = talk.meeting, !talk.meetingIsPrivate {
                #expect(page.string(article + "/p[@class='where']/a[@class='meeting']/@href") == meeting)
            }
        }
        let pesme = "//article[@id='talk-0e9d8c7b-6a5f-4e3d-8c2b-1a0f9e8d7c23']"
        #expect(collapsed(page.string(pesme + "/p[@class='when']") ?? "") == "Monday 28 June 2021, 16:30–17:30 CEST")
        #expect(page.string(pesme + "/p[@class='when']/time/@datetime") == "2021-06-28T14:30:00Z")
        #expect(collapsed(page.string("//article[@id='talk-future-1']/p[@class='speakers']") ?? "")
            == "Speakers: Ada Lovelace (EPFL); Alan Turing (Cambridge)")
    }

    /// Without scripts: one "Talks" list in feed order, the split sections hidden.
    /// Writers take the talks in feed order, sorting only when they are not in it already.
    @Test func talksAreTakenInFeedOrderWhateverOrderTheyComeIn() throws {
        let talks = try PageTestArchive.mixedTalks()
        let expected = talks.sorted(by: Talk.feedOrder).map(\.id)
        let interleaved = talks.indices.sorted { ($0 % 3, $0) < ($1 % 3, $1) }.map { talks[$0] }
        for shuffled in [talks, talks.reversed(), interleaved, talks.sorted(by: Talk.feedOrder)] {
            #expect(Talk.inFeedOrder(shuffled).map(\.id) == expected)
        }
        // A pair out of order anywhere is found.
        var sorted = talks.sorted(by: Talk.feedOrder)
        sorted.swapAt(sorted.count - 2, sorted.count - 1)
        #expect(Talk.inFeedOrder(sorted).map(\.id) == expected)
    }

    @Test func withoutScriptsEveryTalkIsListedOnceNewestFirst() throws {
        let talks = try PageTestArchive.mixedTalks()
        let page = try page(talks.reversed())
        let expected = talks.sorted(by: Talk.feedOrder).map { "talk-" + $0.id }
        #expect(page.strings("//section[@id='talks']/article/@id") == expected)
        #expect(expected.first == "talk-7f6e5d4c-3b2a-4190-8f7e-6d5c4b3a2945")  // to be defined first
        #expect(expected[1] == "talk-future-2")
        #expect(page.string("//section[@id='talks']/h2") == "Talks")
        #expect(page.count("//section[@id='talks']/@hidden") == 0)
        for id in ["upcoming", "past", "past-2099", "past-2021", "no-upcoming"] {
            #expect(page.count("//*[@id='\(id)']/@hidden") == 1, "\(id) is hidden until the script runs")
        }
        #expect(page.strings("//section[@id='past']/section/h3") == ["2099", "2021"])
        #expect(page.count("//section[@id='upcoming']/article | //section[@id='past']//article") == 0)
        // The article's data-year names its group.
        #expect(page.string("//article[@id='talk-future-1']/@data-year") == "2099")
        #expect(page.string("//script") == WebPageAssets.script)
        #expect(page.text.contains("for (var i = 0; i < talks.length; i++)"), "script text is raw, not escaped")
    }

    @Test func autodiscoveryAndSubscribeLinks() throws {
        let page = try page([])
        #expect(page.strings("//head/link[@rel='alternate']/@type") == ["application/atom+xml", "application/rss+xml", "application/feed+json"])
        #expect(page.strings("//head/link[@rel='alternate']/@href") == ["atom.xml", "rss.xml", "feed.json"])
        #expect(page.string("//head/link[@type='application/atom+xml']/@title") == "Internal Seminar: Theory of Neural Nets (Atom feed)")
        let subscribe = page.strings("//nav[@class='subscribe']//a/@href")
        #expect(subscribe == [
            "webcal://www.epfl.ch/labs/csft/internal-seminar-theory-of-neural-nets/feeds/calendar.ics",
            "calendar.ics", "atom.xml", "rss.xml", "feed.json",
        ])
        #expect(page.strings("//nav[@class='subscribe']//a") == ["Add to calendar", "Calendar file (.ics)", "Atom feed", "RSS feed", "JSON Feed"])
        #expect(page.count("//section[@id='talks']/p") == 1, "an empty archive says so")
    }

    @Test func organisersAndContactAtTheFoot() throws {
        let page = try page([])
        let foot = collapsed(page.string("//footer") ?? "")
        for person in seminar.organisers { #expect(foot.contains(person.name)) }
        #expect(page.string("//footer//a[starts-with(@href,'mailto:')]/@href") == "mailto:loucas.pillaud-vivien@epfl.ch")
        #expect(page.string("//footer//a[@href='\(seminar.homePage)']") != nil)
    }

    /// No script, style, font or image from elsewhere: only links a reader follows point out.
    @Test func noExternalResources() throws {
        let talks = try PageTestArchive.mixedTalks()
        let page = try page(talks)
        #expect(page.count("//@src") == 0)
        #expect(page.count("//script") == 1 && page.count("//style") == 1)
        #expect(page.count("//img | //iframe | //object | //embed | //video | //audio | //source") == 0)
        #expect(page.strings("//link/@rel").allSatisfy { $0 == "alternate" })
        #expect(page.strings("//link/@href").allSatisfy { !$0.contains(":") })
        let css = page.string("//style") ?? ""
        #expect(!css.contains("url(") && !css.contains("@import") && !css.contains("@font-face"))
        // The address written bare in the shipped description is a link (as `\url` makes one).
        var allowed: Set<String> = [seminar.homePage, "https://www.epfl.ch/labs/csft/theory-of-neural-nets-seminar/"]
        #expect(seminar.description.contains("(https://www.epfl.ch/labs/csft/theory-of-neural-nets-seminar/)"))
        #expect(page.strings("//header//div[@class='description']//a/@href") == ["https://www.epfl.ch/labs/csft/theory-of-neural-nets-seminar/"])
        for talk in talks {
            allowed.formUnion(talk.links.map(\.url))
            allowed.formUnion(talk.speakers.compactMap(\.url))
            if let meeting = talk.meeting, !talk.meetingIsPrivate { allowed.insert(meeting) }
        }
        let urlAttributes = ["href", "src", "srcset", "action", "formaction", "poster", "data", "cite", "background"]
        let outside = page.strings("//@*[" + urlAttributes.map { "name()='\($0)'" }.joined(separator: " or ") + "]")
            .filter { $0.contains(":") }
        #expect(outside.allSatisfy { allowed.contains($0) || $0.hasPrefix("webcal://") || $0.hasPrefix("mailto:") }, "\(outside)")
        #expect(page.string("//meta[@http-equiv='Content-Security-Policy']/@content")?.hasPrefix("default-src 'none'") == true)
    }

    @Test func privateMeetingLinksNeverAppear() throws {
        let secret = "https://epfl.zoom.us/j/12345678901?pwd=secret"
        let talks = [PageTestArchive.talk("private", meetingIsPrivate: true),
                     PageTestArchive.talk("private-with-link", meeting: secret, meetingIsPrivate: true)]
        let page = try page(talks)
        #expect(!page.text.contains("12345678901"))
        for id in ["private", "private-with-link"] {
            #expect(collapsed(page.string("//article[@id='talk-\(id)']/p[@class='where']") ?? "")
                == "Where: online, link sent on request (Loucas Pillaud-Vivien, loucas.pillaud-vivien@epfl.ch)")
        }
        // The seminar can make every meeting link private.
        var privateSeminar = seminar
        privateSeminar.meetingLinksArePrivate = true
        let all = try self.page([PageTestArchive.talk("public", meeting: secret)], context: try PageTestArchive.context(privateSeminar))
        #expect(!all.text.contains("12345678901"))
        #expect(all.text.contains("link sent on request"))
    }

    /// A cancelled or postponed talk does not happen at its time: the page offers no
    /// meeting to join, only that it was to be online; a scheduled one still does.
    @Test func talksNotHappeningOfferNoMeeting() throws {
        var cancelled = PageTestArchive.talk("cancelled", meeting: "https://epfl.zoom.us/j/11111111111")
        cancelled.status = .cancelled
        var postponed = PageTestArchive.talk("postponed", meeting: "https://epfl.zoom.us/j/22222222222")
        postponed.status = .postponed
        let scheduled = PageTestArchive.talk("scheduled", meeting: "https://epfl.zoom.us/j/33333333333")
        let page = try page([cancelled, postponed, scheduled])
        #expect(!page.text.contains("11111111111") && !page.text.contains("22222222222"))
        for id in ["cancelled", "postponed"] {
            #expect(collapsed(page.string("//article[@id='talk-\(id)']/p[@class='where']") ?? "") == "Where: online")
        }
        #expect(page.string("//article[@id='talk-scheduled']//a[@class='meeting']/@href") == "https://epfl.zoom.us/j/33333333333")
    }

    @Test func hostileStringsAreEscaped() throws {
        let title = "<script>alert(\"x\")</script> & \"quotes\" </style>"
        let url = "https://example.org/a?b=1&c=\"2\"><script>"
        let talk = PageTestArchive.talk("hostile\"<&>", title: title,
                                        speakers: [Person(name: "Eve \"<b>\" & co", affiliation: "<i>Lab</i> & Sons", url: url)],
                                        abstract: "x < y && y > z </div><script>bad()</script>",
                                        links: [TalkLink(title: "</a><img src=x onerror=alert(1)>", url: url)])
        let page = try page([talk])
        #expect(!page.text.contains("<script>alert"))
        #expect(!page.text.contains("<script>bad"))
        #expect(!page.text.contains("<img"))
        #expect(page.text.contains("&lt;script&gt;alert(\"x\")&lt;/script&gt; &amp; \"quotes\""))
        #expect(page.count("//script") == 1)
        #expect(page.string("//article/h3") == title)
        // In href, libxml2's HTML serialiser percent-encodes what a URL cannot hold (the
        // same URL to a browser) and escapes the rest.
        #expect(page.string("//article/p[@class='speakers']/a/@href") == "https://example.org/a?b=1&c=%222%22><script>")
        #expect(page.text.contains("href=\"https://example.org/a?b=1&amp;c=%222%22&gt;&lt;script&gt;\""))
        // Other attributes keep the quote: libxml2 then delimits the value with apostrophes.
        #expect(page.string("//article/@id") == "talk-hostile\"<&>")
        #expect(page.text.contains("id='talk-hostile\"&lt;&amp;&gt;'"))
        #expect(page.string("//article/p[@class='speakers']/a") == "Eve \"<b>\" & co")
        #expect(page.string("//article/ul/li/a") == "</a><img src=x onerror=alert(1)>")
        #expect(collapsed(page.string("//article/div[@class='abstract']") ?? "") == "x < y && y > z </div><script>bad()</script>")
    }

    @Test func controlCharactersThrow() throws {
        for (i, bad) in ["\u{7}", "\u{0}", "\u{1B}[31m", "\u{FFFF}"].enumerated() {
            let talk = PageTestArchive.talk("bad-\(i)", title: "Title " + bad)
            #expect {
                _ = try WebPageWriter.write(talks: [talk], context: context, links: links)
            } throws: { error in
                guard case let .forbiddenCharacter(codePoint, _, where_) = error as? PageMarkupError else { return false }
                return codePoint == bad.unicodeScalars.first!.value && where_ == "talk bad-\(i)"
            }
        }
        let abstract = PageTestArchive.talk("bad-abstract", abstract: "fine\u{8}not fine")
        let error = #expect(throws: PageMarkupError.self) {
            _ = try WebPageWriter.write(talks: [abstract], context: context, links: links)
        }
        #expect(error?.description == "talk bad-abstract: character U+0008 is not allowed in XML or HTML, in \"fine\\u{08}not fine\"")
        // Tabs and newlines are fine.
        _ = try WebPageWriter.write(talks: [PageTestArchive.talk("ok", abstract: "a\tb\nc\r\nd")], context: context, links: links)
    }

    @Test func unsafeLinksThrow() throws {
        let talk = PageTestArchive.talk("js", links: [TalkLink(title: "Slides", url: "javascript:alert(1)")])
        #expect(throws: PageMarkupError.unsafeURL("javascript:alert(1)", context: "talk js")) {
            _ = try WebPageWriter.write(talks: [talk], context: context, links: links)
        }
        var badLinks = links
        badLinks.calendarAbsoluteURL = "calendar.ics"
        #expect(throws: PageMarkupError.self) {
            _ = try WebPageWriter.write(talks: [], context: context, links: badLinks)
        }
    }

    @Test func sameArchiveSameBytes() throws {
        let talks = try PageTestArchive.mixedTalks()
        let first = try WebPageWriter.write(talks: talks, context: context, links: links)
        let again = try WebPageWriter.write(talks: talks, context: context, links: links)
        let shuffled = try WebPageWriter.write(talks: talks.shuffled(), context: context, links: links)
        #expect(first == again)
        #expect(first == shuffled)
    }

    /// Writes the documents `scripts/browser-check` loads, when SEMINAR_PAGE_OUTPUT names a
    /// folder: `archive/` (the shipped talks) and `mixed/` (with upcoming talks), each with
    /// index.html, feed.xsl and the sample feeds as atom.xml and rss.xml. Stands in for
    /// `seminar build` until that command exists.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["SEMINAR_PAGE_OUTPUT"] != nil))
    func writeOutputsForBrowserCheck() throws {
        let output = URL(filePath: ProcessInfo.processInfo.environment["SEMINAR_PAGE_OUTPUT"]!)
        let fixtures = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        for (name, talks) in [("archive", try PageTestArchive.loadTalks()), ("mixed", try PageTestArchive.mixedTalks())] {
            let folder = output.appending(path: name)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(WebPageWriter.write(talks: talks, context: context, links: links)).write(to: folder.appending(path: "index.html"))
            try Data(FeedStylesheet.write(context: context, links: links)).write(to: folder.appending(path: "feed.xsl"))
            for (fixture, target) in [("page-sample-atom.xml", "atom.xml"), ("page-sample-rss.xml", "rss.xml")] {
                let data = try Data(contentsOf: fixtures.appending(path: fixture))
                try data.write(to: folder.appending(path: target))
            }
        }
    }
}
