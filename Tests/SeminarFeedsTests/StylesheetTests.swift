import Foundation
import SeminarArchive
import Testing
@testable import SeminarFeeds

/// The feed stylesheet applied with xsltproc (libxslt, the XSLT engine of Chromium and
/// Safari) to hand-written Atom and RSS samples.
@Suite struct StylesheetTests {
    let context: FeedContext
    let links: WebPageLinks

    init() throws {
        context = try PageTestArchive.context()
        links = WebPageLinks(seminar: context.seminar)
    }

    /// xsltproc on PATH, or nil after recording a failure that says how to install it.
    static func xsltproc() -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = URL(filePath: String(folder)).appending(path: "xsltproc")
            if FileManager.default.isExecutableFile(atPath: candidate.path(percentEncoded: false)) { return candidate }
        }
        Issue.record("xsltproc is not installed (`which xsltproc` finds nothing): the feed stylesheet tests need it. Install it with `apt-get install -y xsltproc`.")
        return nil
    }

    /// Writes the stylesheet next to a copy of the fixture and transforms it.
    func transform(fixture: String, editing edit: ((String) -> String)? = nil) throws -> PageProbe? {
        guard let xsltproc = Self.xsltproc() else { return nil }
        let folder = FileManager.default.temporaryDirectory.appending(path: "page-stylesheet-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let stylesheet = folder.appending(path: "feed.xsl")
        try Data(FeedStylesheet.write(context: context, links: links)).write(to: stylesheet)
        let fixtures = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        var feed = fixtures.appending(path: fixture)
        if let edit {
            let edited = folder.appending(path: fixture)
            try Data(edit(try String(contentsOf: feed, encoding: .utf8)).utf8).write(to: edited)
            feed = edited
        }

        let process = Process()
        process.executableURL = xsltproc
        process.arguments = ["--nonet", stylesheet.path(percentEncoded: false), feed.path(percentEncoded: false)]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let html = output.fileHandleForReading.readDataToEndOfFile()
        let messages = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "xsltproc failed: \(messages)")
        #expect(messages.isEmpty, "xsltproc said: \(messages)")
        return try PageProbe(Array(html))
    }

    func expectSubscribeNote(_ page: PageProbe, feedURL: String) {
        #expect(page.text.hasPrefix("<!DOCTYPE html"))
        #expect(page.string("/html/@lang") == "en")
        #expect(page.string("//h1") == "Internal Seminar: Theory of Neural Nets")
        #expect(page.string("//title") == "Internal Seminar: Theory of Neural Nets (web feed)")
        #expect(page.string("//section[@class='subscribe']/h2") == "How to subscribe")
        #expect(collapsed(page.string("//section[@class='subscribe']") ?? "").contains("copy its address into your feed reader"))
        #expect(page.string("//section[@class='subscribe']//code") == feedURL)
        #expect(page.strings("//section[@class='subscribe']//a/@href") == [
            "webcal://www.epfl.ch/labs/csft/internal-seminar-theory-of-neural-nets/feeds/calendar.ics", "calendar.ics", "index.html",
        ])
        #expect(page.count("//@src | //script | //link") == 0, "the feed page loads nothing")
    }

    @Test func atomFeedBecomesAReadablePage() throws {
        guard let page = try transform(fixture: "page-sample-atom.xml") else { return }
        expectSubscribeNote(page, feedURL: "https://www.epfl.ch/labs/csft/internal-seminar-theory-of-neural-nets/feeds/atom.xml")
        #expect(page.strings("//article[@class='entry']/h3").map(collapsed) == [
            "Leonardo Petrini — Relative stability toward diffeomorphisms indicates performance in deep nets",
            "Scott Pesme — Implicit Bias of SGD for Diagonal Linear Networks: a Provable Benefit of Stochasticity",
        ])
        #expect(page.string("//article[1]/h3/a/@href")?.hasSuffix("#talk-c3b2a190-8f7e-4d6c-9b5a-4e3f2d1c0b34") == true)
        #expect(page.strings("//article/p[@class='date']/time") == ["2021-07-05", "2021-06-21"])
        #expect(page.string("//article[1]/p[@class='date']/time/@datetime") == "2021-07-05T08:00:00Z")
        // Escaped HTML content comes out as markup (disable-output-escaping)…
        #expect(page.string("//article[1]/div[@class='content']/p[@class='abstract-sample']")?
            .hasPrefix("Understanding why deep nets") == true)
        // …and an entry without content shows its summary.
        #expect(page.count("//article[2]/div[@class='content']") == 0)
        #expect(page.string("//article[2]/p[@class='summary']")?.hasPrefix("When: Monday 28 June 2021") == true)
    }

    @Test func rssFeedBecomesAReadablePage() throws {
        guard let page = try transform(fixture: "page-sample-rss.xml") else { return }
        expectSubscribeNote(page, feedURL: "https://www.epfl.ch/labs/csft/internal-seminar-theory-of-neural-nets/feeds/rss.xml")
        #expect(page.strings("//article[@class='entry']/h3").map(collapsed) == [
            "Ido Nachum — Regularization by Misclassification in ReLU Neural Networks",
            "Eugene Golikov — Tensor Programs",
        ])
        #expect(page.strings("//article/p[@class='date']/time") == ["Mon, 31 May 2021", "Mon, 10 May 2021"])
        // RFC 822 dates made RFC 3339, the only form `<time datetime>` accepts.
        #expect(page.strings("//article/p[@class='date']/time/@datetime") == ["2021-05-31T08:00:00Z", "2021-05-10T08:00:00Z"])
        #expect(page.string("//article[1]/div[@class='content']/p[@class='abstract-sample']")?
            .hasPrefix("We study the implicit bias") == true)
        #expect(page.count("//article[1]/h3/a") == 0, "an item without link has a plain title")
        #expect(page.string("//article[2]/h3/a/@href")?.hasSuffix("#talk-5b0f3c1e-7a52-4d2b-9c1a-1f6e2d8b9a01") == true)
        // Without content:encoded, the description is the item's HTML (as our RSS writer makes it).
        #expect(page.string("//article[2]/div[@class='content']")?.contains("We shall discuss a formalism") == true)
    }

    /// A frozen year's document, in archive/YEAR/: its view links up to the seminar's page
    /// and calendar, gives the subscription feed's address, not its own, and tells the
    /// year's calendar from the subscription.
    @Test(arguments: ["page-sample-atom.xml", "page-sample-rss.xml"])
    func aFrozenYearsViewLeadsToTheSubscription(_ fixture: String) throws {
        let current = "https://www.epfl.ch/labs/csft/internal-seminar-theory-of-neural-nets/feeds/current.xml"
        let archived = { (text: String) -> String in
            let link = #"<atom:link rel="current" href=""# + current + #""/><fh:archive/>"#
            let atomLink = #"<link rel="current" href=""# + current + #""/><fh:archive/>"#
            var text = text
            if let entry = text.range(of: "<entry>") { text.replaceSubrange(entry, with: atomLink + "<entry>") }
            return text
                .replacingOccurrences(of: #"xmlns:atom="http://www.w3.org/2005/Atom""#,
                                      with: #"xmlns:atom="http://www.w3.org/2005/Atom" xmlns:fh="http://purl.org/syndication/history/1.0""#)
                .replacingOccurrences(of: #"<feed xmlns="http://www.w3.org/2005/Atom""#,
                                      with: #"<feed xmlns="http://www.w3.org/2005/Atom" xmlns:fh="http://purl.org/syndication/history/1.0""#)
                .replacingOccurrences(of: "<language>en</language>", with: "<language>en</language>" + link)
        }
        guard let page = try transform(fixture: fixture, editing: archived) else { return }
        let note = collapsed(page.string("//section[@class='subscribe']") ?? "")
        #expect(note.contains("archive of a past year"))
        #expect(!note.contains("copy its address"))
        #expect(page.strings("//section[@class='subscribe']//code") == [current])
        #expect(page.strings("//section[@class='subscribe']//a/@href") == [
            "webcal://www.epfl.ch/labs/csft/internal-seminar-theory-of-neural-nets/feeds/calendar.ics", "calendar.ics", "../../index.html",
        ])
        #expect(page.string("//section[@class='subscribe']//a[2]") == "download this year's talks")
    }

    @Test func stylesheetIsXSLT10BuiltTheSameEveryTime() throws {
        let first = try FeedStylesheet.write(context: context, links: links)
        #expect(first == (try FeedStylesheet.write(context: context, links: links)))
        let text = String(decoding: first, as: UTF8.self)
        #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xsl:stylesheet"))
        #expect(text.contains("version=\"1.0\""))
        #expect(text.contains("<xsl:template match=\"/atom:feed\">") && text.contains("<xsl:template match=\"/rss\">"))
        #expect(text.contains("disable-output-escaping=\"yes\""))
    }

    @Test func controlCharacterInALinkThrows() throws {
        var bad = links
        bad.page = "index.html\u{1}"
        // The link is written below the feed's folder (`{$up}`: up two folders from a frozen year's).
        #expect(throws: PageMarkupError.forbiddenCharacter(codePoint: 1, text: "{$up}index.html\u{1}", context: "feed stylesheet")) {
            _ = try FeedStylesheet.write(context: context, links: bad)
        }
    }
}
