import FeedTestSupport
import Foundation
import SeminarArchive
import Testing
@testable import SeminarPublisher

/// A build or snapshot killed between two of its renames: the next command finishes the
/// publication, so that readers see the whole new one, never a mix of two.
@Suite struct StoppedPublicationTests {
    let cli = CommandLineTests()

    /// Runs `arguments` with the test hook that ends the process after its `n`-th rename.
    func runStopped(after n: Int, _ arguments: [String], in folder: String) throws -> CommandLineTests.Run {
        try cli.run(arguments, in: folder, prefix: ["env", "SEMINAR_TEST_EXIT_AFTER_RENAME=\(n)"])
    }

    /// Every file of `folder`, hidden ones too (a journal or a temporary file left behind
    /// must show).
    func files(_ folder: String) throws -> [String: Data] { try ArchiveFixture.files(under: folder) }

    @Test func aBuildStoppedAtAnyRenameIsFinishedByTheNextCommand() throws {
        let a = try ArchiveFixture()
        defer { a.remove() }
        try a.talk("2021-06-28-ada", year: 2021, id: "t1", start: "2021-06-28T16:30", title: "Old title")
        #expect(try cli.run(["build", "--full"], in: a.root.path).status == 0)
        let old = try files(a.feeds)
        // The next version of the archive, and what it publishes built on its own.
        try a.talk("2021-06-28-ada", year: 2021, id: "t1", start: "2021-06-28T16:30", title: "New title")
        try a.talk("2021-07-05-bob", year: 2021, id: "t2", start: "2021-07-05T16:30", speaker: "Bob")
        let reference = a.root.appendingPathComponent("reference").path
        #expect(try cli.run(["build", "--full", "--feeds", reference], in: a.root.path).status == 0)
        let new = try files(reference)
        #expect(new != old)

        var stops = 0
        for n in 1...100 {
            let feeds = a.root.appendingPathComponent("feeds-\(n)").path
            try FileManager.default.copyItem(atPath: a.feeds, toPath: feeds)
            let stopped = try runStopped(after: n, ["build", "--full", "--feeds", feeds], in: a.root.path)
            if stopped.status == 0 { break }  // fewer than n renames: every stop was tried
            #expect(stopped.status == 9)
            stops += 1
            let left = try files(feeds)
            #expect(left[PublicationJournal.fileName] != nil, "stopped after rename \(n), the journal says what is left")
            let halfway = left.filter { $0.key != PublicationJournal.fileName } != new
            // The next command that reads the feeds finishes it first.
            let verified = try cli.run(["verify", "--feeds", feeds], in: a.root.path)
            #expect(verified.status == 0, "\(verified.stderr)")
            #expect(verified.stderr.contains("finished a publication that was stopped halfway") == halfway)
            #expect(try files(feeds) == new, "after a stop at rename \(n)")
        }
        #expect(stops >= 5)  // one stop for each changed document at least
    }

    @Test func aSnapshotStoppedAtAnyRenameKeepsItsDocumentsAndRecordTogether() throws {
        let a = try ArchiveFixture()
        defer { a.remove() }
        try a.talk("2020-06-01-ada", year: 2020, id: "t1", start: "2020-06-01T16:30")
        try a.talk("2021-06-28-bob", year: 2021, id: "t2", start: "2021-06-28T16:30", speaker: "Bob")
        #expect(try cli.run(["build", "--full"], in: a.root.path).status == 0)
        let freeze = ["snapshot", "2020", "--now", "2021-01-15T09:00:00Z"]
        var stops = 0
        for n in 1...100 {
            let copy = a.root.path + "-copy-\(n)"
            defer { try? FileManager.default.removeItem(atPath: copy) }
            try FileManager.default.copyItem(atPath: a.root.path, toPath: copy)
            let stopped = try runStopped(after: n, freeze, in: copy)
            if stopped.status == 0 { break }
            stops += 1
            // Finished by the next command: the year is frozen, its documents match its record.
            let verified = try cli.run(["verify"], in: copy)
            #expect(verified.status == 0, "stopped after rename \(n): \(verified.stderr)")
            #expect(FileManager.default.fileExists(atPath: copy + "/archive/snapshots/2020.json"))
            #expect(!FileManager.default.fileExists(atPath: copy + "/feeds/.seminar-publication.json"))
        }
        #expect(stops >= 4)
    }
}
