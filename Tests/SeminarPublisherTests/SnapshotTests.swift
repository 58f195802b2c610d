import Foundation
import SeminarArchive
import Testing
@testable import SeminarPublisher

@Suite struct SnapshotTests {
    static let now = Instant(rfc3339: "2022-03-01T12:00:00Z")!

    /// Talks in 2019, 2020 and 2021, and one to be defined announced in 2021.
    func threeYears() throws -> ArchiveFixture {
        let a = try ArchiveFixture()
        try a.talk("2019-05-06-ada-one", year: 2019, id: "a1", start: "2019-05-06T16:30", speaker: "Ada One")
        try a.talk("2019-11-04-ada-two", year: 2019, id: "a2", start: "2019-11-04T16:30", speaker: "Ada Two")
        try a.talk("2020-06-01-bob-one", year: 2020, id: "b1", start: "2020-06-01T16:30", speaker: "Bob One")
        try a.talk("2021-06-28-cy-one", year: 2021, id: "c1", start: "2021-06-28T16:30", speaker: "Cy One")
        try a.talk("tbd-di-one", year: 2021, id: "d1", start: nil, speaker: "Di One")
        return a
    }

    @Test func freezingWritesDocumentsAndRecordsDigests() throws {
        let a = try threeYears()
        defer { a.remove() }
        let p = Publisher(archiveRoot: a.archive, feedsRoot: a.feeds)
        let result = try p.snapshot(year: 2019, now: Self.now)
        // Its talks' pages and one-talk calendars are part of the year (snapshot format 4).
        #expect(Set(result.documents) == ["archive/2019/atom.xml", "archive/2019/rss.xml", "archive/2019/calendar.ics",
                                          "talks/a1.html", "talks/a1.ics", "talks/a2.html", "talks/a2.ics"])
        let record = try SnapshotRecord.decode([UInt8](try Data(contentsOf: URL(fileURLWithPath: a.archive + "/snapshots/2019.json"))))
        #expect(Set(record.talks.keys) == ["a1", "a2"])
        #expect(record.previousYear == nil && record.nextYear == nil)
        for (path, digest) in record.documents {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: a.feeds + "/" + path)))
            #expect(sha256Digest(bytes) == digest)
        }
        // The subscription feed no longer holds 2019 and points to its archive.
        let atom = String(decoding: try Data(contentsOf: URL(fileURLWithPath: a.feeds + "/atom.xml")), as: UTF8.self)
        #expect(!atom.contains("Ada One"))
        #expect(atom.contains("https://seminar.example.org/feeds/archive/2019/atom.xml"))
        #expect(try p.verify().filter { $0.severity == .error }.isEmpty)
    }

    /// With every year frozen, the subscription documents hold no talk; their date stays
    /// that of the newest talk (from the records), not the Unix epoch of an empty archive,
    /// and the page says where the talks went.
    @Test func everyYearFrozenKeepsTheDateOfTheNewestTalk() throws {
        let a = try ArchiveFixture()
        defer { a.remove() }
        try a.talk("2019-05-06-ada-one", year: 2019, id: "a1", start: "2019-05-06T16:30", speaker: "Ada One", updated: "2019-04-01T10:00:00Z")
        try a.talk("2020-06-01-bob-one", year: 2020, id: "b1", start: "2020-06-01T16:30", speaker: "Bob One", updated: "2020-05-02T09:30:00Z")
        try a.talk("2020-09-01-cy-one", year: 2020, id: "c1", start: "2020-09-01T16:30", speaker: "Cy One", updated: "2020-03-01T08:00:00Z")
        let p = Publisher(archiveRoot: a.archive, feedsRoot: a.feeds)
        _ = try p.snapshot(year: 2019, now: Self.now)
        _ = try p.snapshot(year: 2020, now: Self.now)
        let record = try SnapshotRecord.decode([UInt8](try Data(contentsOf: URL(fileURLWithPath: a.archive + "/snapshots/2020.json"))))
        #expect(record.updated == "2020-05-02T09:30:00Z")
        let atom = String(decoding: try Data(contentsOf: URL(fileURLWithPath: a.feeds + "/atom.xml")), as: UTF8.self)
        #expect(!atom.contains("<entry>"))
        #expect(atom.contains("<updated>2020-05-02T09:30:00Z</updated>"))
        let rss = String(decoding: try Data(contentsOf: URL(fileURLWithPath: a.feeds + "/rss.xml")), as: UTF8.self)
        #expect(rss.contains("<lastBuildDate>Sat, 02 May 2020 09:30:00 GMT</lastBuildDate>"))
        #expect(!rss.contains("1970"))
        let page = String(decoding: try Data(contentsOf: URL(fileURLWithPath: a.feeds + "/index.html")), as: UTF8.self)
        #expect(page.contains("No talk has been announced since the archived years below."))
        // A new talk gives the documents its own date again.
        try a.talk("2021-03-01-di-one", year: 2021, id: "d1", start: "2021-03-01T16:30", speaker: "Di One", updated: "2021-01-15T12:00:00Z")
        _ = try p.build()
        let after = String(decoding: try Data(contentsOf: URL(fileURLWithPath: a.feeds + "/atom.xml")), as: UTF8.self)
        #expect(after.contains("<updated>2021-01-15T12:00:00Z</updated>"))
    }

    @Test func yearsWithTalksToComeOrUndefinedAreRefused() throws {
        let a = try threeYears()
        defer { a.remove() }
        let p = Publisher(archiveRoot: a.archive, feedsRoot: a.feeds)
        _ = try p.snapshot(year: 2019, now: Self.now)
        _ = try p.snapshot(year: 2020, now: Self.now)
        // 2021 has a talk still to be defined.
        let refusal = try #require(throws: SnapshotRefusal.self) { try p.snapshot(year: 2021, now: Self.now) }
        let undated = try #require(refusal.diagnostics.first { $0.code == "snapshot-talk-undated" })
        #expect(undated.location == FileLocation(path: a.archive + "/2021/tbd-di-one.json", line: 1, column: 1))
        #expect(undated.message.contains("no date yet"))
        // Before 2019-11-04 ended, 2019 still had a talk to come.
        let b = try threeYears()
        defer { b.remove() }
        let early = try #require(throws: SnapshotRefusal.self) {
            try Publisher(archiveRoot: b.archive, feedsRoot: b.feeds).snapshot(year: 2019, now: Instant(rfc3339: "2019-11-04T15:00:00Z")!)
        }
        let toCome = try #require(early.diagnostics.first { $0.code == "snapshot-talk-to-come" })
        #expect(toCome.location?.path == b.archive + "/2019/2019-11-04-ada-two.json")
        #expect(toCome.sourceLine?.contains("\"start\"") == true)  // at the talk's start field
        #expect(toCome.message.contains("still to come"))
        #expect(!FileManager.default.fileExists(atPath: b.archive + "/snapshots/2019.json"))
        #expect(!FileManager.default.fileExists(atPath: b.feeds + "/archive/2019/atom.xml"))
    }

    @Test func yearsAreFrozenInOrderAndOnlyOnce() throws {
        let a = try threeYears()
        defer { a.remove() }
        let p = Publisher(archiveRoot: a.archive, feedsRoot: a.feeds)
        let outOfOrder = try #require(throws: SnapshotRefusal.self) { try p.snapshot(year: 2020, now: Self.now) }
        #expect(outOfOrder.reasons.contains { $0.contains("freeze the earlier years first: 2019") })
        _ = try p.snapshot(year: 2019, now: Self.now)
        let twice = try #require(throws: SnapshotRefusal.self) { try p.snapshot(year: 2019, now: Self.now) }
        #expect(twice.reasons.contains { $0.contains("already frozen") })
        // Freezing 2020 links it back to 2019 and leaves 2019's documents untouched.
        let before = try a.outputs().filter { $0.key.hasPrefix("archive/2019/") }
        let r2020 = try p.snapshot(year: 2020, now: Self.now)
        #expect(r2020.record.previousYear == 2019)
        #expect(try a.outputs().filter { $0.key.hasPrefix("archive/2019/") } == before)
    }

    @Test func editingAFrozenTalkIsCaughtWithItsNameAndField() throws {
        let a = try threeYears()
        defer { a.remove() }
        let p = Publisher(archiveRoot: a.archive, feedsRoot: a.feeds)
        _ = try p.snapshot(year: 2019, now: Self.now)
        try a.talk("2019-05-06-ada-one", year: 2019, id: "a1", start: "2019-05-06T16:30", speaker: "Ada One",
                   abstract: "A corrected abstract.")
        let checked = p.check()
        let changed = try #require(checked.errors.first { $0.code == "frozen-talk-changed" })
        #expect(changed.message.contains("`abstract`"))
        #expect(changed.message.contains("Ada One"))
        #expect(changed.location?.path == a.archive + "/2019/2019-05-06-ada-one.json")
        #expect(changed.location?.line == 2)  // the "abstract" key, first in sorted order
        #expect(changed.sourceLine?.contains("A corrected abstract.") == true)  // shown with a caret
        #expect(checked.errors.filter { $0.code == "frozen-talk-changed" }.count == 1)
        // The build refuses, and writes nothing.
        let before = try a.outputs()
        #expect(try p.build().report == nil)
        #expect(try a.outputs() == before)

        // Added and removed talks are caught too.
        try a.talk("2019-12-02-new", year: 2019, id: "a3", start: "2019-12-02T16:30", speaker: "Late Comer")
        try FileManager.default.removeItem(atPath: a.archive + "/2019/2019-11-04-ada-two.json")
        let errors = p.check().errors
        let codes = errors.map(\.code)
        #expect(codes.contains("frozen-year-talk-added"))
        #expect(errors.first { $0.code == "frozen-year-talk-added" }?.sourceLine == "{")
        #expect(codes.contains("frozen-year-talk-removed"))
    }

    @Test func amendingRecordsTheReasonAndTheChange() throws {
        let a = try threeYears()
        defer { a.remove() }
        let p = Publisher(archiveRoot: a.archive, feedsRoot: a.feeds)
        _ = try p.snapshot(year: 2019, now: Self.now)
        let oldAtom = try Data(contentsOf: URL(fileURLWithPath: a.feeds + "/archive/2019/atom.xml"))
        try a.talk("2019-05-06-ada-one", year: 2019, id: "a1", start: "2019-05-06T16:30",
                   title: "A corrected title", speaker: "Ada One", updated: "2022-02-01T08:00:00Z")
        #expect(throws: SnapshotRefusal.self) { try p.snapshot(year: 2019, now: Self.now, amendReason: "   ") }
        let result = try p.snapshot(year: 2019, now: Self.now, amendReason: "Typo in the title")
        let amendment = try #require(result.record.amendments.last)
        #expect(amendment.reason == "Typo in the title")
        #expect(amendment.at == "2022-03-01T12:00:00Z")
        #expect(amendment.changes.contains { $0.hasSuffix("2019-05-06-ada-one.json: title, updated") })
        #expect(amendment.changes.contains("rewrote archive/2019/atom.xml"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: a.feeds + "/archive/2019/atom.xml")) != oldAtom)
        #expect(p.check().errors.isEmpty)
        #expect(try p.verify().filter { $0.severity == .error }.isEmpty)
    }

    @Test func verifyFindsMissingChangedAndTruncatedFiles() throws {
        let a = try threeYears()
        defer { a.remove() }
        let p = Publisher(archiveRoot: a.archive, feedsRoot: a.feeds)
        _ = try p.snapshot(year: 2019, now: Self.now)
        #expect(try p.verify().isEmpty)

        try FileManager.default.removeItem(atPath: a.feeds + "/archive/2019/rss.xml")
        let rss = a.feeds + "/rss.xml"
        let full = try Data(contentsOf: URL(fileURLWithPath: rss))
        try full.prefix(full.count / 2).write(to: URL(fileURLWithPath: rss))
        let atom = a.feeds + "/archive/2019/atom.xml"
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: atom)))
        bytes[bytes.count / 2] ^= 0x20
        try Data(bytes).write(to: URL(fileURLWithPath: atom))

        let problems = try p.verify().filter { $0.severity == .error }
        let byCode = Dictionary(grouping: problems, by: \.code).mapValues { $0.map { $0.location?.path ?? "" } }
        #expect(byCode["missing-file"] == [a.feeds + "/archive/2019/rss.xml"])
        #expect(byCode["truncated-file"] == [rss])
        #expect(byCode["changed-file"] == [atom])
        #expect(byCode["frozen-digest-mismatch"] == [atom])
        // A build repairs the published files from the archive.
        _ = try p.build()
        #expect(try p.verify().isEmpty)
    }

    /// A damaged frozen file is rendered again; when the rendering no longer matches the
    /// recorded digest (here, a record from a tool that rendered differently), the build
    /// refuses and writes nothing, not even the subscription documents it had staged.
    @Test func aFrozenYearThatWouldRenderDifferentlyStopsTheBuild() throws {
        let a = try threeYears()
        defer { a.remove() }
        let p = Publisher(archiveRoot: a.archive, feedsRoot: a.feeds)
        _ = try p.snapshot(year: 2019, now: Self.now)
        let store = SnapshotStore(archiveRoot: a.archive)
        var record = try #require(store.load().records[2019])
        record.documents["archive/2019/atom.xml"] = "sha256:" + String(repeating: "0", count: 64)
        try store.save(record)
        try FileManager.default.removeItem(atPath: a.feeds + "/archive/2019/atom.xml")
        try a.talk("2021-07-05-eve-one", year: 2021, id: "e1", start: "2021-07-05T16:30", speaker: "Eve One")
        let before = try a.outputs()

        let result = try p.build()
        #expect(result.report == nil)
        let drift = result.diagnostics.filter { $0.code == "frozen-document-changed" }
        #expect(drift.map(\.location?.path) == [store.path(of: 2019)])
        #expect(drift.first?.message.contains("archive/2019/atom.xml") == true)
        #expect(try a.outputs() == before)  // no subscription document changed, no temporary file left
    }
}
