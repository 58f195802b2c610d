import Foundation
import SeminarArchive
import Testing
@testable import SeminarPublisher

/// The feeds folder holds what builds publish, and nothing that leads out of it or that a
/// stopped build left behind.
@Suite struct FeedsFolderTests {
    func builtArchive() throws -> (ArchiveFixture, Publisher) {
        let a = try ArchiveFixture()
        try a.talk("2021-06-28-ada", year: 2021, id: "t1", start: "2021-06-28T16:30")
        let p = Publisher(archiveRoot: a.archive, feedsRoot: a.feeds)
        #expect(try p.build(reusingLastBuild: false).report != nil)
        return (a, p)
    }

    @Test func aSymbolicLinkInTheFeedsIsRefused() throws {
        let (a, p) = try builtArchive()
        defer { a.remove() }
        let privateFolder = a.root.appendingPathComponent("private").path
        try FileManager.default.createDirectory(atPath: privateFolder, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: a.feeds + "/talks/private", withDestinationPath: privateFolder)
        try a.talk("2021-07-05-bob", year: 2021, id: "t2", start: "2021-07-05T16:30")
        let before = try a.outputs()
        let result = try p.build(reusingLastBuild: false)
        #expect(result.report == nil)
        let link = try #require(result.diagnostics.first { $0.code == "symbolic-link-in-feeds" })
        #expect(link.location == FileLocation(path: a.feeds + "/talks/private", line: 1, column: 1))
        #expect(try a.outputs() == before)  // nothing written, though a talk was added
        #expect(try p.verify().contains { $0.code == "symbolic-link-in-feeds" })
    }

    @Test func temporaryFilesOfAStoppedBuildAreReportedThenRemoved() throws {
        let (a, p) = try builtArchive()
        defer { a.remove() }
        // What a build killed before its renames leaves: whole documents under hidden names.
        for stray in [".atom.xml.tmp-k3j9x", "talks/.t1.html.tmp-0a1b2"] {
            try Data("<feed/>".utf8).write(to: URL(fileURLWithPath: a.feeds + "/" + stray))
        }
        try Data("kept".utf8).write(to: URL(fileURLWithPath: a.feeds + "/.htaccess"))  // not ours: never touched
        let found = try p.verify().filter { $0.code == "stray-temporary-file" }.compactMap(\.location?.path)
        #expect(found == [a.feeds + "/.atom.xml.tmp-k3j9x", a.feeds + "/talks/.t1.html.tmp-0a1b2"])
        let result = try p.build(reusingLastBuild: false)
        #expect(result.report?.removedTemporaryFiles == [".atom.xml.tmp-k3j9x", "talks/.t1.html.tmp-0a1b2"])
        #expect(try p.verify().filter { $0.severity == .error }.isEmpty)
        #expect(FileManager.default.fileExists(atPath: a.feeds + "/.htaccess"))
    }
}
