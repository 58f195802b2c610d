import FeedTestSupport
import Foundation
import SeminarArchive
@testable import SeminarFeeds
import Testing
@testable import SeminarPublisher

/// `seminar announce` as a user runs it, its messages read back by Python's `email`
/// package (policy.default) and `icalendar`, and `--send` through a fake sendmail.
@Suite struct AnnounceTests {
    let cli = CommandLineTests()

    func announce(_ arguments: [String], in folder: String, prefix: [String] = []) throws -> (run: CommandLineTests.Run, bytes: [UInt8]) {
        let file = folder + "/message-" + UUID().uuidString + ".eml"
        let run = try cli.run(["announce"] + arguments + ["--output", file], in: folder, prefix: prefix)
        let bytes = FileManager.default.contents(atPath: file).map { [UInt8]($0) } ?? []
        try? FileManager.default.removeItem(atPath: file)
        return (run, bytes)
    }

    static func text(_ dump: [String: Any], _ type: String) -> String? {
        (dump["parts"] as? [[String: Any]])?.first { $0["type"] as? String == type }?["content"] as? String
    }

    static func headers(_ dump: [String: Any]) -> [String: Any] { dump["headers"] as? [String: Any] ?? [:] }

    /// Words of `text` separated by single spaces: the text part is wrapped for mail.
    static func words(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Announcing checks the archive as a build does, frozen years included, against the
    /// folder the documents are published into: `--feeds`, as for `build` and `check`.
    @Test func theCheckLooksAtTheFeedsFolderItIsGiven() throws {
        let a = try ArchiveFixture()
        defer { a.remove() }
        try a.talk("2019-05-06-ada-one", year: 2019, id: "a1", start: "2019-05-06T16:30", speaker: "Ada One")
        try a.talk("2031-06-02-cy-one", year: 2031, id: "c1", start: "2031-06-02T16:30", speaker: "Cy One")
        _ = try Publisher(archiveRoot: a.archive, feedsRoot: a.feeds).snapshot(year: 2019, now: Instant(rfc3339: "2022-03-01T12:00:00Z")!)
        // The working folder has a `feeds/` of its own, with a year published that this
        // archive never froze.
        let folder = try cli.emptyFolder("announce-feeds")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/feeds/archive/2018", withIntermediateDirectories: true)
        let (run, bytes) = try announce(["c1", "--archive", a.archive, "--feeds", a.feeds, "--to", "list@example.org"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(String(decoding: bytes, as: UTF8.self).contains("Cy One"))
        // Without it, the folder is `feeds` of the working folder, as for every command.
        let (elsewhere, _) = try announce(["c1", "--archive", a.archive, "--to", "list@example.org"], in: folder)
        #expect(elsewhere.status != 0)
        #expect(elsewhere.stderr.contains("frozen-year-record-missing"), "\(elsewhere.stderr)")
    }

    /// Every dated talk of the shipped archive: the message parses without a defect, its
    /// text part holds the abstract's Unicode rendering, its HTML part the feeds' HTML, and
    /// its event is the talk's event in the shipped calendar.ics, byte for byte.
    @Test func everyTalkOfTheShippedArchive() throws {
        let archive = ArchiveFixture.packageRoot.appendingPathComponent("archive").path
        let calendar = ArchiveFixture.packageRoot.appendingPathComponent("feeds/calendar.ics").path
        let checked = Publisher(archiveRoot: archive).check()
        let seminar = try #require(checked.seminar)
        let context = FeedContext(seminar: seminar, zones: checked.zones)
        let folder = try cli.emptyFolder("announce-shipped")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let dated = checked.talks.map(\.talk).filter { !$0.isToBeDefined }
        #expect(dated.count >= 4)
        var sawMath = false
        for talk in dated {
            let (run, bytes) = try announce([talk.id, "--archive", archive, "--force", "--to", "tnn@epfl.ch"], in: folder)
            #expect(run.status == 0, "\(talk.id): \(run.stderr)")
            let dump = try MailParser.parse(bytes, calendar: calendar)
            #expect((dump["defects"] as? [String]) == [], "\(talk.id)")
            #expect(dump["raw_ascii"] as? Bool == true)
            #expect(dump["bare_line_feeds"] as? Int == 0)
            #expect((dump["longest_line"] as? Int ?? 999) <= 78)
            let shown = context.presentation(of: PrivacyFilter.publicView(of: talk, seminar: seminar))
            let plain = try #require(Self.text(dump, "text/plain"))
            #expect(Self.words(plain).contains(Self.words(shown.plainAbstract)), "\(talk.id)")
            if talk.abstract.contains("$") {
                sawMath = true
                #expect(!plain.contains("$"), "\(talk.id): LaTeX left in the text part")
            }
            #expect(try Self.text(dump, "text/html")?.contains(shown.contentHTML()) == true, "\(talk.id)")
            let event = try #require(dump["event"] as? [String: Any])
            #expect(event["method"] as? String == "PUBLISH")
            #expect(event["uid"] as? String == seminar.entryID(of: talk))
            #expect(event["sequence"] as? Int == talk.sequence)
            #expect(event["organizer"] as? String == "mailto:" + (seminar.contact.email ?? ""))
            #expect(event["matches_calendar"] as? Bool == true, "\(talk.id)")
            #expect((Self.headers(dump)["To-addresses"] as? [String]) == ["tnn@epfl.ch"])
        }
        #expect(sawMath, "the shipped archive has an abstract with math")
    }

    /// A fixture with a talk whose names, title and math are not ASCII, a list address and
    /// a footer in seminar.json, and a private meeting link.
    func fixture() throws -> ArchiveFixture {
        let a = try ArchiveFixture(seminar: [
            "announceTo": "seminar-list@example.org",
            "announceFooter": "To unsubscribe, write to seminar-list-leave@example.org.",
            "contact": ["name": "Zoë Organiser", "email": "zoe@example.org"],
        ])
        try a.talk("2030-03-04-jose-nunez", year: 2030, id: "t.1", start: "2030-03-04T16:30",
                   title: "Lévy flights and $\\alpha$-stable laws", speaker: "José Núñez",
                   abstract: "We show $\\sum_{i=1}^n x_i^2 \\ge 0$ for every $\\alpha \\in (0, 2]$.",
                   updated: "2030-02-20T09:00:00Z",
                   extra: ["meeting": "https://zoom.example.org/j/1", "privateMeeting": true])
        return a
    }

    @Test func headersEncodedAndPartsReadBack() throws {
        let a = try fixture()
        defer { a.remove() }
        let (run, bytes) = try announce(["t.1", "--now", "2030-03-01T00:00:00Z"], in: a.root.path)
        #expect(run.status == 0, "\(run.stderr)")
        let dump = try MailParser.parse(bytes)
        #expect((dump["defects"] as? [String]) == [])
        #expect(dump["raw_ascii"] as? Bool == true)
        #expect((dump["longest_header_line"] as? Int ?? 999) <= 78)
        let h = Self.headers(dump)
        #expect(h["Subject"] as? String == "[Test Seminar] José Núñez: Lévy flights and α-stable laws (Mon 4 March, 16:30 CET)")
        #expect(h["From"] as? String == "Zoë Organiser <zoe@example.org>")
        #expect((h["To-addresses"] as? [String]) == ["seminar-list@example.org"])
        #expect(h["Date"] as? String == "Wed, 20 Feb 2030 09:00:00 +0000")
        #expect(h["Message-ID"] as? String == "<s0.t=2E1.test@example.org>")
        #expect(h["In-Reply-To"] == nil)
        let plain = try #require(Self.text(dump, "text/plain"))
        #expect(plain.contains("∑"))
        #expect(plain.contains("α ∈ (0, 2]"))
        #expect(plain.contains("link sent on request"))
        #expect(!plain.contains("zoom.example.org"))
        #expect(plain.contains("\n-- \nTo unsubscribe, write to seminar-list-leave@example.org."))
        let html = try #require(Self.text(dump, "text/html"))
        #expect(html.contains("To unsubscribe") && !html.contains("zoom.example.org"))
        let types = (dump["parts"] as? [[String: Any]])?.map { $0["type"] as? String ?? "" }
        #expect(types == ["multipart/mixed", "multipart/alternative", "text/plain", "text/html", "text/calendar"])

        // --private puts the link in, for a list of members; the calendar event too.
        // (And --to, repeated, replaces announceTo.)
        let (open, openBytes) = try announce(["t.1", "--private", "--now", "2030-03-01T00:00:00Z",
                                              "--to", "Ann Öberg, PhD <ann@example.org>", "--to", "bob@example.org"], in: a.root.path)
        #expect(open.status == 0, "\(open.stderr)")
        let openDump = try MailParser.parse(openBytes)
        #expect((openDump["defects"] as? [String]) == [])
        #expect((Self.headers(openDump)["To-addresses"] as? [String]) == ["ann@example.org", "bob@example.org"])
        #expect(Self.headers(openDump)["Date"] as? String == "Wed, 20 Feb 2030 09:00:00 +0000")
        let dated = try MailParser.parse(try announce(["t.1", "--date", "now", "--now", "2030-03-01T07:05:09Z"], in: a.root.path).bytes)
        #expect(Self.headers(dated)["Date"] as? String == "Fri, 01 Mar 2030 07:05:09 +0000")
        #expect(Self.headers(openDump)["To"] as? String == "\"Ann Öberg, PhD\" <ann@example.org>, bob@example.org")
        #expect(Self.text(openDump, "text/plain")?.contains("https://zoom.example.org/j/1") == true)
        #expect(Self.text(openDump, "text/calendar")?.contains("https://zoom.example.org/j/1") == true)
    }

    /// The same talk and options give the same bytes, whatever the zone, locale or clock.
    @Test func deterministic() throws {
        let a = try fixture()
        defer { a.remove() }
        let first = try announce(["t.1", "--force"], in: a.root.path)
        let second = try announce(["t.1", "--force"], in: a.root.path, prefix: ["env", "TZ=Pacific/Kiritimati", "LC_ALL=de_DE.UTF-8"])
        let third = try announce(["t.1", "--force"], in: a.root.path, prefix: ["faketime", "2031-12-31 12:00:00"])
        #expect(first.run.status == 0 && !first.bytes.isEmpty, "\(first.run.stderr)")
        #expect(first.bytes == second.bytes)
        #expect(first.bytes == third.bytes)
        // Standard output carries the same message.
        let printed = try cli.run(["announce", "t.1", "--force"], in: a.root.path)
        #expect(Array(printed.stdout.utf8) == first.bytes)
    }

    /// An announcement, then the talk is cancelled: the cancellation says so, and answers
    /// the announcement it cancels; asked for as a plain announcement, it is refused.
    @Test func cancellationThreadsUnderTheAnnouncement() throws {
        let a = try fixture()
        defer { a.remove() }
        let now = ["--now", "2030-03-01T00:00:00Z"]
        let first = try MailParser.parse(try announce(["t.1"] + now, in: a.root.path).bytes)
        let announced = try #require(Self.headers(first)["Message-ID"] as? String)
        let again = try MailParser.parse(try announce(["t.1"] + now, in: a.root.path).bytes)
        #expect(Self.headers(again)["Message-ID"] as? String == announced)

        let edited = try cli.run(["edit", "t.1", "--status", "cancelled", "--now", "2030-03-02T10:00:00Z"], in: a.root.path)
        #expect(edited.status == 0, "\(edited.stderr)")
        let (run, bytes) = try announce(["t.1"] + now, in: a.root.path)
        #expect(run.status == 0, "\(run.stderr)")
        let cancellation = try MailParser.parse(bytes)
        #expect((cancellation["defects"] as? [String]) == [])
        let h = Self.headers(cancellation)
        #expect(h["In-Reply-To"] as? String == announced)
        #expect(h["References"] as? String == announced)
        #expect(h["Message-ID"] as? String != announced)
        #expect((h["Subject"] as? String)?.hasPrefix("[Test Seminar] Cancelled: José Núñez") == true)
        #expect(h["Date"] as? String == "Sat, 02 Mar 2030 10:00:00 +0000")
        #expect(Self.text(cancellation, "text/plain")?.contains("This talk is cancelled.") == true)
        let event = try #require(cancellation["event"] as? [String: Any])
        #expect(event["status"] as? String == "CANCELLED")
        #expect(event["sequence"] as? Int == 1)

        // A later change answers the cancellation, and names the whole thread.
        let cancelled = try #require(h["Message-ID"] as? String)
        let postponed = try cli.run(["edit", "t.1", "--status", "postponed", "--now", "2030-03-02T11:00:00Z"], in: a.root.path)
        #expect(postponed.status == 0, "\(postponed.stderr)")
        let postponement = Self.headers(try MailParser.parse(try announce(["t.1"] + now, in: a.root.path).bytes))
        #expect(postponement["In-Reply-To"] as? String == cancelled)
        #expect(postponement["References"] as? String == announced + " " + cancelled)
        #expect((postponement["Subject"] as? String)?.hasPrefix("[Test Seminar] Postponed: ") == true)

        let wrongKind = try announce(["t.1", "--as", "announcement"] + now, in: a.root.path)
        #expect(wrongKind.run.status == 1)
        #expect(wrongKind.run.stderr.contains("is postponed, but announcement is for a scheduled talk (--as postponement fits it)"))
        #expect(wrongKind.bytes.isEmpty)
    }

    /// A fake sendmail that records its arguments and what it read.
    func fakeSendmail(in folder: String, exitStatus: Int = 0) throws -> String {
        let path = folder + "/sendmail"
        let script = "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"\(folder)/sendmail.args\"\ncat > \"\(folder)/sendmail.stdin\"\nexit \(exitStatus)\n"
        try Data(script.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    @Test func sendHandsTheMessageToSendmail() throws {
        let a = try fixture()
        defer { a.remove() }
        let folder = a.root.path
        let sendmail = try fakeSendmail(in: folder)
        let now = ["--now", "2030-03-01T00:00:00Z"]
        let written = try announce(["t.1", "--as", "reminder"] + now, in: folder)
        let sent = try cli.run(["announce", "t.1", "--as", "reminder", "--send", "--sendmail", sendmail] + now, in: folder)
        #expect(sent.status == 0, "\(sent.stderr)")
        #expect(sent.stdout.isEmpty)
        #expect(try String(contentsOfFile: folder + "/sendmail.args", encoding: .utf8) == "-t\n-oi\n")
        // The same message, its lines ended the local way.
        let handed = try #require(FileManager.default.contents(atPath: folder + "/sendmail.stdin"))
        let crlf = String(decoding: written.bytes, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        #expect(String(decoding: handed, as: UTF8.self) == crlf)
        let reminder = Self.headers(try MailParser.parse(written.bytes))
        #expect((reminder["Subject"] as? String)?.hasPrefix("[Test Seminar] Reminder: ") == true)
        #expect(reminder["In-Reply-To"] as? String == "<s0.t=2E1.test@example.org>")
        #expect(reminder["Message-ID"] as? String == "<reminder.s0.t=2E1.test@example.org>")

        // A dry run shows recipients and subject, and sends nothing.
        try FileManager.default.removeItem(atPath: folder + "/sendmail.stdin")
        let dry = try cli.run(["announce", "t.1", "--send", "--sendmail", sendmail, "--dry-run", "--to", "Ann <ann@example.org>"] + now, in: folder)
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout == "To: Ann <ann@example.org>\nSubject: [Test Seminar] José Núñez: Lévy flights and α-stable laws (Mon 4 March, 16:30 CET)\n")
        #expect(!FileManager.default.fileExists(atPath: folder + "/sendmail.stdin"))

        // A missing program, and one that refuses the message, fail clearly.
        let missing = try cli.run(["announce", "t.1", "--send", "--sendmail", folder + "/no-such-sendmail"] + now, in: folder)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no mail program at \(folder)/no-such-sendmail"))
        let refusing = try fakeSendmail(in: folder, exitStatus: 75)
        let refused = try cli.run(["announce", "t.1", "--send", "--sendmail", refusing] + now, in: folder)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("refused the message (exit status 75)"))
    }

    /// Nothing is sent for an archive with errors, a talk without a date, a talk already
    /// begun (unless --force) or a reschedule of a talk that never changed.
    @Test func refusalsBeforeSending() throws {
        let a = try fixture()
        defer { a.remove() }
        let folder = a.root.path
        let sendmail = try fakeSendmail(in: folder)
        try a.talk("tbd-someone", year: 2030, id: "tbd", start: nil)
        func refused(_ arguments: [String], _ message: String) throws {
            let run = try cli.run(["announce"] + arguments + ["--send", "--sendmail", sendmail], in: folder)
            #expect(run.status == 1, "\(arguments)")
            #expect(run.stderr.contains(message), "\(run.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder + "/sendmail.stdin"))
        }
        try refused(["tbd", "--now", "2030-03-01T00:00:00Z"], "has no date yet")
        try refused(["t.1", "--now", "2030-03-04T16:30:00Z"], "in the past; --force announces it")
        try refused(["t.1", "--as", "reschedule", "--now", "2030-03-01T00:00:00Z"], "no earlier announcement to reschedule")
        let bad = try a.talk("2030-03-11-bad", year: 2030, id: "bad", start: "2030-03-11T16:30", abstract: "An \\unknowncommand here.")
        try refused(["t.1", "--now", "2030-03-01T00:00:00Z"], "the archive has errors")
        let run = try cli.run(["announce", "t.1", "--now", "2030-03-01T00:00:00Z"], in: folder)
        #expect(run.stderr.contains("archive/2030/2030-03-11-bad.json:"), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        try FileManager.default.removeItem(atPath: bad)
    }

    /// `announceTo` and `announceFooter` are checked like every key of seminar.json.
    @Test func seminarKeysChecked() throws {
        let a = try ArchiveFixture(seminar: ["announceTo": "not an address", "announceFooter": "  "])
        defer { a.remove() }
        let run = try cli.run(["check"], in: a.root.path)
        #expect(run.status == 1)
        #expect(run.stderr.contains("archive/seminar.json:") && run.stderr.contains("`announceTo` is not an email address"))
        #expect(run.stderr.contains("`announceFooter` must not be empty"))
    }
}
