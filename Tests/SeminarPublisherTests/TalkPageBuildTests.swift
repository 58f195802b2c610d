import FeedTestSupport
import Foundation
import SeminarArchive
import Testing
@testable import SeminarPublisher

/// Talk pages as the build publishes them: every link leads somewhere, each calendar is
/// the talk's event as in `calendar.ics`, and the other documents link to the pages.
@Suite struct TalkPageBuildTests {
    static func shipped() throws -> [String: [UInt8]] {
        let root = ArchiveFixture.packageRoot.path
        let publisher = Publisher(archiveRoot: root + "/archive", feedsRoot: root + "/feeds")
        let checked = publisher.check()
        return Dictionary(uniqueKeysWithValues: try publisher.documents(of: checked).map { ($0.path, $0.bytes) })
    }

    /// Every talk of the shipped archive has a page whose links all resolve inside
    /// `feeds/` (to a document the build writes) or are absolute URLs.
    @Test func everyLinkOfEveryTalkPageLeadsSomewhere() throws {
        let documents = try Self.shipped()
        let root = ArchiveFixture.packageRoot.path
        let talks = Publisher(archiveRoot: root + "/archive", feedsRoot: root + "/feeds").check().talks
        let pages = documents.keys.filter { $0.hasPrefix("talks/") && $0.hasSuffix(".html") }
        #expect(Set(pages) == Set(talks.map { "talks/" + $0.talk.id + ".html" }))
        for path in pages {
            let page = try ParsedXML(html: documents[path]!)
            for href in page.strings("//a/@href | //link/@href") {
                if href.hasPrefix("https://") || href.hasPrefix("http://") || href.hasPrefix("mailto:") { continue }
                let target = URL(fileURLWithPath: "/feeds/" + path).deletingLastPathComponent().appendingPathComponent(href).standardized.path
                #expect(target.hasPrefix("/feeds/"), "\(path): \(href) leaves feeds/")
                #expect(documents[String(target.dropFirst("/feeds/".count))] != nil, "\(path): \(href) leads nowhere")
            }
        }
    }

    /// A talk's calendar is the calendar writer given that talk alone: the same UID and
    /// SEQUENCE as its event in `calendar.ics`, so adding it twice updates one event.
    @Test func aTalksCalendarHoldsItsEventAsTheSeminarsCalendarDoes() throws {
        let documents = try Self.shipped()
        func events(_ bytes: [UInt8]) -> [[String]] {
            let lines = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n")
            var out: [[String]] = []
            var current: [String]?
            for line in lines {
                if line == "BEGIN:VEVENT" { current = [] } else if line == "END:VEVENT" { out.append(current ?? []); current = nil }
                else { current?.append(line) }
            }
            return out
        }
        let all = events(try #require(documents["calendar.ics"]))
        let single = documents.filter { $0.key.hasPrefix("talks/") && $0.key.hasSuffix(".ics") }
        #expect(!single.isEmpty)
        for (path, bytes) in single {
            let own = events(bytes)
            #expect(own.count == 1, "\(path)")
            let uid = try #require(own.first?.first { $0.hasPrefix("UID:") })
            let twin = try #require(all.first { $0.contains(uid) }, "\(path): \(uid) is not in calendar.ics")
            #expect(own.first == twin, "\(path): the event differs from calendar.ics")
            #expect(own.first?.contains { $0.hasPrefix("SEQUENCE:") } == true)
        }
    }

    /// The seminar's page links each card to its talk's page; feeds link each entry to it.
    @Test func theSeminarPageAndTheFeedsLinkToTheTalkPages() throws {
        let documents = try Self.shipped()
        let page = try ParsedXML(html: try #require(documents["index.html"]))
        let ids = page.strings("//article[@class]/@id").map { String($0.dropFirst("talk-".count)) }
        #expect(!ids.isEmpty)
        for id in ids {
            #expect(page.string("//article[@id='talk-\(id)']/h3/a/@href") == "talks/\(id).html")
        }
        let rss = try ParsedXML(try #require(documents["rss.xml"]), namespaces: ["atom": "http://www.w3.org/2005/Atom"])
        let base = try #require(rss.string("/rss/channel/atom:link[@rel='self']/@href")?.replacingOccurrences(of: "rss.xml", with: ""))
        #expect(Set(rss.strings("/rss/channel/item/link")) == Set(ids.map { base + "talks/" + $0 + ".html" }))
    }
}

/// What snapshot format 4 changes in a frozen year's documents, and what formats 1 to 3
/// keep: the talk pages, the entries' links to them, bare URLs made links.
@Suite struct FormatFourTests {
    @Test(arguments: [3, 4])
    func aFrozenYearHasTalkPagesAndLinkedAddressesFromFormatFour(_ format: Int) throws {
        let a = try ArchiveFixture()
        defer { a.remove() }
        try a.talk("2021-06-28-grace-speaker", year: 2021, id: "t1", start: "2021-06-28T16:30",
                   abstract: "Slides at https://example.org/slides.", extra: ["meeting": "https://zoom.example.org/j/1"])
        let checked = Publisher(archiveRoot: a.archive, feedsRoot: a.feeds).check()
        let planner = DocumentPlanner(checked: checked, seminar: try #require(checked.seminar), includePrivateLinks: false)
        let documents = try planner.archiveDocuments(year: 2021, previousYear: nil, nextYear: nil, format: format)
        let atom = String(decoding: try #require(documents.first { $0.path == FeedsLayout.archiveAtom(2021) }).bytes, as: UTF8.self)
        let linked = #"<a href="https://example.org/slides">https://example.org/slides</a>."#
        if format >= 4 {
            #expect(documents.map(\.path).contains("talks/t1.html") && documents.map(\.path).contains("talks/t1.ics"))
            #expect(atom.contains(linked))
            #expect(atom.contains(#"<link rel="alternate" type="text/html" href="https://seminar.example.org/feeds/talks/t1.html"/>"#))
            #expect(atom.contains(#"<link rel="related" href="https://zoom.example.org/j/1" title="Join the meeting"/>"#))
            let page = String(decoding: try #require(documents.first { $0.path == "talks/t1.html" }).bytes, as: UTF8.self)
            #expect(page.contains(#"href="../archive/2021/atom.xml""#), "a frozen talk's page links to its year's feeds")
        } else {
            #expect(!documents.map(\.path).contains { $0.hasPrefix("talks/") })
            #expect(!atom.contains(linked) && atom.contains("Slides at https://example.org/slides."))
            #expect(atom.contains(#"<link rel="alternate" href="https://zoom.example.org/j/1"/>"#))
        }
    }
}
