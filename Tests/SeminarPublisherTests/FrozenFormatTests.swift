import Foundation
import SeminarArchive
import Testing
@testable import SeminarPublisher

/// A frozen year must render byte for byte as it was published, with every later version
/// of the tool. There is one fixture per snapshot format (archive, record and the
/// published documents), each made once with `seminar snapshot 2019` by the tool of that
/// format and never regenerated: a failure here means a change to a writer, the LaTeX
/// renderers or the presentation would alter published history. Keep the old rendering
/// for the old formats (and give new renderings a new format, with a fixture of its own)
/// instead of updating a fixture.
@Suite struct FrozenFormatTests {
    static func fixture(format: Int) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/frozen-format-\(format)")
    }

    static let formats = Array(1...SnapshotRecord.currentFormat)

    @Test(arguments: formats)
    func aFrozenYearRendersExactlyAsPublished(format: Int) throws {
        let fixture = Self.fixture(format: format)
        let publisher = Publisher(archiveRoot: fixture.path + "/archive", feedsRoot: fixture.path + "/feeds")
        let checked = publisher.check()
        #expect(checked.diagnostics.isEmpty, "\(checked.diagnostics)")
        let record = try #require(checked.records[2019])
        #expect(record.format == format)
        // The year's feeds, and from format 4 its talks' pages (every year of the fixture is
        // frozen, so every talk page is the year's).
        let documents = try publisher.documents(of: checked).filter { $0.path.hasPrefix("archive/2019/") || $0.path.hasPrefix("talks/") }
        #expect(Set(documents.map(\.path)) == Set(record.documents.keys))
        for document in documents {
            let published = [UInt8](try Data(contentsOf: fixture.appendingPathComponent("feeds/" + document.path)))
            #expect(document.bytes == published, "\(document.path) of format \(format) no longer renders as it was published")
            #expect(sha256Digest(document.bytes) == record.documents[document.path])
        }
    }

    @Test(arguments: formats)
    func theFixtureCoversWhatCanDrift(format: Int) throws {
        // LaTeX, a cancelled talk across the daylight-saving change, another time zone and a
        // private link: the parts of a document most likely to change with the tool.
        let atom = String(decoding: try Data(contentsOf: Self.fixture(format: format).appendingPathComponent("feeds/archive/2019/atom.xml")), as: UTF8.self)
        #expect(atom.contains("∑"))
        #expect(atom.contains("Gödel’s"))
        #expect(atom.contains("[Cancelled]"))
        #expect(atom.contains("EST"))
        #expect(!atom.contains("zoom.example.org/j/3"))
        #expect(atom.contains("<fh:archive/>"))
        // What tells the formats apart: how the entries' HTML is carried, and (from format
        // 3, whose fixture has a talk ending in the hour repeated when the clocks go back)
        // how such an end is written.
        #expect(atom.contains(#"<content type="html">&lt;p&gt;"#) == (format == 1))
        #expect(atom.contains(#"<content type="html"><![CDATA[<p>"#) == (format >= 2))
        if format >= 3 {
            let calendar = String(decoding: try Data(contentsOf: Self.fixture(format: format).appendingPathComponent("feeds/archive/2019/calendar.ics")), as: UTF8.self)
            #expect(calendar.contains("DTSTART;TZID=Europe/Zurich:20191027T013000\r\nDTEND:20191027T013000Z\r\n"))
            // The cancelled talk has a meeting link in its file, offered nowhere.
            let talk = String(decoding: try Data(contentsOf: Self.fixture(format: format).appendingPathComponent("archive/2019/2019-10-28-emmy-noether.json")), as: UTF8.self)
            #expect(talk.contains("https://zoom.example.org/j/2"))
            #expect(!atom.contains("zoom.example.org/j/2") && !calendar.contains("zoom.example.org/j/2"))
            #expect(atom.contains("<strong>Where:</strong> Room MA 10; online</p>"))
        }
        if format >= 4 {
            // The linear text that keeps the meaning, in titles, summaries and calendars.
            let calendar = String(decoding: try Data(contentsOf: Self.fixture(format: format).appendingPathComponent("feeds/archive/2019/calendar.ics")), as: UTF8.self)
            #expect(atom.contains("Rates for (1/(2n))∑ᵢ xᵢ"))
            #expect(calendar.contains("√(d log n/n)") && calendar.contains("∇_θ f(x)") && atom.contains("Zᵦ, wᵀx"))
            #expect(calendar.contains("ORGANIZER;CN=Ada Organiser:mailto:ada@example.org"))
            // Each talk has its page, which the entry links to, with display math and a
            // bare address made a link.
            let page = String(decoding: try Data(contentsOf: Self.fixture(format: format).appendingPathComponent("feeds/talks/f4.html")), as: UTF8.self)
            #expect(atom.contains(#"href="https://seminar.example.org/feeds/talks/f4.html""#))
            #expect(page.contains(#"<math alttext="∫₀ᵀ ‖u(t)‖² dt ≤ (1/n) log(1/δ)." display="block">"#))
            #expect(page.contains(#"<a href="https://seminar.example.org/notes/f4">"#))
        }
    }

    /// Formats 1 and 2 wrote such an end in local time (which calendars read as its first
    /// occurrence, an hour early); years frozen in them keep it.
    @Test func ambiguousCalendarEndsFollowTheFormat() {
        #expect(SnapshotRecord.ambiguousCalendarEnds(format: 1) == .local)
        #expect(SnapshotRecord.ambiguousCalendarEnds(format: 2) == .local)
        #expect(SnapshotRecord.ambiguousCalendarEnds(format: 3) == .inUTC)
        #expect(SnapshotRecord.meetingOfTalksNotHappening(format: 2) == .offered)
        #expect(SnapshotRecord.meetingOfTalksNotHappening(format: 3) == .withheld)
    }

    /// Every year of a fixture is frozen, so the subscription documents hold no talk and
    /// take the date of the newest one: from the record, or (for records made before they
    /// kept it) from the newest frozen year's talk files, which a build then reads.
    @Test(arguments: formats)
    func everyYearFrozenDatesTheFeedsByTheNewestTalk(format: Int) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("frozen-dates-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: Self.fixture(format: format), to: folder)
        let publisher = Publisher(archiveRoot: folder.path + "/archive", feedsRoot: folder.path + "/feeds")
        let record = try #require(publisher.check().records[2019])
        #expect((record.updated != nil) == (format >= 3))
        let result = try publisher.build(reusingLastBuild: false)
        #expect(result.report != nil, "\(result.diagnostics)")
        let atom = String(decoding: try Data(contentsOf: folder.appendingPathComponent("feeds/atom.xml")), as: UTF8.self)
        #expect(atom.contains("<updated>2019-11-01T08:00:00Z</updated>"))
        #expect(!atom.contains("<entry>"))
    }

    @Test func amendingAnOlderFormatRewritesTheYearInTheCurrentOne() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("frozen-format-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: Self.fixture(format: 1), to: folder)
        let publisher = Publisher(archiveRoot: folder.path + "/archive", feedsRoot: folder.path + "/feeds")
        let calendar = try Data(contentsOf: folder.appendingPathComponent("feeds/archive/2019/calendar.ics"))

        let result = try publisher.snapshot(year: 2019, now: Instant(rfc3339: "2030-01-01T00:00:00Z")!, amendReason: "Smaller documents")
        #expect(result.record.format == SnapshotRecord.currentFormat)
        let amendment = try #require(result.record.amendments.last)
        // Format 4 also adds the talks' pages and their calendars to the year's documents.
        let pages = ["f1", "f2", "f3"].flatMap { ["added talks/\($0).html", "added talks/\($0).ics"] }
        #expect(amendment.changes == ["rewrote archive/2019/atom.xml", "rewrote archive/2019/calendar.ics", "rewrote archive/2019/rss.xml"] + pages)
        let atom = String(decoding: try Data(contentsOf: folder.appendingPathComponent("feeds/archive/2019/atom.xml")), as: UTF8.self)
        #expect(atom.contains(#"<content type="html"><![CDATA[<p>"#))
        // The calendar carries no HTML; from format 4 each event names its ORGANIZER, and
        // nothing else changed in it.
        let amended = String(decoding: try Data(contentsOf: folder.appendingPathComponent("feeds/archive/2019/calendar.ics")), as: UTF8.self)
        let organizers = amended.components(separatedBy: "\r\n").filter { $0.hasPrefix("ORGANIZER") }
        #expect(!organizers.isEmpty && organizers.allSatisfy { $0.contains(":mailto:") })
        #expect(amended.components(separatedBy: "\r\n").filter { !$0.hasPrefix("ORGANIZER") }.joined(separator: "\r\n")
                == String(decoding: calendar, as: UTF8.self))
        #expect(publisher.check().errors.isEmpty)
        #expect(try publisher.verify().filter { $0.severity == .error }.isEmpty)
    }
}
