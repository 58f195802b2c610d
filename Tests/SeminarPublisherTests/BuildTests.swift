import Foundation
import SeminarArchive
import Testing
@testable import SeminarPublisher

@Suite struct BuildTests {
    /// feeds/ in the repository is the output of the shipped archive.
    @Test func shippedFeedsAreUpToDate() throws {
        let root = ArchiveFixture.packageRoot.path
        let publisher = Publisher(archiveRoot: root + "/archive", feedsRoot: root + "/feeds")
        let checked = publisher.check()
        #expect(checked.diagnostics.isEmpty, "\(checked.diagnostics)")
        #expect(checked.talks.count == 5)
        for document in try publisher.documents(of: checked) {
            let shipped = FileManager.default.contents(atPath: root + "/feeds/" + document.path).map { [UInt8]($0) }
            #expect(shipped == document.bytes, "feeds/\(document.path) is stale: run scripts/build-feeds and commit feeds/")
        }
    }

    @Test func buildWritesEveryDocumentAndIsDeterministic() throws {
        let a = try ArchiveFixture()
        defer { a.remove() }
        try a.talk("2021-06-28-grace-speaker", year: 2021, id: "t1", start: "2021-06-28T16:30")
        try a.talk("tbd-alan-speaker", year: 2021, id: "t2", start: nil, speaker: "Alan Speaker")
        try a.talk("2020-11-02-emmy-speaker", year: 2020, id: "t3", start: "2020-11-02T16:30", speaker: "Emmy Speaker")
        let first = try Publisher(archiveRoot: a.archive, feedsRoot: a.feeds).build()
        #expect(first.diagnostics.isEmpty, "\(first.diagnostics)")
        let written = try #require(first.report).written
        // Each talk has its page; each dated one its one-talk calendar.
        #expect(Set(written) == ["atom.xml", "rss.xml", "feed.json", "calendar.ics", "index.html", "feed.xsl",
                                 "talks/t1.html", "talks/t1.ics", "talks/t2.html", "talks/t3.html", "talks/t3.ics"])
        let bytes = try a.outputs()

        // The same talks written in the other order, into another folder: same bytes.
        let b = try ArchiveFixture()
        defer { b.remove() }
        try b.talk("2020-11-02-emmy-speaker", year: 2020, id: "t3", start: "2020-11-02T16:30", speaker: "Emmy Speaker")
        try b.talk("tbd-alan-speaker", year: 2021, id: "t2", start: nil, speaker: "Alan Speaker")
        try b.talk("2021-06-28-grace-speaker", year: 2021, id: "t1", start: "2021-06-28T16:30")
        _ = try Publisher(archiveRoot: b.archive, feedsRoot: b.feeds).build()
        #expect(try b.outputs() == bytes)

        // A second build rewrites nothing.
        let again = try Publisher(archiveRoot: a.archive, feedsRoot: a.feeds).build()
        #expect(again.report?.written == [])
        #expect(again.report?.unchanged.count == bytes.count)
    }

    @Test func aSeminarFileWithOtherErrorsStillHasItsLaTeXCheckedAndItsMacrosKnown() throws {
        let a = try ArchiveFixture(seminar: [
            "descriptoin": "a typo'd key", "description": "Costs $5 and \\alpah", "extraMacros": ["Risk"],
        ])
        defer { a.remove() }
        try a.talk("2021-06-28-grace-speaker", year: 2021, id: "g1", start: "2021-06-28T16:30", abstract: "The $\\Risk$ of a model.")
        let checked = Publisher(archiveRoot: a.archive).check()
        let codes = checked.diagnostics.map(\.code)
        #expect(codes.contains("unknown-key"))
        #expect(codes.contains("latex-unknown-command"), "the description's \\alpah: \(checked.diagnostics)")
        // The talk's macro is the seminar's, although the seminar has errors.
        #expect(!checked.diagnostics.contains { $0.location?.path.hasSuffix("grace-speaker.json") ?? false }, "\(checked.diagnostics)")
    }

    /// The LaTeX check places its problems with the loader's line and column: a byte order
    /// mark is no column, and a lone CR (old Mac line endings) ends a line.
    @Test func laTeXProblemsInAFileWithAByteOrderMarkAndCarriageReturnsAreWhereTheyAre() throws {
        let a = try ArchiveFixture()
        defer { a.remove() }
        let lines = [
            #"{"abstract": "Let $\\alpah$ be small.", "duration": 60, "id": "t1","#,
            #""published": "2021-01-01T08:00:00Z", "speakers": [{"name": "Grace Speaker"}], "start": "2021-06-28T16:30","#,
            #""status": "scheduled", "title": "On $\\betta$", "updated": "2021-01-02T08:00:00Z"}"#,
        ]
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(lines.joined(separator: "\r").utf8)
        try FileManager.default.createDirectory(atPath: a.archive + "/2021", withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: a.archive + "/2021/2021-06-28-grace-speaker.json"))
        let checked = Publisher(archiveRoot: a.archive).check()
        let found = checked.diagnostics.filter { $0.code == "latex-unknown-command" }
        #expect(found.map { "\($0.location!.line):\($0.location!.column)" } == ["1:20", "3:38"], "\(checked.diagnostics)")
        #expect(found.map(\.sourceLine) == [lines[0], lines[2]])
    }

    @Test func buildWithAnErrorWritesNothing() throws {
        let a = try ArchiveFixture()
        defer { a.remove() }
        let path = try a.talk("2021-06-28-grace-speaker", year: 2021, id: "t1", start: "2021-06-28T16:30")
        _ = try Publisher(archiveRoot: a.archive, feedsRoot: a.feeds).build()
        let before = try a.outputs()
        #expect(!before.isEmpty)

        // A new talk with a LaTeX error and another with broken JSON.
        try a.talk("2021-07-05-alan-speaker", year: 2021, id: "t2", start: "2021-07-05T16:30", abstract: "Costs $10 and more")
        try Data("{\"id\": \"t3\",".utf8).write(to: URL(fileURLWithPath: a.archive + "/2021/2021-07-12-broken.json"))
        let result = try Publisher(archiveRoot: a.archive, feedsRoot: a.feeds).build()
        #expect(result.report == nil)
        let codes = Set(result.diagnostics.filter { $0.severity == .error }.map(\.code))
        #expect(codes.contains("malformed-json"))
        #expect(codes.contains("latex-unclosed-math"))
        #expect(try a.outputs() == before)  // not a byte changed, no temporary file left
        _ = path
    }

    /// Documents are staged as they are rendered; when one cannot be written, the staged
    /// ones are removed and no published file changes.
    @Test func aBuildThatCannotWriteEverythingChangesNothing() throws {
        let a = try ArchiveFixture()
        defer { a.remove() }
        try a.talk("2021-06-28-grace-speaker", year: 2021, id: "t1", start: "2021-06-28T16:30")
        _ = try Publisher(archiveRoot: a.archive, feedsRoot: a.feeds).build()
        let before = try a.outputs()
        try a.talk("2021-07-05-alan-speaker", year: 2021, id: "t2", start: "2021-07-05T16:30", speaker: "Alan Speaker")

        // The organisers' folder lies under a regular file, so nothing can be written there.
        let blocker = a.root.appendingPathComponent("not-a-folder").path
        #expect(FileManager.default.createFile(atPath: blocker, contents: Data("x".utf8)))
        #expect(throws: (any Error).self) {
            try Publisher(archiveRoot: a.archive, feedsRoot: a.feeds).build(privateOut: blocker + "/private")
        }
        #expect(try a.outputs() == before)  // the public feeds were staged, then discarded
        let written = try Publisher(archiveRoot: a.archive, feedsRoot: a.feeds).build()
        #expect(written.report?.written.contains("atom.xml") == true)
    }

    @Test func privateMeetingLinksStayOutOfPublicOutputs() throws {
        let a = try ArchiveFixture()
        defer { a.remove() }
        let secret = "https://zoom.example.org/j/99999999999"
        let open = "https://zoom.example.org/j/11111111111"
        try a.talk("2021-06-28-grace-speaker", year: 2021, id: "t1", start: "2021-06-28T16:30",
                   extra: ["meeting": secret, "privateMeeting": true])
        try a.talk("2021-07-05-alan-speaker", year: 2021, id: "t2", start: "2021-07-05T16:30", speaker: "Alan Speaker",
                   extra: ["meeting": open])
        let privateOut = a.root.appendingPathComponent("private").path
        let result = try Publisher(archiveRoot: a.archive, feedsRoot: a.feeds).build(privateOut: privateOut)
        #expect(result.report != nil)
        let publicFiles = try a.outputs()
        #expect(publicFiles.count == 10)
        for (name, data) in publicFiles {
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains("99999999999"), "private link leaked into \(name)")
            // t2's own page and calendar have a public meeting, nothing to request.
            #expect(text.contains("sent on request") || ["feed.xsl", "talks/t2.html", "talks/t2.ics"].contains(name),
                    "\(name) does not say the link is sent on request")
        }
        let privateFiles = try ArchiveFixture.files(under: privateOut)
        #expect(privateFiles.count == 10)
        for name in ["atom.xml", "rss.xml", "calendar.ics", "index.html", "feed.json", "talks/t1.html", "talks/t1.ics"] {
            #expect(String(decoding: privateFiles[name] ?? Data(), as: UTF8.self).contains("99999999999"), "\(name) lacks the private link")
        }
    }

    @Test func seminarWidePrivateLinks() throws {
        let a = try ArchiveFixture(seminar: ["privateMeetingLinks": true])
        defer { a.remove() }
        try a.talk("2021-06-28-grace-speaker", year: 2021, id: "t1", start: "2021-06-28T16:30",
                   extra: ["meeting": "https://zoom.example.org/j/99999999999"])
        _ = try Publisher(archiveRoot: a.archive, feedsRoot: a.feeds).build()
        for (name, data) in try a.outputs() {
            #expect(!String(decoding: data, as: UTF8.self).contains("99999999999"), "private link leaked into \(name)")
        }
    }
}
