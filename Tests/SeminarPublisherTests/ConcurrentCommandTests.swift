import FeedTestSupport
import Foundation
import SeminarArchive
import Testing
@testable import SeminarPublisher

/// Commands run at the same time, as separate processes: none loses another's work.
@Suite struct ConcurrentCommandTests {
    let cli = CommandLineTests()

    /// Runs `commands` (argument lists for `seminar`) at once in `folder`, and waits for all.
    func runAtOnce(_ commands: [[String]], in folder: String) throws -> CommandLineTests.Run {
        let quoted = commands.map { arguments in
            ([CommandLineTests.seminar] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        }
        let script = quoted.map { $0 + " &" }.joined(separator: "\n") + "\nstatus=0\nfor job in $(jobs -p); do wait $job || status=1; done\nexit $status"
        return try cli.run(["-c", script], in: folder, program: "bash")
    }

    @Test func fourAddsOfOneSpeakerOnOneDayKeepFourTalks() throws {
        let a = try ArchiveFixture()
        defer { a.remove() }
        let adds = (1...4).map { i in
            ["add", "--speaker", "Scott Pesme", "--title", "Talk \(i)", "--start", "2021-06-28", "--abstract", "Talk \(i).",
             "--now", "2021-06-20T09:15:00Z"]
        }
        let run = try runAtOnce(adds, in: a.root.path)
        #expect(run.status == 0, "\(run.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: a.archive + "/2021").sorted()
        #expect(files == ["2021-06-28-scott-pesme-2.json", "2021-06-28-scott-pesme-3.json", "2021-06-28-scott-pesme-4.json", "2021-06-28-scott-pesme.json"])
        let titles = try files.map { name in
            let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: a.archive + "/2021/" + name))) as? [String: Any]
            return object?["title"] as? String ?? ""
        }
        #expect(Set(titles) == ["Talk 1", "Talk 2", "Talk 3", "Talk 4"])
        #expect(run.stdout.split(separator: "\n").count == 4)  // each printed its own file
    }

    @Test func twoBuildsIntoOneFeedsFolderLeaveOneWholeBuild() throws {
        // Two archives with different seminars, built at once into one feeds folder.
        let first = try ArchiveFixture(seminar: ["title": "First Seminar"])
        let second = try ArchiveFixture(seminar: ["title": "Second Seminar"])
        defer { first.remove(); second.remove() }
        for (a, speaker) in [(first, "Ada One"), (second, "Bob Two")] {
            try a.talk("2021-06-28-x", year: 2021, id: "t-" + speaker.replacingOccurrences(of: " ", with: "-"), start: "2021-06-28T16:30", speaker: speaker)
        }
        // What each build publishes alone.
        var alone: [[String: Data]] = []
        for a in [first, second] {
            let run = try cli.run(["build", "--archive", a.archive, "--feeds", a.feeds], in: a.root.path)
            #expect(run.status == 0, "\(run.stderr)")
            alone.append(try a.outputs())
        }
        let shared = first.root.appendingPathComponent("shared-feeds").path
        for _ in 0..<3 {
            try? FileManager.default.removeItem(atPath: shared)
            let run = try runAtOnce([first, second].map { ["build", "--full", "--archive", $0.archive, "--feeds", shared] }, in: first.root.path)
            #expect(run.status == 0, "\(run.stderr)")
            let published = try ArchiveFixture.files(under: shared)
            // One build's files, whole; the other's talk pages may stay beside them (a build
            // removes only the pages its own earlier builds published, never another's).
            let whole = alone.contains { one in
                one.allSatisfy { published[$0.key] == $0.value } && published.keys.allSatisfy { one[$0] != nil || $0.hasPrefix("talks/") }
            }
            #expect(whole, "a mix of two builds")
        }
    }

    /// Every command that writes waits for the lock of each folder it writes, and gives
    /// up with a message after `--lock-timeout`, having written nothing.
    @Test(arguments: [
        (["add", "--speaker", "Ada", "--title", "T", "--start", "2021-06-28", "--abstract", "A."], "archive"),
        (["edit", "t1", "--title", "New"], "archive"),
        (["build"], "archive"),
        (["build"], "feeds"),
        (["snapshot", "2020", "--now", "2022-01-01T00:00:00Z"], "feeds"),
        (["init", "--title", "S", "--description", "D", "--timezone", "Europe/Zurich", "--start-time", "16:30", "--home-page", "https://s.example.org/", "--contact", "A", "--contact-email", "a@example.org", "--organiser", "A"], "archive"),
    ])
    func writersWaitForTheFoldersTheyWrite(arguments: [String], locked: String) throws {
        let a = try ArchiveFixture()
        defer { a.remove() }
        try a.talk("2020-06-01-ada", year: 2020, id: "t1", start: "2020-06-01T16:30")
        if arguments[0] == "init" { try FileManager.default.removeItem(atPath: a.archive + "/seminar.json") }
        try FileManager.default.createDirectory(atPath: a.feeds, withIntermediateDirectories: true)
        let before = try ArchiveFixture.files(under: a.root.path)
        let run = try withExtendedLifetime(try FolderLock.acquire([locked == "archive" ? a.archive : a.feeds], timeout: 0, waiting: { _ in })) {
            try cli.run(arguments + ["--lock-timeout", "0.3"], in: a.root.path)
        }
        #expect(run.status == 1)
        #expect(run.stderr.contains("waiting for another seminar command to finish writing into"))
        #expect(run.stderr.contains("error: another seminar command has been writing into"))
        #expect(try ArchiveFixture.files(under: a.root.path) == before)
    }

    @Test func aLongSpeakerNameGetsAShortFileName() throws {
        let a = try ArchiveFixture()
        defer { a.remove() }
        let name = Array(repeating: "Bartholomew", count: 30).joined(separator: " ")
        let run = try cli.run(["add", "--speaker", name, "--title", "T", "--start", "2021-06-28", "--abstract", "A.",
                               "--now", "2021-06-20T09:15:00Z"], in: a.root.path)
        #expect(run.status == 0, "\(run.stderr)")
        let file = try #require(FileManager.default.contentsOfDirectory(atPath: a.archive + "/2021").first)
        #expect(file.utf8.count < 100)
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: a.archive + "/2021/" + file))) as? [String: Any]
        #expect((object?["speakers"] as? [[String: Any]])?.first?["name"] as? String == name)
    }
}
