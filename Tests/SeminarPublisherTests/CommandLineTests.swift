import FeedTestSupport
import Foundation
import Testing
@testable import SeminarPublisher

/// The `seminar` command as a user runs it: a separate process, its exit status, what it
/// prints, and what it leaves on disk.
@Suite struct CommandLineTests {
    /// The executable, built beside the test bundle by `swift build --build-tests`.
    static let seminar: String = {
        let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return folder.appendingPathComponent("seminar").path
    }()

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `seminar` in `folder` with `arguments`, under `env` prefix commands (such as
    /// `faketime` or `env TZ=…`). Its cache folder (records of builds) is `folder/.cache`.
    /// `program` replaces `seminar` (say, `bash` running several at once).
    func run(_ arguments: [String], in folder: String, prefix: [String] = [], program: String = seminar) throws -> Run {
        try #require(FileManager.default.isExecutableFile(atPath: Self.seminar), "build the package first: scripts/test does")
        let script = "cd \"$1\" && export XDG_CACHE_HOME=\"$1/.cache\" && shift && exec \"$@\""
        let command = prefix + [program] + arguments
        let result = try Subprocess.run("bash", ["-c", script, "bash", folder] + command)
        return Run(status: result.status, stdout: String(decoding: result.stdout, as: UTF8.self), stderr: result.stderr)
    }

    /// A new empty folder under the temporary folder, for a command run away from any archive.
    func emptyFolder(_ prefix: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(prefix + "-" + UUID().uuidString).path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func addListEditBuild() throws {
        let a = try ArchiveFixture()
        defer { a.remove() }
        let folder = a.root.path
        let abstract = a.root.appendingPathComponent("abstract.txt")
        try Data("We bound $\\|w\\|_2$ by $O(n^{-1/2})$.\n".utf8).write(to: abstract)
        let added = try run(["add", "--speaker", "Scott Pesme", "--affiliation", "EPFL", "--title", "Implicit Bias of SGD",
                             "--start", "2021-06-28", "--abstract-file", abstract.path,
                             "--meeting", "https://epfl.zoom.us/j/62400754289", "--link", "Slides=https://example.org/s.pdf?a=1",
                             "--now", "2021-06-20T09:15:00Z"], in: folder)
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout == "archive/2021/2021-06-28-scott-pesme.json\n")
        let file = try JSONSerialization.jsonObject(with: Data(contentsOf: a.root.appendingPathComponent("archive/2021/2021-06-28-scott-pesme.json"))) as? [String: Any]
        #expect(file?["start"] as? String == "2021-06-28T16:30")  // the seminar's usual time
        #expect(file?["published"] as? String == "2021-06-20T09:15:00Z")
        #expect((file?["links"] as? [[String: String]])?.first?["url"] == "https://example.org/s.pdf?a=1")
        let id = try #require(file?["id"] as? String)

        let list = try run(["list"], in: folder)
        #expect(list.status == 0)
        #expect(list.stdout.contains("2021-06-28  16:30 CEST  Scott Pesme  Implicit Bias of SGD  scheduled"))
        let withFiles = try run(["list", "--files"], in: folder)
        #expect(withFiles.stdout.contains("Implicit Bias of SGD  scheduled  archive/2021/2021-06-28-scott-pesme.json"))

        // Rescheduling by id prefix moves the file, keeps the id and bumps the sequence.
        let edited = try run(["edit", String(id.prefix(8)), "--start", "2021-07-05T17:00", "--now", "2021-06-25T10:00:00Z"], in: folder)
        #expect(edited.status == 0, "\(edited.stderr)")
        #expect(edited.stdout == "archive/2021/2021-07-05-scott-pesme.json\n")
        #expect(!FileManager.default.fileExists(atPath: a.root.appendingPathComponent("archive/2021/2021-06-28-scott-pesme.json").path))
        let moved = try JSONSerialization.jsonObject(with: Data(contentsOf: a.root.appendingPathComponent("archive/2021/2021-07-05-scott-pesme.json"))) as? [String: Any]
        #expect(moved?["id"] as? String == id)
        #expect(moved?["sequence"] as? Int == 1)
        #expect(moved?["updated"] as? String == "2021-06-25T10:00:00Z")

        let cancelled = try run(["edit", "archive/2021/2021-07-05-scott-pesme.json", "--status", "cancelled", "--now", "2021-06-26T10:00:00Z"], in: folder)
        #expect(cancelled.status == 0, "\(cancelled.stderr)")

        // A file name as `ls` shows it, or its unique beginning, names the talk too.
        let renamed = try run(["edit", "2021-07-05-scott", "--location", "Room BC 420", "--now", "2021-06-26T11:00:00Z"], in: folder)
        #expect(renamed.status == 0, "\(renamed.stderr)")
        #expect(renamed.stdout == "archive/2021/2021-07-05-scott-pesme.json\n")
        try a.talk("2021-07-12-scott-other", year: 2021, id: "other-talk", start: "2021-07-12T16:30")
        let ambiguous = try run(["edit", "2021-07", "--location", "Room BC 410"], in: folder)
        #expect(ambiguous.status != 0)
        #expect(ambiguous.stderr.contains("2021-07 is the beginning of 2 talks' ids or file names"))
        try FileManager.default.removeItem(atPath: a.archive + "/2021/2021-07-12-scott-other.json")

        let built = try run(["build"], in: folder)
        #expect(built.status == 0, "\(built.stderr)")
        let atom = String(decoding: try Data(contentsOf: a.root.appendingPathComponent("feeds/atom.xml")), as: UTF8.self)
        #expect(atom.contains("<title>[Cancelled] Scott Pesme — Implicit Bias of SGD</title>"))
        #expect(atom.contains("Monday 5 July 2021, 17:00–18:00 CEST"))
        #expect(atom.contains("‖w‖₂"))
        let ics = String(decoding: try Data(contentsOf: a.root.appendingPathComponent("feeds/calendar.ics")), as: UTF8.self)
        #expect(ics.contains("SEQUENCE:3\r\n"))  // moved, cancelled, then a room
        #expect(ics.contains("LOCATION:Room BC 420"))
        #expect(ics.contains("STATUS:CANCELLED\r\n"))
    }

    @Test func errorsNameFileLineAndColumnAndBuildWritesNothing() throws {
        let a = try ArchiveFixture()
        defer { a.remove() }
        try a.talk("2021-06-28-grace-speaker", year: 2021, id: "t1", start: "2021-06-28T16:30")
        #expect(try run(["build"], in: a.root.path).status == 0)
        let before = try a.outputs()
        try a.talk("2021-07-05-alan-speaker", year: 2021, id: "t2", start: "2021-07-05T16:30",
                   abstract: "Let $\\alpah$ be small.")
        try a.talk("2021-07-12-ada-speaker", year: 2021, id: "t3", start: "2021-07-12T16:30", extra: ["abstarct": "x"])
        let result = try run(["build"], in: a.root.path)
        #expect(result.status != 0)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains("archive/2021/2021-07-12-ada-speaker.json:2:3: error: unknown key `abstarct` [unknown-key]"))
        // Line 2 is `  "abstract" : "Let $\\alpah$ be small.",`: the backslash is column 22.
        #expect(lines.contains("archive/2021/2021-07-05-alan-speaker.json:2:22: error: unknown command `\\alpah` [latex-unknown-command]"))
        #expect(lines.contains("    fix: did you mean `\\alpha`?"))
        // A file with a schema error still has its LaTeX checked: every problem in one run.
        try a.talk("2021-07-19-bo-speaker", year: 2021, id: "t4", start: "2021-07-19T16:30",
                   abstract: "Costs $5.", extra: ["speakrs": []])
        let both = try run(["check"], in: a.root.path).stderr
        #expect(both.contains("archive/2021/2021-07-19-bo-speaker.json:11:3: error: unknown key `speakrs` [unknown-key]"))
        #expect(both.contains("archive/2021/2021-07-19-bo-speaker.json:2:23: error:"))
        #expect(both.contains("[latex-unclosed-math]"))
        // Every talk file is counted, also the two that did not load (unknown keys).
        #expect(both.contains("\nchecked 4 talks (2 did not load): 4 errors, 0 warnings\n"), "\(both)")
        try FileManager.default.removeItem(atPath: a.archive + "/2021/2021-07-19-bo-speaker.json")
        #expect(lines.contains { $0.hasPrefix("build failed:") && $0.hasSuffix("nothing was written") })
        #expect(try a.outputs() == before)

        let json = try run(["check", "--format", "json"], in: a.root.path)
        #expect(json.status != 0)
        let objects = try json.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        let unknown = try #require(objects.first { $0["code"] as? String == "latex-unknown-command" })
        #expect(unknown["path"] as? String == "archive/2021/2021-07-05-alan-speaker.json")
        #expect(unknown["line"] as? Int == 2)
        #expect(unknown["column"] as? Int == 22)
        #expect(unknown["fix"] as? String == "did you mean `\\alpha`?")
    }

    @Test func buildSaysWhenNothingChangedAndRepeatsItsWarnings() throws {
        let a = try ArchiveFixture()
        defer { a.remove() }
        try a.talk("2021-06-28-grace-speaker", year: 2021, id: "t1", start: "2021-06-28T16:30", abstract: "A 50% gain.")
        // The command trusts no file changed in the two seconds before a build.
        let settle = {
            try BuildManifestTests.waitForFileSystemClock(past: [a.archive, a.feeds], probeIn: a.root.path, margin: BuildManifest.clockMargin)
        }
        let first = try run(["build"], in: a.root.path)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("1 talk: wrote 8 files"))
        try settle()
        #expect(try run(["build"], in: a.root.path).stderr.contains("wrote 0 files, 8 unchanged"))
        let again = try run(["build"], in: a.root.path)
        #expect(again.status == 0)
        #expect(again.stderr.contains("[latex-comment]"))
        #expect(again.stderr.contains("1 talk: up to date, nothing changed since the last build of feeds/"))
        #expect(try run(["build", "--full"], in: a.root.path).stderr.contains("wrote 0 files, 8 unchanged"))

        try a.talk("2021-06-28-grace-speaker", year: 2021, id: "t1", start: "2021-06-28T16:30", title: "Another title",
                   abstract: "A 50\\% gain.")
        let edited = try run(["build"], in: a.root.path)
        #expect(edited.stderr.contains("checked everything: `archive/2021"))
        #expect(!edited.stderr.contains("[latex-comment]"))
        #expect(edited.stderr.contains("wrote 7 files"))
    }

    /// The organisers' documents hold the private meeting links: never inside the public
    /// feeds folder, nor around it, however either folder is spelled.
    @Test func privateOutputsStayApartFromThePublicFeeds() throws {
        let a = try ArchiveFixture()
        defer { a.remove() }
        try a.talk("2021-06-28-grace-speaker", year: 2021, id: "t1", start: "2021-06-28T16:30")
        try FileManager.default.createDirectory(atPath: a.feeds, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: a.root.path + "/published", withDestinationPath: a.feeds)
        let refused: [(arguments: [String], reason: String)] = [
            (["--private-out", "feeds/private"], "`feeds/private` is inside the public feeds folder `feeds`"),
            (["--private-out", a.feeds + "/private"], "is inside the public feeds folder"),
            (["--private-out", "./feeds/"], "`./feeds/` is the public feeds folder"),
            (["--private-out", "published/private"], "is inside the public feeds folder"),  // a link to feeds/
            (["--private-out", "."], "`.` contains the public feeds folder `feeds`"),
            (["--feeds", "site/feeds", "--private-out", "site/"], "contains the public feeds folder `site/feeds`"),
            // Nor may what is written mix with the talk files, whose meeting links may be private.
            (["--feeds", "archive"], "--feeds `archive` is the archive folder `archive`"),
            (["--feeds", "archive/site"], "--feeds `archive/site` is inside the archive folder `archive`"),
            (["--feeds", "."], "--feeds `.` contains the archive folder `archive`"),
            (["--private-out", "archive/private"], "--private-out `archive/private` is inside the archive folder `archive`"),
        ]
        for (arguments, reason) in refused {
            let result = try run(["build"] + arguments, in: a.root.path)
            #expect(result.status == 64, "\(arguments): \(result.stderr)")  // the command line is wrong
            #expect(result.stderr.contains(reason), "\(arguments): \(result.stderr)")
            #expect(try a.outputs().isEmpty, "\(arguments) wrote into feeds/")
        }
        #expect(!FileManager.default.fileExists(atPath: a.root.path + "/site"))
        let apart = try run(["build", "--private-out", "private"], in: a.root.path)
        #expect(apart.status == 0, "\(apart.stderr)")
        #expect(FileManager.default.fileExists(atPath: a.root.path + "/private/index.html"))
    }

    /// `edit` changes only what it is given, finds a talk however its file is spelled, and
    /// says so when a talk's errors keep it from loading instead of "no such talk".
    @Test func editChangesOnlyWhatItIsGiven() throws {
        let a = try ArchiveFixture()
        defer { a.remove() }
        let folder = a.root.path
        let added = try run(["add", "--speaker", "Jane Doe", "--affiliation", "EPFL", "--speaker-url", "https://jane.example.org",
                             "--title", "T", "--abstract", "a", "--start", "2021-11-01", "--link", "Slides=https://x.org/s.pdf",
                             "--now", "2021-10-01T00:00:00Z"], in: folder)
        #expect(added.status == 0, "\(added.stderr)")
        func talkFile() throws -> [String: Any] {
            let path = a.archive + "/2021/2021-11-01-jane-doe-smith.json"
            return try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        }
        let renamed = try run(["edit", "2021-11-01-jane-doe", "--speaker", "Jane Doe-Smith", "--now", "2021-10-02T00:00:00Z"], in: folder)
        #expect(renamed.status == 0, "\(renamed.stderr)")
        #expect(renamed.stderr.contains("“Jane Doe-Smith” keeps the affiliation “EPFL” and web page https://jane.example.org of “Jane Doe”"))
        #expect(try talkFile()["speakers"] as? [[String: String]] == [["name": "Jane Doe-Smith", "affiliation": "EPFL", "url": "https://jane.example.org"]])

        // Spelled from the working folder or absolute, the file names the talk; a new link
        // joins the others.
        for (talk, link) in [("./archive/2021/2021-11-01-jane-doe-smith.json", "Video=https://x.org/v.mp4"),
                             (a.archive + "/2021/2021-11-01-jane-doe-smith.json", "slides=https://x.org/s2.pdf")] {
            let edited = try run(["edit", talk, "--link", link, "--now", "2021-10-03T00:00:00Z"], in: folder)
            #expect(edited.status == 0, "\(talk): \(edited.stderr)")
        }
        #expect(try talkFile()["links"] as? [[String: String]] == [["title": "slides", "url": "https://x.org/s2.pdf"],
                                                                 ["title": "Video", "url": "https://x.org/v.mp4"]])
        let removed = try run(["edit", "2021-11-01-jane", "--link", "Video=", "--now", "2021-10-04T00:00:00Z"], in: folder)
        #expect(removed.status == 0, "\(removed.stderr)")
        #expect(try talkFile()["links"] as? [[String: String]] == [["title": "slides", "url": "https://x.org/s2.pdf"]])
        let missing = try run(["edit", "2021-11-01-jane", "--link", "Paper="], in: folder)
        #expect(missing.status == 1)
        #expect(missing.stderr == "error: the talk has no link titled “Paper” to remove: its links are “slides”\n")
        // Spaces around a link's title and URL do not count: this replaces the slides.
        let spaced = try run(["edit", "2021-11-01-jane", "--link", " Slides = https://x.org/s3.pdf ", "--now", "2021-10-05T00:00:00Z"], in: folder)
        #expect(spaced.status == 0, "\(spaced.stderr)")
        #expect(try talkFile()["links"] as? [[String: String]] == [["title": "Slides", "url": "https://x.org/s3.pdf"]])
        #expect(try run(["edit", "", "--location", "Room"], in: folder).status == 64)
        let tooMany = try run(["edit", "2021-11-01-jane", "--affiliation", "EPFL", "--affiliation", "ETH"], in: folder)
        #expect(tooMany.status == 1)
        #expect(tooMany.stderr.contains("the talk has 1 speaker: give --affiliation once for each"))

        // A talk that would not load (a start the clocks skip, a meeting that is not http,
        // a link without a title) is refused, and nothing is written: `edit` could not
        // read such a file back.
        let archiveBefore = try ArchiveFixture.files(under: a.archive)
        let gap = try run(["add", "--speaker", "Q", "--title", "T", "--abstract", "a", "--start", "2021-03-28T02:30",
                           "--link", "=https://x.org", "--now", "2021-01-01T00:00:00Z"], in: folder)
        #expect(gap.status == 1)
        #expect(gap.stderr == """
            error: the talk would not load, so nothing was written:
              `links[0].title` must not be empty
              `2021-03-28T02:30` does not exist in Europe/Zurich: the clocks skip that time when they go forward

            """)
        let ftp = try run(["edit", "2021-11-01-jane", "--meeting", "ftp://x.org/m"], in: folder)
        #expect(ftp.status == 1)
        #expect(ftp.stderr.contains("`meeting` is not an absolute http or https URL: `ftp://x.org/m`"))
        #expect(try ArchiveFixture.files(under: a.archive) == archiveBefore)

        // A file that does not load, written by hand: `edit` finds it by its name all the
        // same, and says to fix it by hand.
        try Data(String(decoding: try Data(contentsOf: URL(fileURLWithPath: a.archive + "/2021/2021-11-01-jane-doe-smith.json")), as: UTF8.self)
            .replacingOccurrences(of: "2021-11-01T16:30", with: "2021-03-28T02:30").utf8)
            .write(to: URL(fileURLWithPath: a.archive + "/2021/2021-03-28-q.json"))
        try FileManager.default.removeItem(atPath: a.archive + "/2021/2021-11-01-jane-doe-smith.json")
        let broken = try run(["edit", "2021-03-28-q", "--start", "2021-03-28T03:30"], in: folder)
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("archive/2021/2021-03-28-q.json:"))
        #expect(broken.stderr.contains("error: `2021-03-28T02:30` does not exist in Europe/Zurich"))
        #expect(broken.stderr.hasSuffix("error: archive/2021/2021-03-28-q.json has errors that keep it from loading (above): `seminar edit` cannot change it; fix the file by hand, then run `seminar check`\n"))
    }

    /// A new seminar starts from nothing: `init` writes a `seminar.json` that checks and
    /// builds, never replaces one, and reports a mistake in what it wrote at its place.
    @Test func initStartsAnArchiveThatBuilds() throws {
        let folder = try emptyFolder("seminar-init")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let arguments = ["init", "--title", "Reading Group: Learning Theory", "--description", "We read papers on $\\ell_1$ methods.",
                         "--home-page", "https://www.example.org/lt-reading/", "--timezone", "Europe/Paris", "--start-time", "14:00",
                         "--contact", "Ada Lovelace", "--contact-email", "ada@example.org", "--organiser", "Alan Turing",
                         "--now", "2026-11-29T12:00:00Z"]
        let started = try run(arguments, in: folder)
        #expect(started.status == 0, "\(started.stderr)")
        #expect(started.stdout == "archive/seminar.json\n")
        let seminar = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/archive/seminar.json"))) as? [String: Any])
        #expect(seminar["idPrefix"] as? String == "tag:example.org,2026:reading-group-learning-theory/talk/")
        #expect(seminar["feedsBaseURL"] as? String == "https://www.example.org/lt-reading/feeds/")
        #expect(seminar["defaultStartTime"] as? String == "14:00" && seminar["defaultDuration"] as? Int == 60)
        #expect(seminar["organisers"] as? [[String: String]] == [["name": "Alan Turing"]])
        #expect(try run(["check"], in: folder).stderr == "checked 0 talks: 0 errors, 0 warnings\n")

        let added = try run(["add", "--speaker", "Zoë Smith", "--title", "T", "--abstract", "a", "--start", "2027-01-12",
                             "--now", "2026-11-29T12:00:00Z"], in: folder)
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stderr.contains("on 2027-01-12T14:00"))  // the seminar's usual time
        let built = try run(["build"], in: folder)
        #expect(built.status == 0, "\(built.stderr)")
        let atom = String(decoding: try Data(contentsOf: URL(fileURLWithPath: folder + "/feeds/atom.xml")), as: UTF8.self)
        #expect(atom.contains("<id>tag:example.org,2026:reading-group-learning-theory/talk/feed</id>"))
        #expect(atom.contains("Tuesday 12 January 2027, 14:00–15:00 CET"))

        let before = try Data(contentsOf: URL(fileURLWithPath: folder + "/archive/seminar.json"))
        let again = try run(arguments, in: folder)
        #expect(again.status == 1)
        #expect(again.stderr == "error: archive/seminar.json exists: `seminar init` starts an archive, it never replaces one; change the file itself\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/archive/seminar.json")) == before)

        let wrongZone = try run(["init", "--archive", "other", "--title", "T", "--description", "D", "--home-page", "https://a.org/",
                                 "--timezone", "Mars/Base", "--start-time", "10:00", "--contact", "C"], in: folder)
        // What would not load is refused, and nothing written: `init` never replaces a file.
        #expect(wrongZone.status == 1)
        #expect(wrongZone.stderr == "error: seminar.json would not load, so nothing was written:\n  unknown time zone `Mars/Base`\n")
        #expect(!FileManager.default.fileExists(atPath: folder + "/other"))
        let badMath = try run(["init", "--archive", "other", "--title", "T", "--description", "About $x", "--home-page", "https://a.org/",
                               "--timezone", "UTC", "--start-time", "10:00", "--contact", "C"], in: folder)
        #expect(badMath.stderr.contains("`description`: math opened with `$` is never closed"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/other"))
        // The feeds go beside the home page, without its query, fragment or file.
        let page = try run(["init", "--archive", "other", "--title", "T", "--description", "D",
                            "--home-page", "https://a.org/s/index.html?x=1#top", "--timezone", "UTC", "--start-time", "10:00",
                            "--contact", "C", "--now", "2026-11-29T12:00:00Z"], in: folder)
        #expect(page.status == 0, "\(page.stderr)")
        #expect(page.stderr.contains("add a talk with `seminar add --archive other`"))
        let other = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/other/seminar.json"))) as? [String: Any])
        #expect(other["feedsBaseURL"] as? String == "https://a.org/s/feeds/")
        #expect(try run(["init", "--archive", "x", "--title", "T", "--description", "D", "--home-page", "https://u:p@a.org/",
                         "--timezone", "UTC", "--start-time", "10:00", "--contact", "C"], in: folder).status == 64)
        let badTime = try run(["init", "--archive", "third", "--title", "T", "--description", "D", "--home-page", "https://a.org/",
                               "--timezone", "UTC", "--start-time", "4pm", "--contact", "C"], in: folder)
        #expect(badTime.status == 64)
        #expect(!FileManager.default.fileExists(atPath: folder + "/third"))
    }

    /// What `add` cannot write as a talk that builds is refused before anything is written.
    @Test func addRefusesIncompleteTalksUpFront() throws {
        let a = try ArchiveFixture()
        defer { a.remove() }
        let base = ["add", "--title", "T", "--start", "2021-11-01"]
        let refused: [(arguments: [String], message: String)] = [
            (base + ["--speaker", "A"], "a talk needs --abstract or --abstract-file"),
            (base + ["--speaker", "A", "--abstract", "a", "--duration", "-5"], "--duration must be between 1 and 1440 minutes, got -5"),
            (base + ["--speaker", " ", "--abstract", "a"], "--speaker must not be empty"),
            (base + ["--speaker", "A", "--abstract", " \n"], "--abstract must not be empty"),
            (["add", "--title", "", "--start", "2021-11-01", "--speaker", "A", "--abstract", "a"], "--title must not be empty"),
            (base + ["--speaker", "A", "--affiliation", "EPFL", "--speaker", "B", "--abstract", "a"],
             "with 2 speakers, give --affiliation once for each, in their order (\"\" for none), or not at all; got 1"),
            (base + ["--speaker", "A", "--abstract", "a", "--link", "Slides="], "--link \"Slides=\" has no URL"),
        ]
        for (arguments, message) in refused {
            let result = try run(arguments, in: a.root.path)
            #expect(result.status == 64, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
        #expect(try ArchiveFixture.files(under: a.archive + "/2021").isEmpty)
        // One value per speaker, "" for none, puts each where it belongs.
        let two = try run(base + ["--speaker", "A", "--speaker", "B", "--affiliation", "", "--affiliation", "EPFL",
                                  "--abstract", "a"], in: a.root.path)
        #expect(two.status == 0, "\(two.stderr)")
        let file = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: a.archive + "/2021/2021-11-01-a.json"))) as? [String: Any]
        #expect(file?["speakers"] as? [[String: String]] == [["name": "A"], ["name": "B", "affiliation": "EPFL"]])
    }

    /// A failure found while the command runs (a file it cannot read, no such talk) is
    /// `error: …`, with the system's reason for a file, and exit status 1; only a command
    /// line wrong as typed is a usage error (64, with the command's usage).
    @Test func runTimeFailuresAreErrorsNotUsageErrors() throws {
        let a = try ArchiveFixture()
        defer { a.remove() }
        try a.talk("2021-06-28-grace-speaker", year: 2021, id: "t1a", start: "2021-06-28T16:30")
        try a.talk("2021-07-05-alan-speaker", year: 2021, id: "t1b", start: "2021-07-05T16:30")
        let archiveBefore = try ArchiveFixture.files(under: a.archive)
        let failures: [(arguments: [String], message: String)] = [
            (["add", "--speaker", "Ada", "--title", "T", "--start", "2021-09-06", "--abstract-file", "abstract.txt"],
             "error: cannot read abstract.txt: No such file or directory\n"),
            (["latex", "check", "nonexist.tex"], "error: cannot read nonexist.tex: No such file or directory\n"),
            (["latex", "render", "archive"], "error: cannot read archive: Is a directory\n"),
            (["edit", "nobody", "--location", "Room"], "error: no talk with id or file nobody (`seminar list --files` shows each talk's file)\n"),
            (["edit", "t1", "--location", "Room"], "error: t1 is the beginning of 2 talks' ids or file names: "),
        ]
        for (arguments, message) in failures {
            let result = try run(arguments, in: a.root.path)
            #expect(result.status == 1, "\(arguments): \(result.stderr)")
            #expect(result.stderr.hasPrefix(message), "\(arguments): \(result.stderr)")
            #expect(!result.stderr.contains("Usage:"), "\(arguments): \(result.stderr)")
        }
        #expect(try ArchiveFixture.files(under: a.archive) == archiveBefore)

        let malformed = try run(["edit", "t1a", "--start", "2021-02-30"], in: a.root.path)
        #expect(malformed.status == 64)
        #expect(malformed.stderr.contains("--start takes YYYY-MM-DDTHH:MM or YYYY-MM-DD (a date that exists), got 2021-02-30"))
        #expect(malformed.stderr.contains("Usage: seminar edit"))
    }

    /// Outside the repository's root there is no `archive/`: every command that reads it
    /// fails alike, and says where to run it from; JSON diagnostics name the folder.
    @Test func commandsOutsideTheRepositoryRootSayWhereToRunThem() throws {
        let folder = try emptyFolder("seminar-elsewhere")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for command in ["list", "check", "build", "edit"] {
            let result = try run(command == "edit" ? [command, "x", "--location", "Room"] : [command], in: folder)
            #expect(result.status == 1, "\(command): \(result.stderr)")
            let lines = result.stderr.split(separator: "\n").map(String.init)
            #expect(lines.first == "archive:1:1: error: cannot read the archive folder `archive` [missing-file]", "\(command): \(result.stderr)")
            #expect(lines.dropFirst().first == "    fix: run seminar from the folder that holds `archive/`, or pass `--archive PATH`")
            #expect(!result.stderr.contains("seminar.json"), "\(command): \(result.stderr)")
            #expect(result.stdout.isEmpty, "\(command) printed \(result.stdout)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder + "/feeds"))

        let json = try run(["check", "--format", "json"], in: folder)
        #expect(json.status == 1)
        let objects = try json.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(objects.count == 1)
        #expect(objects.first?["path"] as? String == "archive")
        #expect(objects.first?["code"] as? String == "missing-file")
        #expect((objects.first?["fix"] as? String)?.contains("--archive PATH") == true)
    }

    /// An archive with one talk of 2021, over in 2022, and one still to be defined.
    func archiveToFreeze() throws -> ArchiveFixture {
        let a = try ArchiveFixture()
        try a.talk("2021-06-28-grace-speaker", year: 2021, id: "t1", start: "2021-06-28T16:30")
        try a.talk("tbd-alan-speaker", year: 2021, id: "t2", start: nil, speaker: "Alan Speaker")
        return a
    }

    /// Every refusal ends with what happened: nothing was written (never "2021 was not
    /// frozen" after "2021 is already frozen").
    @Test func aRefusedSnapshotSaysNothingWasWritten() throws {
        let a = try archiveToFreeze()
        defer { a.remove() }
        try FileManager.default.removeItem(atPath: a.archive + "/2021/tbd-alan-speaker.json")
        let frozen = try run(["snapshot", "2021", "--now", "2022-01-10T09:00:00Z"], in: a.root.path)
        #expect(frozen.status == 0, "\(frozen.stderr)")
        #expect(frozen.stderr.contains("froze 2021: 1 talk, recorded in archive/snapshots/2021.json\n"))
        let before = try a.outputs()
        for arguments in [["snapshot", "2021"], ["snapshot", "2022", "--amend", "--reason", "Typo"]] {
            let refused = try run(arguments + ["--now", "2022-01-11T09:00:00Z"], in: a.root.path)
            #expect(refused.status == 1)
            let lines = refused.stderr.split(separator: "\n").map(String.init)
            #expect(lines.first?.hasPrefix("error: 202") == true, "\(refused.stderr)")
            #expect(lines.last == "snapshot refused: nothing was written", "\(refused.stderr)")
            #expect(!refused.stderr.contains("was not"), "\(refused.stderr)")
        }
        #expect(try a.outputs() == before)
    }

    /// Freezing a year rebuilds the subscription documents without it: `snapshot` names
    /// every file it changed, the rebuilt ones in the same form as `seminar build`.
    @Test func snapshotListsEveryFileItWrites() throws {
        let a = try archiveToFreeze()
        defer { a.remove() }
        try FileManager.default.removeItem(atPath: a.archive + "/2021/tbd-alan-speaker.json")
        #expect(try run(["build"], in: a.root.path).status == 0)
        let before = try a.outputs()
        let frozen = try run(["snapshot", "2021", "--now", "2022-01-10T09:00:00Z"], in: a.root.path)
        #expect(frozen.status == 0, "\(frozen.stderr)")
        let after = try a.outputs()
        // The year's documents (its talk's page among them), as the record lists them, then
        // what the build after it changed.
        let record = try SnapshotRecord.decode(Array(try Data(contentsOf: URL(fileURLWithPath: a.archive + "/snapshots/2021.json"))))
        #expect(record.documents.keys.contains("talks/t1.html"))
        let frozenDocuments = Set(record.documents.keys)
        let changed = Set(after.keys.filter { after[$0] != before[$0] || frozenDocuments.contains($0) }.map { "  wrote feeds/" + $0 })
        let lines = frozen.stderr.split(separator: "\n").map(String.init)
        #expect(changed.contains("  wrote feeds/atom.xml"))
        #expect(Set(lines.filter { $0.hasPrefix("  wrote ") }) == changed, "\(frozen.stderr)")
        let rebuilt = after.keys.filter { !frozenDocuments.contains($0) && after[$0] != before[$0] }.count
        #expect(lines.contains("1 talk: wrote \(rebuilt) files, \(6 - rebuilt) unchanged, in feeds/"), "\(frozen.stderr)")
    }

    /// A talk that keeps its year open is reported like every other problem, at its
    /// place: its `start` field, or the top of a file that has none.
    @Test func snapshotRefusalsPointAtTheTalk() throws {
        let a = try archiveToFreeze()
        defer { a.remove() }
        let undated = try run(["snapshot", "2021", "--now", "2022-01-10T09:00:00Z"], in: a.root.path)
        #expect(undated.status == 1)
        let lines = undated.stderr.split(separator: "\n").map(String.init)
        #expect(lines.first == "archive/2021/tbd-alan-speaker.json:1:1: error: “Alan Speaker — A talk” has no date yet [snapshot-talk-undated]",
                "\(undated.stderr)")
        #expect(lines.contains("    fix: give it a date with `seminar edit t2 --start …`, or cancel it with `--status cancelled`"))

        try FileManager.default.removeItem(atPath: a.archive + "/2021/tbd-alan-speaker.json")
        let file = "archive/2021/2021-06-28-grace-speaker.json"
        let fileLines = try String(contentsOfFile: a.root.path + "/" + file, encoding: .utf8).components(separatedBy: "\n")
        let startLine = try #require(fileLines.firstIndex { $0.contains("\"start\"") })
        let startColumn = fileLines[startLine].prefix { $0 != "\"" }.count + 1  // the key's opening quote
        let toCome = try run(["snapshot", "2021", "--now", "2021-06-28T15:00:00Z"], in: a.root.path)
        #expect(toCome.status == 1)
        #expect(toCome.stderr.hasPrefix("\(file):\(startLine + 1):\(startColumn): error: “Grace Speaker — A talk” is still to come (2021-06-28T16:30) [snapshot-talk-to-come]\n"),
                "\(toCome.stderr)")
        #expect(!FileManager.default.fileExists(atPath: a.archive + "/snapshots/2021.json"))
    }

    /// A talk of a frozen year that `add` or `edit` added, changed or moved away is kept
    /// on disk, and the closing advice is what can really help: amend the year, or undo
    /// with git (editing again only stamps `updated` anew). Other errors keep the old advice.
    @Test func changesToAFrozenYearAdviseAmendingOrUndoing() throws {
        let a = try archiveToFreeze()
        defer { a.remove() }
        try FileManager.default.removeItem(atPath: a.archive + "/2021/tbd-alan-speaker.json")
        #expect(try run(["snapshot", "2021", "--now", "2022-01-10T09:00:00Z"], in: a.root.path).status == 0)
        let now = ["--now", "2022-01-11T09:00:00Z"]
        let file = "archive/2021/2021-06-28-grace-speaker.json"
        let cases: [(arguments: [String], code: String, undo: String)] = [
            (["edit", "t1", "--location", "Room BC 420"], "frozen-talk-changed", "  to undo it: git checkout -- \(file)"),
            (["add", "--speaker", "Late Comer", "--title", "After the freeze", "--start", "2021-07-05", "--abstract", "Late."],
             "frozen-year-talk-added", "  to undo it: remove archive/2021/2021-07-05-late-comer.json"),
            (["edit", "t1", "--start", "2022-01-17"], "frozen-year-talk-removed",
             "  to undo it: git checkout -- \(file), and remove archive/2022/2022-01-17-grace-speaker.json"),
        ]
        for (arguments, code, undo) in cases {
            let result = try run(arguments + now, in: a.root.path)
            #expect(result.status == 1, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("[\(code)]"), "\(arguments): \(result.stderr)")
            let lines = result.stderr.split(separator: "\n").map(String.init)
            #expect(lines.contains { $0.hasSuffix("has errors: 2021 is frozen, and editing again would not undo the change (`seminar edit` stamps `updated` anew).") },
                    "\(arguments): \(result.stderr)")
            #expect(lines.contains("  to publish it as a deliberate correction: seminar snapshot 2021 --amend --reason \"…\""))
            #expect(lines.last == undo, "\(arguments): \(result.stderr)")
            #expect(!result.stderr.contains("correct them with `seminar edit`"))
        }
        #expect(FileManager.default.fileExists(atPath: a.archive + "/2022/2022-01-17-grace-speaker.json"))  // kept

        let other = try run(["add", "--speaker", "Bo Speaker", "--title", "Costs $5", "--start", "2022-02-07", "--abstract", "x"] + now,
                            in: a.root.path)
        #expect(other.status == 1)
        // A LaTeX error leaves the talk loadable: `seminar edit` can correct it.
        #expect(other.stderr.hasSuffix("archive/2022/2022-02-07-bo-speaker.json has errors: correct them with `seminar edit` or in the file, then run `seminar check`\n"),
                "\(other.stderr)")
    }

    /// Same archive, same bytes: whatever the clock, time zone, locale or run.
    @Test func outputIgnoresClockTimeZoneAndLocale() throws {
        let a = try ArchiveFixture()
        defer { a.remove() }
        try a.talk("2021-03-22-winter", year: 2021, id: "w", start: "2021-03-22T16:30", speaker: "Winter Speaker")
        try a.talk("2021-06-28-summer", year: 2021, id: "s", start: "2021-06-28T16:30", speaker: "Summer Speaker")
        try a.talk("tbd-later", year: 2021, id: "l", start: nil, speaker: "Later Speaker")
        #expect(try run(["build"], in: a.root.path).status == 0)
        let reference = try a.outputs()
        #expect(reference.count == 11)

        let environments: [[String]] = [
            ["env", "TZ=Pacific/Kiritimati", "LC_ALL=C", "LANG=C"],
            ["env", "TZ=America/Los_Angeles", "LANG=de_DE.UTF-8", "LC_ALL=de_DE.UTF-8"],
            ["faketime", "2031-12-31 12:00:00"],
        ]
        for prefix in environments {
            try FileManager.default.removeItem(atPath: a.feeds)
            let result = try run(["build"], in: a.root.path, prefix: prefix)
            #expect(result.status == 0, "\(prefix): \(result.stderr)")
            #expect(try a.outputs() == reference, "output changed under \(prefix.joined(separator: " "))")
        }
        // faketime does reach the process: a command that reads the clock sees its time.
        let added = try run(["add", "--speaker", "Clock Reader", "--title", "When is now?", "--start", "2032-01-05",
                             "--abstract", "Clocks."], in: a.root.path, prefix: ["faketime", "2031-12-31 12:00:00"])
        #expect(added.status == 0, "\(added.stderr): is faketime installed? scripts/test installs it")
        let file = try JSONSerialization.jsonObject(with: Data(contentsOf: a.root.appendingPathComponent("archive/2032/2032-01-05-clock-reader.json"))) as? [String: Any]
        #expect((file?["published"] as? String)?.hasPrefix("2031-12-31T") == true)
    }

    @Test func latexCommandsReadStandardInput() throws {
        let folder = FileManager.default.temporaryDirectory.path
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("latex-\(UUID().uuidString).tex")
        try Data("Let $x_{k+1} \\le \\alpah$ hold.\n".utf8).write(to: input)
        defer { try? FileManager.default.removeItem(at: input) }
        let check = try run(["latex", "check", input.path], in: folder)
        #expect(check.status != 0)
        #expect(check.stderr.contains(input.path + ":1:"))
        #expect(check.stderr.contains("[latex-unknown-command]"))
        let render = try run(["latex", "render", input.path], in: folder)
        #expect(render.status == 0)
        #expect(render.stdout.contains("xₖ₊₁ ≤ \\alpah"))
    }
}

extension CommandLineTests {
    @Test func latexCheckShowsTenProblemsOfAKindAndCountsTheRest() throws {
        let folder = try emptyFolder("latex-many")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data(String(repeating: "\\alpha ", count: 2_000).utf8).write(to: URL(fileURLWithPath: folder + "/many.tex"))
        let check = try run(["latex", "check", "many.tex"], in: folder)
        #expect(check.status == 1)
        #expect(check.stderr.components(separatedBy: "[latex-math-only-in-text]").count - 1 == 10)
        #expect(check.stderr.contains("many.tex:1:64: note: … and 1,990 more `latex-math-only-in-text` in this file [more-diagnostics]"))
        // Each excerpt is a window around its column, not the 14,000-character line.
        #expect(check.stderr.split(separator: "\n").allSatisfy { $0.count < 200 })
    }

    @Test func nothingFromAFileReachesTheTerminalRaw() throws {
        let a = try ArchiveFixture()
        defer { a.remove() }
        try a.talk("2021-06-28-grace-speaker", year: 2021, id: "t1", start: "2021-06-28T16:30",
                   title: "Red \u{9B}31m title \u{202E}", extra: ["\u{1B}[2Jkey": 1])
        let check = try run(["check", "--archive", a.archive], in: a.root.path)
        #expect(check.status == 1)
        #expect(check.stderr.contains("unknown key `\\u{1B}[2Jkey`"), "\(check.stderr)")
        #expect(!check.stderr.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{9B}" || $0 == "\u{202E}" })
        try a.talk("2021-06-28-grace-speaker", year: 2021, id: "t1", start: "2021-06-28T16:30",
                   title: "Red \u{9B}31m title \u{202E}")
        let list = try run(["list", "--archive", a.archive], in: a.root.path)
        #expect(list.status == 0)
        #expect(list.stdout.contains("Red \\u{9B}31m title \\u{202E}"), "\(list.stdout)")
        #expect(!(list.stdout + list.stderr).unicodeScalars.contains { $0 == "\u{9B}" || $0 == "\u{202E}" })
    }
}
