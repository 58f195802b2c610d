import Foundation
import SeminarArchive
import Testing
@testable import SeminarPublisher

/// A build leaves the talk files of frozen years unparsed while they are byte for byte
/// as their record pinned them, and reads and checks every other file as before.
@Suite struct PinnedFilesTests {
    static let now = Instant(rfc3339: "2022-03-01T12:00:00Z")!

    /// 2019 and 2020 frozen; 2021 open.
    func frozenArchive() throws -> (ArchiveFixture, Publisher) {
        let a = try ArchiveFixture()
        try a.talk("2019-05-06-ada-one", year: 2019, id: "a1", start: "2019-05-06T16:30", speaker: "Ada One")
        try a.talk("2019-11-04-ada-two", year: 2019, id: "a2", start: "2019-11-04T16:30", speaker: "Ada Two")
        try a.talk("2020-06-01-bob-one", year: 2020, id: "b1", start: "2020-06-01T16:30", speaker: "Bob One")
        try a.talk("2021-06-28-cy-one", year: 2021, id: "c1", start: "2021-06-28T16:30", speaker: "Cy One")
        let p = Publisher(archiveRoot: a.archive, feedsRoot: a.feeds)
        _ = try p.snapshot(year: 2019, now: Self.now)
        _ = try p.snapshot(year: 2020, now: Self.now)
        return (a, p)
    }

    /// The check a build runs, with every frozen year's files pinnable.
    func buildCheck(_ p: Publisher) -> CheckedArchive {
        let (records, problems) = SnapshotStore(archiveRoot: p.archiveRoot).load(withFieldFingerprints: false)
        return p.check(snapshots: (records, problems, withFieldFingerprints: false), pinningFilesOf: Set(records.keys))
    }

    func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test func freezingPinsEveryTalkFileAndTheDefaults() throws {
        let (a, _) = try frozenArchive()
        defer { a.remove() }
        let record = try #require(SnapshotStore(archiveRoot: a.archive).load().records[2019])
        #expect(record.talkDefaults == "timezone=Europe/Zurich duration=60")
        for talk in record.talks.values {
            #expect(talk.source == sha256Digest(try bytes(a.archive + "/" + talk.file)))
        }
        #expect(record.talks["a1"]?.fields.isEmpty == false)
        // Read for a build, the record leaves out the field fingerprints, and only them.
        let light = try #require(SnapshotStore(archiveRoot: a.archive).load(withFieldFingerprints: false).records[2019])
        #expect(light.talks.values.allSatisfy { $0.fields.isEmpty })
        #expect(light.talks.mapValues(\.source) == record.talks.mapValues(\.source))
        #expect(light.documents == record.documents)
    }

    @Test func unchangedFrozenFilesAreLeftUnparsed() throws {
        let (a, p) = try frozenArchive()
        defer { a.remove() }
        let checked = buildCheck(p)
        #expect(checked.diagnostics.isEmpty)
        #expect(checked.pinnedTalks.map(\.id) == ["a1", "a2", "b1"])
        #expect(checked.pinnedTalks.map(\.year) == [2019, 2019, 2020])
        #expect(checked.talks.map(\.talk.id) == ["c1"])
        #expect(checked.talkCount == 4)
        // `seminar check` still reads every talk.
        #expect(p.check().talks.count == 4)
        #expect(p.check().pinnedTalks.isEmpty)

        // The build counts frozen talks from the records, for the page's list of years.
        let result = try p.build()
        #expect(result.report != nil)
        #expect(result.talkCount == 4)
        let page = String(decoding: try bytes(a.feeds + "/index.html"), as: UTF8.self)
        #expect(page.contains("<strong>2019</strong>: 2 talks"))
        #expect(page.contains("<strong>2020</strong>: 1 talk "))
    }

    @Test func aFrozenFileWithOtherBytesIsReadAndComparedFieldByField() throws {
        let (a, p) = try frozenArchive()
        defer { a.remove() }
        // Reformatted, same values: read again, and nothing to report.
        let path = a.archive + "/2019/2019-05-06-ada-one.json"
        let object = try JSONSerialization.jsonObject(with: Data(try bytes(path)))
        try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]).write(to: URL(fileURLWithPath: path))
        var checked = buildCheck(p)
        #expect(checked.diagnostics.isEmpty)
        #expect(checked.pinnedTalks.map(\.id) == ["a2", "b1"])
        #expect(Set(checked.talks.map(\.talk.id)) == ["a1", "c1"])
        #expect(try p.build().report != nil)

        // Edited: the build names the talk and the field.
        try a.talk("2019-05-06-ada-one", year: 2019, id: "a1", start: "2019-05-06T16:30", speaker: "Ada One",
                   abstract: "A corrected abstract.")
        checked = buildCheck(p)
        let changed = checked.errors.filter { $0.code == "frozen-talk-changed" }
        #expect(changed.count == 1)
        #expect(changed.first?.message.contains("`abstract`") == true)
        #expect(changed.first?.location?.path == path)
        let before = try a.outputs()
        #expect(try p.build().report == nil)
        #expect(try a.outputs() == before)
    }

    /// A talk file that leaves out its time zone takes the seminar's: the same bytes give
    /// another talk when the seminar's default changes, so the files are read again.
    @Test func changingTheSeminarsDefaultsUnpinsEveryFile() throws {
        let (a, p) = try frozenArchive()
        defer { a.remove() }
        let seminarPath = a.archive + "/seminar.json"
        var seminar = try #require(try JSONSerialization.jsonObject(with: Data(try bytes(seminarPath))) as? [String: Any])
        seminar["timezone"] = "Europe/London"
        try a.write(seminar, to: "seminar.json")

        let checked = buildCheck(p)
        #expect(checked.pinnedTalks.isEmpty)
        let changed = checked.errors.filter { $0.code == "frozen-talk-changed" }
        #expect(changed.count == 3)
        #expect(changed.allSatisfy { $0.message.contains("`timezone`") })
        #expect(try p.build().report == nil)
    }

    @Test func aPinnedTalksIdStaysTaken() throws {
        let (a, p) = try frozenArchive()
        defer { a.remove() }
        let copy = try a.talk("2021-09-06-dup", year: 2021, id: "a2", start: "2021-09-06T16:30", speaker: "Copy Cat")
        let duplicate = try #require(buildCheck(p).errors.first { $0.code == "duplicate-id" })
        #expect(duplicate.location?.path == copy)
        #expect(duplicate.notes.first?.location?.path == a.archive + "/2019/2019-11-04-ada-two.json")
        #expect(try p.build().report == nil)
    }

    /// Records made before files were pinned have no digests: their talks are read and
    /// checked field by field, as before.
    @Test func recordsWithoutPinsAreCheckedFieldByField() throws {
        let (a, p) = try frozenArchive()
        defer { a.remove() }
        let store = SnapshotStore(archiveRoot: a.archive)
        var record = try #require(store.load().records[2019])
        record.talkDefaults = nil
        for id in record.talks.keys { record.talks[id]?.source = nil }
        try store.save(record)
        #expect(!String(decoding: try bytes(store.path(of: 2019)), as: UTF8.self).contains("source"))

        var checked = buildCheck(p)
        #expect(checked.diagnostics.isEmpty)
        #expect(checked.pinnedTalks.map(\.id) == ["b1"])
        try a.talk("2019-11-04-ada-two", year: 2019, id: "a2", start: "2019-11-04T16:30", title: "Retitled", speaker: "Ada Two")
        checked = buildCheck(p)
        #expect(checked.errors.map(\.code) == ["frozen-talk-changed"])
        #expect(checked.errors.first?.message.contains("`title`") == true)
    }
}
