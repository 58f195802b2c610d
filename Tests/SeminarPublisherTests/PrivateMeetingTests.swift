import Foundation
import SeminarArchive
import Testing
@testable import SeminarPublisher

/// A private meeting link stays out of public output only if it is not written elsewhere
/// too: the check warns where it is.
@Suite struct PrivateMeetingTests {
    static let meeting = "https://epfl.zoom.us/j/61234567890?pwd=secret"

    func warnings(_ checked: CheckedArchive) -> [Diagnostic] {
        checked.diagnostics.filter { $0.code == PrivateMeetingCheck.code }
    }

    @Test func aPrivateMeetingLinkWrittenElsewhereInTheTalkIsAWarningWhereItIs() throws {
        let a = try ArchiveFixture()
        defer { a.remove() }
        try a.talk("2021-06-28-grace-speaker", year: 2021, id: "t1", start: "2021-06-28T16:30",
                   abstract: "Join at \\href{\(Self.meeting)}{Zoom}.",
                   extra: ["meeting": Self.meeting, "privateMeeting": true, "location": "Zoom, meeting ID 612 3456 7890",
                           "links": [["title": "Slides", "url": "https://example.org/slides.pdf"],
                                     ["title": "Meeting", "url": "https://epfl.zoom.us/j/61234567890"]]])
        // The same talk with its link public: nothing to warn about.
        try a.talk("2021-06-29-ada-speaker", year: 2021, id: "t2", start: "2021-06-29T16:30",
                   abstract: "Join at \\href{\(Self.meeting)}{Zoom}.", extra: ["meeting": Self.meeting])
        let checked = Publisher(archiveRoot: a.archive, feedsRoot: a.feeds).check()
        let found = warnings(checked)
        #expect(found.map { $0.message.components(separatedBy: " also appears in ").last! } == [
            "`abstract`, which every feed publishes", "`links[1].url`, which every feed publishes",
            "`location`, which every feed publishes",
        ], "\(checked.diagnostics)")
        #expect(found.allSatisfy { $0.severity == .warning && $0.location?.path.hasSuffix("grace-speaker.json") == true })
        // At the place in the abstract: its column is that of the URL.
        let abstract = try #require(found.first)
        let line = Array(try #require(abstract.sourceLine).unicodeScalars)
        #expect(line[(abstract.location!.column - 1)...].starts(with: "https://epfl".unicodeScalars))
        #expect(found.last?.message.hasPrefix("the meeting number 61234567890") == true)
        #expect(!checked.hasErrors)
    }

    @Test func meetingNumbers() {
        #expect(PrivateMeetingCheck.meetingNumber(in: Self.meeting) == "61234567890")
        #expect(PrivateMeetingCheck.meetingNumber(in: "https://meet.example.org/room-12?id=1234567890") == nil)
        #expect(PrivateMeetingCheck.offset(ofNumber: "61234567890", in: "ID: 612-3456-7890.") == 4)
        #expect(PrivateMeetingCheck.offset(ofNumber: "61234567890", in: "ID 6123 and 4567890") == nil)
    }

    @Test func turningPrivateLinksOnOverAFrozenYearThatPublishedThemIsAWarning() throws {
        let a = try ArchiveFixture()
        defer { a.remove() }
        try a.talk("2019-05-06-ada-one", year: 2019, id: "a1", start: "2019-05-06T16:30", extra: ["meeting": Self.meeting])
        try a.talk("2021-06-28-cy-one", year: 2021, id: "c1", start: "2021-06-28T16:30")
        let p = Publisher(archiveRoot: a.archive, feedsRoot: a.feeds)
        _ = try p.snapshot(year: 2019, now: Instant(rfc3339: "2022-03-01T12:00:00Z")!)
        #expect(warnings(p.check()).isEmpty)
        var seminar = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: a.archive + "/seminar.json"))) as? [String: Any])
        seminar["privateMeetingLinks"] = true
        try a.write(seminar, to: "seminar.json")
        let found = warnings(p.check())
        #expect(found.map(\.message) == ["`privateMeetingLinks` is on, but the frozen documents of 2019 publish the meeting links of 1 talk; they stay public"])
        #expect(found.first?.location?.path.hasSuffix("seminar.json") == true)
        #expect(found.first?.fix?.contains("seminar snapshot 2019 --amend") == true)
        // verify renders the year with the links withheld: the documents would change,
        // which it says once, with how to amend; `seminar build` would change nothing.
        let verified = try p.verify()
        #expect(verified.contains { $0.code == "frozen-document-changed" })
        #expect(!verified.contains { $0.code == "changed-file" && $0.location?.path.contains("/archive/2019/") == true }, "\(verified)")
    }
}
