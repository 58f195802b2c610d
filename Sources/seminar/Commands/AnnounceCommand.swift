import ArgumentParser
import Foundation
import SeminarArchive
import SeminarPublisher

struct AnnounceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "announce",
        abstract: "Write a talk's announcement as an e-mail, or send it.",
        discussion: """
            Writes one complete Internet message (RFC 5322, MIME) to standard output: a plain-text part (the abstract's math as Unicode), an HTML part (the feeds' rendering of the talk) and the talk's calendar event (text/calendar; method=PUBLISH, the same UID and SEQUENCE as calendar.ics). TALK is named as `seminar edit` names it. The archive is checked first, as `seminar build` checks it: any error stops the command, as does a talk without a date, one whose status the kind of announcement does not fit, or one that has already begun (unless --force); nothing is then written or sent.

            From is the seminar's contact (or --from), To is `announceTo` of seminar.json (or --to). Date is the talk's `updated` stamp (or --date now), and the Message-ID is made of the talk's id and sequence, so that the same announcement sent twice has the same id. A reschedule, cancellation, postponement or reminder answers the earlier announcement (In-Reply-To), so that mail clients thread them. A private meeting link reads "link sent on request" unless --private. Examples:
              seminar announce 2021-06-28-scott-pesme --output announcement.eml
              seminar announce 0e9d8c7b --as reminder --send
              seminar announce 2021-06-07-ido-nachum --as cancellation --send
            """
    )

    @OptionGroup var locations: LocationOptions

    @Argument(help: "The talk: its id, its file, or a unique beginning of its id or file name.")
    var talk: String

    @Option(name: .customLong("as"),
            help: ArgumentHelp("announcement, reminder, reschedule (scheduled talks), cancellation (a cancelled talk) or postponement (a postponed one); by default the one the talk's status calls for.", valueName: "kind"))
    var kind: AnnouncementKind?

    @Option(help: ArgumentHelp("The sender, `address` or `Name <address>` (default: the seminar's contact).", valueName: "address"))
    var from: String?

    @Option(help: ArgumentHelp("A recipient, `address` or `Name <address>`; may be repeated (default: announceTo of seminar.json).", valueName: "address"))
    var to: [String] = []

    @Option(help: ArgumentHelp("updated (the talk's last change, the default: the same talk gives the same message) or now.", valueName: "when"))
    var date: MessageDate = .updated

    @Flag(help: "Put a private meeting link in the message (for a list of members).")
    var `private` = false

    @Flag(help: "Announce a talk that has already started.")
    var force = false

    @Option(help: ArgumentHelp("Write the message to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Flag(help: "Hand the message to the mail transfer agent, as `sendmail -t -oi`.")
    var send = false

    @Option(help: ArgumentHelp("The sendmail program --send runs.", valueName: "path"))
    var sendmail = "/usr/sbin/sendmail"

    @Flag(name: .customLong("dry-run"), help: "Show the recipients and the subject; write and send nothing.")
    var dryRun = false

    @OptionGroup var clock: ClockOption

    enum MessageDate: String, ExpressibleByArgument, CaseIterable {
        case updated, now
    }

    func validate() throws {
        if isBlank(talk) { throw ValidationError("name the talk: its id, its file, or a unique beginning of either") }
        if let from, MailAddress(parsing: from) == nil { throw ValidationError("--from takes `address` or `Name <address>`, got \(from)") }
        for address in to where MailAddress(parsing: address) == nil {
            throw ValidationError("--to takes `address` or `Name <address>`, got \(address)")
        }
        if send && output != nil { throw ValidationError("give --send or --output, not both") }
    }

    func run() throws {
        // Announcing is publishing: the archive must pass the check a build makes.
        let publisher = Publisher(archiveRoot: locations.archive, feedsRoot: locations.feeds)
        let checked = publisher.check()
        DiagnosticPrinter().print(checked.diagnostics)
        guard let seminar = checked.seminar, !checked.hasErrors else {
            throw CommandFailure("the archive has errors (above); fix them before announcing (nothing was sent)")
        }
        let target = try EditCommand.find(talk, talks: checked.talks, rejected: [], diagnostics: [])
        let kind = self.kind ?? .default(for: target.talk.status)
        try refuseUnfit(target.talk, kind: kind, zones: checked.zones)
        let (from, to) = (try sender(seminar), try recipients(seminar))
        if seminar.contact.email == nil {
            Console.note("warning: the seminar's contact has no email in seminar.json, so the calendar part names no ORGANIZER, which RFC 5546 requires with METHOD:PUBLISH; some calendar programs may not accept it")
        }
        let announcement: Announcement
        do {
            announcement = try publisher.announcement(
                of: target.talk, in: checked, kind: kind, from: from, to: to,
                date: date == .now ? clock.instant : target.talk.updated, privateLink: `private`)
        } catch {
            throw CommandFailure("cannot write the announcement of \(target.source.path): \(error)")
        }
        let message = announcement.message

        if dryRun {
            Console.data("To: " + announcement.recipients.map(\.display).joined(separator: ", "))
            Console.data("Subject: " + announcement.subject)
            Console.note("dry run: nothing written or sent")
        } else if send {
            try Sendmail(path: sendmail).send(message)
            Console.note("sent to " + announcement.recipients.map(\.address).joined(separator: ", ") + " by " + sendmail)
        } else if let output {
            try AtomicFile.write(message, to: output)
            Console.note("wrote \(output)")
        } else {
            FileHandle.standardOutput.write(Data(message))
        }
    }

    /// Refuses a talk this kind of announcement does not fit: no date, a status other than
    /// the one the kind needs, a reschedule of a talk never changed, a talk already begun.
    func refuseUnfit(_ talk: Talk, kind: AnnouncementKind, zones: [String: ZoneInfo]) throws {
        let name = "“\(talk.speakerNames) — \(talk.title)”"
        guard let start = talk.start, let zone = zones[talk.timeZone] else {
            throw CommandFailure("\(name) has no date yet; give it one (`seminar edit TALK --start …`) before announcing it")
        }
        guard talk.status == kind.requiredStatus else {
            throw CommandFailure("\(name) is \(talk.status.rawValue), but \(kind.rawValue) is for a \(kind.requiredStatus.rawValue) talk"
                                  + " (--as \(AnnouncementKind.default(for: talk.status).rawValue) fits it)")
        }
        if kind == .reschedule && talk.sequence == 0 {
            throw CommandFailure("\(name) has not changed since it was first announced (sequence 0): there is no earlier announcement to reschedule")
        }
        if !force && zone.instant(of: start) <= clock.instant {
            throw CommandFailure("\(name) began on \(start) (\(talk.timeZone)), in the past; --force announces it all the same")
        }
    }

    func sender(_ seminar: Seminar) throws -> MailAddress {
        if let from { return MailAddress(parsing: from)! }  // checked by validate()
        guard let email = seminar.contact.email else {
            throw CommandFailure("the seminar's contact has no email in seminar.json: give --from")
        }
        return MailAddress(name: seminar.contact.name, address: email)
    }

    func recipients(_ seminar: Seminar) throws -> [MailAddress] {
        if !to.isEmpty { return to.map { MailAddress(parsing: $0)! } }  // checked by validate()
        guard let list = seminar.announceTo else {
            throw CommandFailure("no recipient: give --to, or the list's address as `announceTo` in seminar.json")
        }
        return [MailAddress(address: list)]
    }
}

extension AnnouncementKind: ExpressibleByArgument {}

extension MailAddress {
    /// As a person reads it: `Name <address>` or `address`.
    var display: String { name.map { $0 + " <" + address + ">" } ?? address }
}

/// The local mail transfer agent, run as `sendmail -t -oi`: recipients from the message's
/// headers, and a line holding a single dot is not the end of the message.
struct Sendmail {
    var path: String

    func send(_ message: [UInt8]) throws {
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw CommandFailure("cannot send: no mail program at \(path) (--sendmail names another), nothing was sent")
        }
        // A program that exits without reading all of its input must not kill us.
        signal(SIGPIPE, SIG_IGN)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-t", "-oi"]
        let input = Pipe()
        process.standardInput = input
        do { try process.run() } catch {
            throw CommandFailure("cannot run \(path): \(error.localizedDescription); nothing was sent")
        }
        // sendmail reads lines ended the local way; it writes the CRLFs of the wire itself.
        var local: [UInt8] = []
        local.reserveCapacity(message.count)
        for (i, b) in message.enumerated() where !(b == 0x0D && i + 1 < message.count && message[i + 1] == 0x0A) {
            local.append(b)
        }
        let written = Result { try input.fileHandleForWriting.write(contentsOf: local) }
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let how = process.terminationReason == .exit ? "exit status \(process.terminationStatus)" : "signal \(process.terminationStatus)"
            throw CommandFailure("\(path) refused the message (\(how)); it may not have been sent")
        }
        if case let .failure(error) = written {
            throw CommandFailure("\(path) did not read the whole message (\(error.localizedDescription)); it may not have been sent")
        }
    }
}
