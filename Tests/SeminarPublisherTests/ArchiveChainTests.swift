import FeedTestSupport
import Foundation
import SeminarArchive
import Testing
@testable import SeminarPublisher

/// The yearly archive documents, read as real clients read them.
@Suite struct ArchiveChainTests {
    static let now = Instant(rfc3339: "2024-03-01T12:00:00Z")!
    static let base = "https://seminar.example.org/feeds/"

    /// Four years of talks, the first three frozen; one talk still to be defined.
    func frozenArchive() throws -> ArchiveFixture {
        let a = try ArchiveFixture()
        var n = 0
        for year in 2020...2023 {
            for month in [3, 6, 10] {
                n += 1
                try a.talk("\(year)-\(twoDigits(month))-14-speaker-\(n)", year: year, id: "talk-\(n)",
                           start: "\(year)-\(twoDigits(month))-14T16:30", title: "Talk \(n) on $\\mathbb{R}^\(n)$",
                           speaker: "Speaker \(n)")
            }
        }
        try a.talk("tbd-speaker-x", year: 2023, id: "talk-tbd", start: nil, speaker: "Speaker X")
        let p = Publisher(archiveRoot: a.archive, feedsRoot: a.feeds)
        for year in 2020...2022 { _ = try p.snapshot(year: year, now: Self.now) }
        return a
    }

    /// The local file behind a URL under the feeds base.
    func file(_ url: String, in a: ArchiveFixture) throws -> [UInt8] {
        try #require(url.hasPrefix(Self.base), "\(url) is not under the feeds base URL")
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: a.feeds + "/" + url.dropFirst(Self.base.count))))
    }

    @Test func walkingPrevArchiveFindsEveryTalkExactlyOnce() throws {
        let a = try frozenArchive()
        defer { a.remove() }
        var ids: [String] = []
        var url: String? = Self.base + "atom.xml"
        var visited: [String] = []
        while let current = url {
            try #require(!visited.contains(current), "the prev-archive chain loops at \(current)")
            visited.append(current)
            let bytes = try file(current, in: a)
            let parsed = try FeedParser.parse(bytes, fileExtension: "xml")
            #expect(parsed["bozo"] as? Bool == false, "\(current): \(parsed["bozo_exception"] ?? "")")
            #expect(parsed["version"] as? String == "atom10")
            let entries = try #require(parsed["entries"] as? [[String: Any]])
            ids += entries.compactMap { $0["id"] as? String }
            let xml = try ParsedXML(bytes, namespaces: ParsedXML.atomNamespaces)
            #expect(try AtomSchema.violations(of: xml) == [], "\(current) is not valid Atom")
            url = xml.string("/a:feed/a:link[@rel='prev-archive']/@href")
        }
        #expect(visited == [Self.base + "atom.xml"] + [2022, 2021, 2020].map { Self.base + "archive/\($0)/atom.xml" })
        let expected = (1...12).map { "tag:example.org,2021:test/talk-\($0)" } + ["tag:example.org,2021:test/talk-tbd"]
        #expect(ids.sorted() == expected.sorted())
        #expect(Set(ids).count == ids.count, "a talk appears twice")
    }

    @Test func archiveDocumentsCarryRFC5005Links() throws {
        let a = try frozenArchive()
        defer { a.remove() }
        let atom = try ParsedXML(try file(Self.base + "archive/2021/atom.xml", in: a), namespaces: ParsedXML.atomNamespaces)
        #expect(atom.count("/a:feed/fh:archive") == 1)
        #expect(atom.string("/a:feed/a:link[@rel='self']/@href") == Self.base + "archive/2021/atom.xml")
        #expect(atom.string("/a:feed/a:link[@rel='current']/@href") == Self.base + "atom.xml")
        #expect(atom.string("/a:feed/a:link[@rel='prev-archive']/@href") == Self.base + "archive/2020/atom.xml")
        // Written before 2022 was frozen, 2021 does not name it: a published document never changes.
        #expect(atom.count("/a:feed/a:link[@rel='next-archive']") == 0)
        #expect(atom.strings("/a:feed/a:entry/a:id").sorted() == (4...6).map { "tag:example.org,2021:test/talk-\($0)" })

        let rss = try ParsedXML(try file(Self.base + "archive/2021/rss.xml", in: a), namespaces: ParsedXML.rssNamespaces)
        #expect(rss.count("/rss/channel/fh:archive") == 1)
        #expect(rss.string("/rss/channel/atom:link[@rel='current']/@href") == Self.base + "rss.xml")
        #expect(rss.string("/rss/channel/atom:link[@rel='prev-archive']/@href") == Self.base + "archive/2020/rss.xml")
        let parsed = try FeedParser.parse(try file(Self.base + "archive/2021/rss.xml", in: a), fileExtension: "xml")
        #expect(parsed["bozo"] as? Bool == false)
        #expect(parsed["version"] as? String == "rss20")

        // The subscription documents hold 2023 and the talk to be defined, and point back.
        let subscription = try ParsedXML(try file(Self.base + "atom.xml", in: a), namespaces: ParsedXML.atomNamespaces)
        #expect(subscription.count("/a:feed/fh:archive") == 0)
        #expect(subscription.strings("/a:feed/a:entry/a:id").count == 4)
        #expect(subscription.string("/a:feed/a:link[@rel='prev-archive']/@href") == Self.base + "archive/2022/atom.xml")
        let calendar = String(decoding: try file(Self.base + "archive/2020/calendar.ics", in: a), as: UTF8.self)
        #expect(calendar.components(separatedBy: "BEGIN:VEVENT").count - 1 == 3)
    }

    @Test func amendingAnOlderYearAddsItsNextArchiveLink() throws {
        let a = try frozenArchive()
        defer { a.remove() }
        try a.talk("2021-06-14-speaker-5", year: 2021, id: "talk-5", start: "2021-06-14T16:30",
                   title: "Talk 5, corrected", speaker: "Speaker 5", updated: "2024-02-01T08:00:00Z")
        let result = try Publisher(archiveRoot: a.archive, feedsRoot: a.feeds)
            .snapshot(year: 2021, now: Self.now, amendReason: "Title corrected")
        #expect(result.record.nextYear == 2022)
        let atom = try ParsedXML(try file(Self.base + "archive/2021/atom.xml", in: a), namespaces: ParsedXML.atomNamespaces)
        #expect(atom.string("/a:feed/a:link[@rel='next-archive']/@href") == Self.base + "archive/2022/atom.xml")
        #expect(try AtomSchema.violations(of: atom) == [])
    }

    /// The page shows the talks that are not frozen in full, and each frozen year as a
    /// line of links to its archive documents, which exist: the page stays small however
    /// long the history.
    @Test func theWebPageLinksFrozenYearsInsteadOfRepeatingThem() throws {
        let a = try frozenArchive()
        defer { a.remove() }
        let page = try ParsedXML(html: try file(Self.base + "index.html", in: a))
        let shown = page.strings("//article[contains(@class, 'talk')]/@id")
        #expect(shown.sorted() == ["talk-talk-10", "talk-talk-11", "talk-talk-12", "talk-talk-tbd"])
        #expect(page.strings("//section[@id='archive']/ul/li/strong") == ["2022", "2021", "2020"])
        let year = try #require(page.nodes("//li[@id='archive-2021']").first)
        #expect(ParsedXML.content(year).trimmingCharacters(in: .whitespacesAndNewlines) == "2021: 3 talks · Atom feed · RSS feed · calendar")
        let links = page.strings("a/@href", from: year)
        #expect(links == ["archive/2021/atom.xml", "archive/2021/rss.xml", "archive/2021/calendar.ics"])
        for link in page.strings("//section[@id='archive']//a/@href") {
            #expect(FileManager.default.fileExists(atPath: a.feeds + "/" + link), "\(link) is linked from the page but missing")
        }
    }
}
