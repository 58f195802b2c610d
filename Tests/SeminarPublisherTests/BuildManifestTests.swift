import Foundation
import SeminarArchive
import Testing
@testable import SeminarPublisher

/// The record of the last build, which lets a build with nothing to do stop at once: it
/// must never let a build skip work that would change a published file.
@Suite struct BuildManifestTests {
    // MARK: The rules, on made-up stamps

    static func stamp(changed: Int64, size: Int64 = 10) -> FileStamp {
        FileStamp(device: 1, inode: 2, size: size, modified: changed, changed: changed)
    }

    static func settled(inputsChanged: Int64, outputsChanged: Int64, started: Int64, margin: Int64 = 0) -> BuildManifest? {
        BuildManifest.settled(
            tool: "tool", started: started, margin: margin, inputs: [("archive/2021/a.json", stamp(changed: inputsChanged))],
            outputs: [("feeds/atom.xml", stamp(changed: outputsChanged))], talkCount: 1, diagnostics: [],
            published: ["atom.xml"], privatelyPublished: nil)
    }

    /// A stamp vouches for what the build saw only if the file last changed before the
    /// build began: a change in the same tick of the file system's clock, or later, keeps
    /// no record.
    @Test func onlyFilesUnchangedSinceBeforeTheBuildAreRecorded() {
        #expect(Self.settled(inputsChanged: 99, outputsChanged: 98, started: 100) != nil)
        #expect(Self.settled(inputsChanged: 100, outputsChanged: 98, started: 100) == nil)
        #expect(Self.settled(inputsChanged: 99, outputsChanged: 100, started: 100) == nil)
        #expect(Self.settled(inputsChanged: 99, outputsChanged: 150, started: 100) == nil)
        // With a margin for the file systems' coarse clocks, a change just before the
        // build does not count as before it either.
        #expect(Self.settled(inputsChanged: 89, outputsChanged: 80, started: 100, margin: 10) != nil)
        #expect(Self.settled(inputsChanged: 90, outputsChanged: 80, started: 100, margin: 10) == nil)
        #expect(Self.settled(inputsChanged: 80, outputsChanged: 95, started: 100, margin: 10) == nil)
        #expect(BuildManifest.clockMargin >= 2_000_000_000)
    }

    @Test func anyDifferenceNamesWhatChanged() throws {
        let manifest = try #require(Self.settled(inputsChanged: 50, outputsChanged: 60, started: 100))
        let same: [String: FileStamp] = ["archive/2021/a.json": Self.stamp(changed: 50), "feeds/atom.xml": Self.stamp(changed: 60)]
        #expect(manifest.firstChange(tool: "tool", stamp: { same[$0] }) == nil)
        #expect(manifest.firstChange(tool: "another tool", stamp: { same[$0] }) == "the seminar program or its libraries")

        let edited = same.merging(["archive/2021/a.json": Self.stamp(changed: 120)]) { $1 }
        #expect(manifest.firstChange(tool: "tool", stamp: { edited[$0] }) == "`archive/2021/a.json`")
        let resized = same.merging(["feeds/atom.xml": Self.stamp(changed: 60, size: 11)]) { $1 }
        #expect(manifest.firstChange(tool: "tool", stamp: { resized[$0] }) == "`feeds/atom.xml`")
        let removed = same.filter { $0.key != "feeds/atom.xml" }
        #expect(manifest.firstChange(tool: "tool", stamp: { removed[$0] }) == "`feeds/atom.xml`")
        // With both changed, the first file listed is named: inputs, then outputs.
        let both = edited.filter { $0.key != "feeds/atom.xml" }
        #expect(manifest.firstChange(tool: "tool", stamp: { both[$0] }) == "`archive/2021/a.json`")
    }

    /// Of many files, the first changed one in the record's order is named, whichever core
    /// looked at it first.
    @Test func theFirstChangeInOrderIsNamed() throws {
        let inputs = (0..<2_000).map { (path: "archive/2021/\($0).json", stamp: Self.stamp(changed: 50)) }
        let manifest = try #require(BuildManifest.settled(
            tool: "tool", started: 100, margin: 0, inputs: inputs, outputs: [], talkCount: 0, diagnostics: [],
            published: [], privatelyPublished: nil))
        let stamps = Dictionary(uniqueKeysWithValues: inputs.map { ($0.path, $0.stamp) })
        for changed in [[1_999], [700, 1_500], [3, 4, 1_998]] {
            let now = stamps.merging(changed.map { ("archive/2021/\($0).json", Self.stamp(changed: 70)) }) { $1 }
            #expect(manifest.firstChange(tool: "tool", stamp: { now[$0] }) == "`archive/2021/\(changed[0]).json`")
        }
    }

    @Test func aManifestReadsBackAsWritten() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("manifest-" + UUID().uuidString).path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var manifest = try #require(Self.settled(inputsChanged: 50, outputsChanged: 60, started: 100))
        manifest.diagnostics = [Diagnostic(.warning, code: "ignored-file", message: "ignored file `x`",
                                           location: FileLocation(path: "archive/x", line: 1, column: 1),
                                           notes: [.init(message: "here", location: nil)])]
        try manifest.write(to: folder + "/builds/m.json")
        #expect(BuildManifest.read(from: folder + "/builds/m.json") == manifest)
        #expect(BuildManifest.read(from: folder + "/builds/none.json") == nil)
        // A damaged record is no record: the build checks everything.
        try Data("{\"format\": 1, \"tool\": ".utf8).write(to: URL(fileURLWithPath: folder + "/builds/m.json"))
        #expect(BuildManifest.read(from: folder + "/builds/m.json") == nil)
    }

    // MARK: Builds

    /// Waits until the file system's clock has moved `margin` past every stamp under
    /// `folders`, so that the next build begins that long after the files last changed (as
    /// it would for an organiser, who takes more than a moment between two commands).
    static func waitForFileSystemClock(past folders: [String], probeIn probe: String, margin: Int64 = 0) throws {
        var newest: Int64 = 0
        for folder in folders {
            newest = max(newest, FileStamp.of(folder)?.changed ?? 0)
            for file in FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? [] {
                newest = max(newest, FileStamp.of(folder + "/" + file)?.changed ?? 0)
            }
        }
        for _ in 0..<5000 {
            if try #require(FileStamp.fileSystemTime(in: probe)) > newest + margin { return }
            usleep(1000)
        }
        Issue.record("the file system's clock did not move enough in 5 s")
    }

    struct Setup {
        let fixture: ArchiveFixture
        let manifest: String
        /// Builds recording the last one, with no margin for coarse file system clocks:
        /// `settle` waits for the clock instead.
        var publisher: Publisher {
            var p = Publisher(archiveRoot: fixture.archive, feedsRoot: fixture.feeds, buildManifestPath: manifest)
            p.recordMargin = 0
            return p
        }
        func settle(also folders: [String] = []) throws {
            try BuildManifestTests.waitForFileSystemClock(past: [fixture.archive, fixture.feeds] + folders, probeIn: fixture.root.path)
        }
        /// Builds (with `build`, by default the setup's publisher) until a build leaves a
        /// record: the first writes the files, the next finds them unchanged and records
        /// them. `folders` are other places the builds read or write.
        @discardableResult
        func buildAndRecord(also folders: [String] = [], _ build: (() throws -> Publisher.BuildResult)? = nil) throws
            -> Publisher.BuildResult
        {
            let build = build ?? { try publisher.build() }
            var result = try build()
            for _ in 0..<3 where BuildManifest.read(from: manifest)?.vouches != true {
                try settle(also: folders)
                result = try build()
            }
            #expect(BuildManifest.read(from: manifest)?.vouches == true)
            return result
        }
    }

    static func setUp() throws -> Setup {
        let a = try ArchiveFixture()
        try a.talk("2021-06-28-grace-speaker", year: 2021, id: "t1", start: "2021-06-28T16:30")
        // A warning, to be reported again by a build that has nothing to do.
        try a.talk("2021-07-05-alan-speaker", year: 2021, id: "t2", start: "2021-07-05T16:30", speaker: "Alan Speaker",
                   abstract: "A 50% improvement.")
        return Setup(fixture: a, manifest: a.root.path + "/cache/seminar/builds/m.json")
    }

    @Test func aBuildWithNothingToDoRepeatsTheLastOne() throws {
        let s = try Self.setUp()
        defer { s.fixture.remove() }
        let first = try s.publisher.build()
        #expect(first.report?.written.count == 10)
        // Its files were written during the build: no stamp of theirs can vouch for them
        // yet; the record keeps only what was published.
        #expect(BuildManifest.read(from: s.manifest)?.vouches == false)
        #expect(BuildManifest.read(from: s.manifest)?.published.count == 10)

        try s.settle()
        let second = try s.publisher.build()
        #expect(!second.upToDate)
        #expect(second.report?.written == [])
        #expect(BuildManifest.read(from: s.manifest)?.vouches == true)

        let before = try s.fixture.outputs()
        let third = try s.publisher.build()
        #expect(third.upToDate)
        #expect(third.changedSinceLastBuild == nil)
        #expect(third.talkCount == 2)
        #expect(third.diagnostics == second.diagnostics)
        #expect(third.diagnostics.map(\.code) == ["latex-comment"])
        #expect(third.report == OutputWriter.Report(written: [], unchanged: (second.report?.unchanged ?? []).sorted()))
        #expect(try s.fixture.outputs() == before)

        // Asked to, it checks and renders everything all the same.
        let full = try s.publisher.build(reusingLastBuild: false)
        #expect(!full.upToDate)
        #expect(full.report?.unchanged.count == 10)
        // And without a place for the record, every build does.
        #expect(try Publisher(archiveRoot: s.fixture.archive, feedsRoot: s.fixture.feeds).build().upToDate == false)
    }

    @Test func anEditedTalkIsPublished() throws {
        let s = try Self.setUp()
        defer { s.fixture.remove() }
        try s.buildAndRecord()
        let path = try s.fixture.talk("2021-06-28-grace-speaker", year: 2021, id: "t1", start: "2021-06-28T16:30", title: "A better title")
        let result = try s.publisher.build()
        #expect(!result.upToDate)
        #expect(result.changedSinceLastBuild?.contains(path) == true)
        #expect(result.report?.written.contains("atom.xml") == true)
        let atom = try #require(FileManager.default.contents(atPath: s.fixture.feeds + "/atom.xml"))
        #expect(String(decoding: atom, as: UTF8.self).contains("A better title"))
    }

    /// Rewriting a file with the same bytes is no change to the documents, but the build
    /// cannot know that without reading it: it checks everything, and writes nothing.
    @Test func aRewrittenTalkIsReadAgain() throws {
        let s = try Self.setUp()
        defer { s.fixture.remove() }
        try s.buildAndRecord()
        let path = s.fixture.archive + "/2021/2021-06-28-grace-speaker.json"
        let bytes = try #require(FileManager.default.contents(atPath: path))
        try bytes.write(to: URL(fileURLWithPath: path))
        let result = try s.publisher.build()
        #expect(!result.upToDate)
        #expect(result.report?.written == [])
    }

    @Test func aNewTalkFileIsPublished() throws {
        let s = try Self.setUp()
        defer { s.fixture.remove() }
        try s.buildAndRecord()
        try s.fixture.talk("2021-07-12-emmy-speaker", year: 2021, id: "t3", start: "2021-07-12T16:30", speaker: "Emmy Speaker")
        let result = try s.publisher.build()
        #expect(!result.upToDate)
        #expect(result.changedSinceLastBuild == "`\(s.fixture.archive)/2021`")
        #expect(result.talkCount == 3)
    }

    @Test func aRemovedTalkFileIsUnpublished() throws {
        let s = try Self.setUp()
        defer { s.fixture.remove() }
        try s.buildAndRecord()
        try FileManager.default.removeItem(atPath: s.fixture.archive + "/2021/2021-06-28-grace-speaker.json")
        let result = try s.publisher.build()
        #expect(!result.upToDate)
        #expect(result.talkCount == 1)
    }

    @Test func aDamagedOrMissingOutputIsRepaired() throws {
        let s = try Self.setUp()
        defer { s.fixture.remove() }
        try s.buildAndRecord()
        let good = try s.fixture.outputs()
        try Data("<feed/>".utf8).write(to: URL(fileURLWithPath: s.fixture.feeds + "/atom.xml"))
        try FileManager.default.removeItem(atPath: s.fixture.feeds + "/calendar.ics")
        let result = try s.publisher.build()
        #expect(!result.upToDate)
        #expect(result.report?.written == ["atom.xml", "calendar.ics"])
        #expect(try s.fixture.outputs() == good)
    }

    @Test func aChangedTimeZoneFileIsReadAgain() throws {
        let s = try Self.setUp()
        defer { s.fixture.remove() }
        let zones = s.fixture.root.path + "/zoneinfo"
        try FileManager.default.createDirectory(atPath: zones + "/Europe", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: ZoneInfo.defaultDirectory + "/Europe/Zurich", toPath: zones + "/Europe/Zurich")
        func publisher() -> Publisher {
            var p = Publisher(archiveRoot: s.fixture.archive, feedsRoot: s.fixture.feeds, zoneDatabase: ZoneDatabase(directory: zones),
                              buildManifestPath: s.manifest)
            p.recordMargin = 0
            return p
        }
        try s.buildAndRecord(also: [zones]) { try publisher().build() }
        #expect(try publisher().build().upToDate)
        // A tz database update: same bytes here, but a new file.
        let bytes = try #require(FileManager.default.contents(atPath: zones + "/Europe/Zurich"))
        try FileManager.default.removeItem(atPath: zones + "/Europe/Zurich")
        try bytes.write(to: URL(fileURLWithPath: zones + "/Europe/Zurich"))
        let result = try publisher().build()
        #expect(!result.upToDate)
        #expect(result.changedSinceLastBuild == "`\(zones)/Europe/Zurich`")
    }

    /// The organisers' set (`--private-out`) is published by the same build: a change to
    /// one of its files is a change too.
    @Test func theOrganisersSetIsPartOfTheRecord() throws {
        let s = try Self.setUp()
        defer { s.fixture.remove() }
        let privateOut = s.fixture.root.path + "/private"
        try s.buildAndRecord(also: [privateOut]) { try s.publisher.build(privateOut: privateOut) }
        let again = try s.publisher.build(privateOut: privateOut)
        #expect(again.upToDate)
        #expect(again.privateReport?.unchanged.count == 10)
        try FileManager.default.removeItem(atPath: privateOut + "/index.html")
        let repaired = try s.publisher.build(privateOut: privateOut)
        #expect(!repaired.upToDate)
        #expect(repaired.privateReport?.written == ["index.html"])
    }

    /// A build that fails keeps no record, and neither does it leave an older one that
    /// could later pass for current.
    @Test func aFailedBuildKeepsNoRecord() throws {
        let s = try Self.setUp()
        defer { s.fixture.remove() }
        try s.buildAndRecord()
        try s.fixture.talk("2021-07-12-emmy-speaker", year: 2021, id: "t3", start: "2021-07-12T16:30", abstract: "Unclosed $x")
        #expect(try s.publisher.build().report == nil)
        // What is published is still known (for the next build to remove stale pages),
        // but nothing vouches for it.
        #expect(BuildManifest.read(from: s.manifest)?.vouches == false)
        #expect(try s.publisher.build().upToDate == false)
    }

    /// The page (and calendar) of a talk deleted, or whose id changed, is removed by the
    /// next build, even after a failed build in between; a file the build did not publish
    /// stays, even in `talks/`.
    @Test func theTalkPagesOfTalksGoneAreRemovedAndNothingElse() throws {
        let s = try Self.setUp()
        defer { s.fixture.remove() }
        _ = try s.publisher.build()
        let foreign = s.fixture.feeds + "/talks/notes.html"
        try Data("kept".utf8).write(to: URL(fileURLWithPath: foreign))
        let stray = s.fixture.feeds + "/talks/t9.html"
        try Data("not ours".utf8).write(to: URL(fileURLWithPath: stray))
        try FileManager.default.removeItem(atPath: s.fixture.archive + "/2021/2021-07-05-alan-speaker.json")
        // A failed build in between removes nothing and forgets nothing.
        try s.fixture.talk("2021-07-12-emmy-speaker", year: 2021, id: "t3", start: "2021-07-12T16:30", abstract: "Unclosed $x")
        #expect(try s.publisher.build().report == nil)
        #expect(FileManager.default.fileExists(atPath: s.fixture.feeds + "/talks/t2.html"))
        try s.fixture.talk("2021-07-12-emmy-speaker", year: 2021, id: "t3", start: "2021-07-12T16:30", abstract: "Closed $x$")

        let result = try s.publisher.build()
        #expect(result.report?.removed == ["talks/t2.html", "talks/t2.ics"])
        #expect(!FileManager.default.fileExists(atPath: s.fixture.feeds + "/talks/t2.html"))
        #expect(!FileManager.default.fileExists(atPath: s.fixture.feeds + "/talks/t2.ics"))
        #expect(FileManager.default.fileExists(atPath: s.fixture.feeds + "/talks/t1.html"))
        #expect(FileManager.default.fileExists(atPath: s.fixture.feeds + "/talks/t3.html"))
        #expect(FileManager.default.fileExists(atPath: foreign))
        #expect(FileManager.default.fileExists(atPath: stray))
    }

    /// The program is named by its executable and every library it runs with, the same
    /// way each time it is asked.
    @Test func theToolIsItsExecutableAndLibraries() throws {
        let identity = try #require(ToolIdentity.read())
        let files = identity.split(separator: "\n").map { String($0.prefix { $0 != "=" }) }
        #expect(files.contains { $0.contains("libxml2.so") })
        #expect(files.contains { $0.contains("libFoundation") })
        #expect(files.contains(URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path))
        for _ in 0..<5 { #expect(ToolIdentity.read() == identity) }
    }

    @Test func eachWayOfRunningHasItsOwnRecord() {
        let a = Publisher.buildManifestPath(cacheFolder: "/c", workingFolder: "/w", archive: "archive", feeds: "feeds", privateOut: nil)
        #expect(a.hasPrefix("/c/seminar/builds/") && a.hasSuffix(".json"))
        #expect(a == Publisher.buildManifestPath(cacheFolder: "/c", workingFolder: "/w", archive: "archive", feeds: "feeds", privateOut: nil))
        #expect(a != Publisher.buildManifestPath(cacheFolder: "/c", workingFolder: "/v", archive: "archive", feeds: "feeds", privateOut: nil))
        #expect(a != Publisher.buildManifestPath(cacheFolder: "/c", workingFolder: "/w", archive: "archive", feeds: "out", privateOut: nil))
        #expect(a != Publisher.buildManifestPath(cacheFolder: "/c", workingFolder: "/w", archive: "archive", feeds: "feeds", privateOut: "p"))
    }
}
