import Foundation
import SeminarArchive
import Testing
@testable import SeminarPublisher

/// However the archive folder is spelt (`archive`, `archive/`, `./archive`, absolute,
/// through a symbolic link), every command sees the same files and says the same things
/// about them, each path beginning with the folder as given.
@Suite struct ArchivePathSpellingTests {
    static let now = Instant(rfc3339: "2022-03-01T12:00:00Z")!

    /// A frozen 2019 with one talk file broken afterwards, and an open 2020.
    func archiveWithABrokenFrozenTalk() throws -> ArchiveFixture {
        let a = try ArchiveFixture()
        let broken = try a.talk("2019-05-06-ada-one", year: 2019, id: "a1", start: "2019-05-06T16:30", speaker: "Ada One")
        try a.talk("2019-11-04-ada-two", year: 2019, id: "a2", start: "2019-11-04T16:30", speaker: "Ada Two")
        try a.talk("2020-06-01-bob-one", year: 2020, id: "b1", start: "2020-06-01T16:30", speaker: "Bob One")
        _ = try Publisher(archiveRoot: a.archive, feedsRoot: a.feeds).snapshot(year: 2019, now: Self.now)
        try Data("{ broken".utf8).write(to: URL(fileURLWithPath: broken))
        try FileManager.default.createSymbolicLink(atPath: a.root.appendingPathComponent("link").path, withDestinationPath: a.archive)
        return a
    }

    /// The diagnostics as `path:line:col: severity: message [code]`, with the folder as
    /// given replaced by `ARCHIVE`, so that spellings can be compared.
    func lines(_ diagnostics: [Diagnostic], root: String) -> [String] {
        let folder = ArchiveFolder(root).path
        return diagnostics.map { d in
            var path = d.location?.path ?? "-"
            if path.hasPrefix(folder + "/") { path = "ARCHIVE" + path.dropFirst(folder.count) }
            return "\(path):\(d.location?.line ?? 0):\(d.location?.column ?? 0): \(d.severity): \(d.message) [\(d.code)]"
        }
    }

    @Test func everySpellingOfTheFolderGivesTheSameMessages() throws {
        let a = try archiveWithABrokenFrozenTalk()
        defer { a.remove() }
        // Tests run side by side in one process: the working folder stays as it is, and
        // the relative spelling climbs from it.
        let up = String(repeating: "../", count: FileManager.default.currentDirectoryPath.split(separator: "/").count)
        let relative = up + a.archive.dropFirst()
        let parent = a.root.path
        let spellings = [a.archive, a.archive + "/", a.archive + "//", parent + "/./archive", relative, relative + "/",
                         parent + "/link", parent + "/link/"]

        var seen: [String: [String]] = [:]
        for root in spellings {
            let publisher = Publisher(archiveRoot: root, feedsRoot: a.feeds)
            let checked = lines(publisher.check().diagnostics, root: root)
            let built = lines(try publisher.build(reusingLastBuild: false).diagnostics, root: root)
            let verified = lines(try publisher.verify(), root: root)
            // The archive has an error: the freeze is refused, and says why.
            let refusal = try #require(throws: SnapshotRefusal.self) { try publisher.snapshot(year: 2020, now: Self.now) }
            let frozen = lines(refusal.diagnostics, root: root)
            seen[root] = checked + ["--"] + built + ["--"] + verified + ["--"] + frozen
        }
        let expected = try #require(seen[a.archive])
        // One error, at the broken file: nothing says the frozen talk was removed.
        #expect(expected.filter { $0.contains(": error: ") }.allSatisfy { $0.hasPrefix("ARCHIVE/2019/2019-05-06-ada-one.json:1:") })
        #expect(!expected.contains { $0.contains("frozen-year-talk-removed") })
        for root in spellings {
            #expect(seen[root] == expected, "\(root)")
        }
    }
}
