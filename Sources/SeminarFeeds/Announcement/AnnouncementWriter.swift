import LaTeX
import SeminarArchive

/// What an announcement says about its talk, and which status the talk must have for it.
public enum AnnouncementKind: String, Sendable, Equatable, CaseIterable {
    /// The talk, a week ahead, say.
    case announcement
    /// The same talk again, on the day.
    case reminder
    /// The talk at its new date, time or place.
    case reschedule
    case cancellation
    case postponement

    /// The status the talk must have for this kind of announcement.
    public var requiredStatus: TalkStatus {
        switch self {
        case .announcement, .reminder, .reschedule: return .scheduled
        case .cancellation: return .cancelled
        case .postponement: return .postponed
        }
    }

    /// The kind that fits a talk of `status` when none is asked for.
    public static func `default`(for status: TalkStatus) -> AnnouncementKind {
        switch status {
        case .scheduled: return .announcement
        case .cancelled: return .cancellation
        case .postponed: return .postponement
        }
    }

    /// Whether the message follows up an earlier announcement of the talk, in its thread.
    var followsUp: Bool { self != .announcement }

    /// What the subject says before the talk.
    var subjectPrefix: String {
        switch self {
        case .announcement: return ""
        case .reminder: return "Reminder: "
        case .reschedule: return "Rescheduled: "
        case .cancellation: return "Cancelled: "
        case .postponement: return "Postponed: "
        }
    }

    /// The body's first paragraph; the talk's own status note follows for a talk that will
    /// not happen (see `TalkPresentation.statusNote`).
    var opening: String? {
        switch self {
        case .announcement, .cancellation, .postponement: return nil
        case .reminder: return "A reminder of the talk below."
        case .reschedule: return "This talk has been rescheduled: the date, time and place below are the new ones."
        }
    }
}

/// Everything an announcement needs besides its talk.
public struct AnnouncementOptions: Sendable {
    public var kind: AnnouncementKind
    public var from: MailAddress
    public var to: [MailAddress]
    /// The `Date` header: the talk's `updated` stamp, unless the command says otherwise.
    public var date: Instant
    /// The calendar part is the seminar's calendar reduced to the one talk.
    public var calendar: ICalendarOptions

    public init(kind: AnnouncementKind, from: MailAddress, to: [MailAddress], date: Instant, calendar: ICalendarOptions) {
        self.kind = kind
        self.from = from
        self.to = to
        self.date = date
        self.calendar = calendar
    }
}

/// A talk's announcement as one Internet message (RFC 5322, MIME):
///
///     multipart/mixed
///       multipart/alternative
///         text/plain; charset=utf-8   (quoted-printable: the plain-text summary, wrapped)
///         text/html; charset=utf-8    (quoted-printable: the feeds' HTML content block)
///       text/calendar; method=PUBLISH (base64: the calendar writer given the one talk)
///
/// Pure, like the feed writers: the same talk, context and options give the same bytes.
/// The boundaries are fixed: they begin with `=_`, which neither quoted-printable nor
/// base64 can produce, so no body can hold one.
public enum AnnouncementWriter {
    static let mixedBoundary = "=_seminar-mixed"
    static let alternativeBoundary = "=_seminar-alternative"
    /// Width the plain text is wrapped at, leaving room for quoting in replies.
    static let textWidth = 72
    /// How many earlier announcements `References` names at most: the first, then the latest.
    static let referencesLimit = 10

    public static func write(talk: Talk, context: FeedContext, options: AnnouncementOptions) throws(FeedWriterError) -> [UInt8] {
        let seminar = context.seminar
        let presentation = context.presentation(of: talk)
        let calendar = ICalendarWriter.write(talks: [talk], context: context, options: options.calendar)
        let thread = AnnouncementThread(talk: talk, seminar: seminar, kind: options.kind)

        var headers = ""
        headers += MIMEEncoding.field("From", options.from.fieldWords)
        let recipients = options.to.enumerated().flatMap { i, address in
            var words = address.fieldWords
            if i < options.to.count - 1 { words[words.count - 1] += "," }
            return words
        }
        headers += MIMEEncoding.field("To", recipients)
        headers += MIMEEncoding.field("Subject", MIMEEncoding.unstructuredWords(subject(presentation, context: context, options: options)))
        headers += MIMEEncoding.field("Date", options.date.rfc5322.split(separator: " ").map(String.init))
        headers += MIMEEncoding.field("Message-ID", [thread.messageID])
        if let parent = thread.inReplyTo {
            headers += MIMEEncoding.field("In-Reply-To", [parent])
            headers += MIMEEncoding.field("References", thread.references)
        }
        headers += MIMEEncoding.field("MIME-Version", ["1.0"])
        headers += MIMEEncoding.field("Content-Type", ["multipart/mixed;", "boundary=\"" + mixedBoundary + "\""])

        let crlf = MIMEEncoding.lineEnd
        var message = headers + crlf
        message += "--" + mixedBoundary + crlf
        message += MIMEEncoding.field("Content-Type", ["multipart/alternative;", "boundary=\"" + alternativeBoundary + "\""]) + crlf
        message += "--" + alternativeBoundary + crlf
        message += MIMEEncoding.field("Content-Type", ["text/plain;", "charset=utf-8"])
        message += MIMEEncoding.field("Content-Transfer-Encoding", ["quoted-printable"]) + crlf
        message += MIMEEncoding.quotedPrintable(plainText(presentation, seminar: seminar, kind: options.kind))
        message += "--" + alternativeBoundary + crlf
        message += MIMEEncoding.field("Content-Type", ["text/html;", "charset=utf-8"])
        message += MIMEEncoding.field("Content-Transfer-Encoding", ["quoted-printable"]) + crlf
        message += MIMEEncoding.quotedPrintable(try html(presentation, seminar: seminar, kind: options.kind) + "\n")
        message += "--" + alternativeBoundary + "--" + crlf
        message += crlf + "--" + mixedBoundary + crlf
        message += MIMEEncoding.field("Content-Type", ["text/calendar;", "charset=utf-8;", "method=PUBLISH;", "name=\"talk.ics\""])
        message += MIMEEncoding.field("Content-Disposition", ["attachment;", "filename=\"talk.ics\""])
        message += MIMEEncoding.field("Content-Transfer-Encoding", ["base64"]) + crlf
        message += MIMEEncoding.base64(calendar)
        message += "--" + mixedBoundary + "--" + crlf
        return Array(message.utf8)
    }

    // MARK: Subject

    /// The message's subject, as text (its header field encodes it).
    public static func subject(of talk: Talk, context: FeedContext, options: AnnouncementOptions) -> String {
        subject(context.presentation(of: talk), context: context, options: options)
    }

    /// `[Seminar] Rescheduled: Speaker: Title (Mon 28 June, 16:30 CEST)`, all plain text;
    /// the year is added when it is not the year of the message's date.
    static func subject(_ presentation: TalkPresentation, context: FeedContext, options: AnnouncementOptions) -> String {
        let talk = presentation.talk
        var s = "[" + context.seminar.title + "] " + options.kind.subjectPrefix
        if !talk.speakers.isEmpty { s += talk.speakerNames + ": " }
        s += presentation.plainTitle
        if let start = presentation.start, let zone = context.zones[talk.timeZone] {
            let (local, type) = zone.localDateTime(at: start)
            var day = CalendarNames.shortWeekdays[local.weekday] + " " + String(local.day) + " " + CalendarNames.months[local.month - 1]
            if local.year != options.date.utcDateTime.year { day += " " + String(local.year) }
            s += " (" + day + ", " + twoDigits(local.hour) + ":" + twoDigits(local.minute) + " " + type.abbreviation + ")"
        }
        return s
    }

    // MARK: Bodies

    /// The opening, the talk's title, its plain-text summary (status, when, where,
    /// speakers, abstract with its math as Unicode), its links, where to read more, and
    /// the seminar's footer after the signature separator; wrapped for mail.
    static func plainText(_ presentation: TalkPresentation, seminar: Seminar, kind: AnnouncementKind) -> String {
        var paragraphs: [String] = []
        if let opening = kind.opening { paragraphs.append(opening) }
        paragraphs.append(presentation.title)
        paragraphs.append(presentation.summary)
        let talk = presentation.talk
        if !talk.links.isEmpty {
            paragraphs.append((["Links:"] + talk.links.map { "- " + $0.title + ": " + $0.url }).joined(separator: "\n"))
        }
        paragraphs.append("More on the seminar: " + seminar.homePage)
        var text = wrapped(paragraphs.joined(separator: "\n\n"), width: textWidth) + "\n"
        if let footer = seminar.announceFooter {
            // "-- " alone on its line: mail clients leave what follows out of replies.
            text += "\n-- \n" + wrapped(footer, width: textWidth) + "\n"
        }
        return text
    }

    /// The opening and the title, then the very HTML content block of the feeds' entry
    /// for the talk, then where to read more and the footer.
    static func html(_ presentation: TalkPresentation, seminar: Seminar, kind: AnnouncementKind) throws(FeedWriterError) -> String {
        var head: [HTMLNode] = []
        if let opening = kind.opening { head.append(paragraph([.text(opening)])) }
        head.append(paragraph([element("strong", [.text(presentation.title)])]))
        var tail: [HTMLNode] = [paragraph([
            .text("More on the seminar: "),
            .element("a", attributes: [HTMLAttribute(name: "href", value: seminar.homePage)], children: [.text(seminar.homePage)]),
        ])]
        if let footer = seminar.announceFooter {
            let lines = footer.split(separator: "\n", omittingEmptySubsequences: false).map { HTMLNode.text(String($0)) }
            var children: [HTMLNode] = []
            for (i, line) in lines.enumerated() {
                if i > 0 { children.append(.element("br", attributes: [], children: [])) }
                children.append(line)
            }
            tail.append(.element("hr", attributes: [], children: []))
            tail.append(paragraph(children))
        }
        return try XMLWriter.html(head) + presentation.contentHTML() + XMLWriter.html(tail)
    }

    private static func paragraph(_ children: [HTMLNode]) -> HTMLNode { element("p", children) }
    private static func element(_ name: String, _ children: [HTMLNode]) -> HTMLNode {
        .element(name, attributes: [], children: children)
    }

    /// Each line of `text` broken at spaces into lines of at most `width` characters; a
    /// word longer than that (a link) stays whole on its own line.
    static func wrapped(_ text: String, width: Int) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var lines: [String] = []
            var current = ""
            for word in line.split(separator: " ") {
                if current.isEmpty {
                    current = String(word)
                } else if current.count + 1 + word.count <= width {
                    current += " " + word
                } else {
                    lines.append(current)
                    current = String(word)
                }
            }
            lines.append(current)
            return lines.joined(separator: "\n")
        }.joined(separator: "\n")
    }
}

/// The message ids of a talk's announcements, and how they thread.
///
/// An announcement is the talk as it stands at one `sequence`, so its id is made of the
/// talk's id and that sequence: sending it again gives the same id (a list or a mail
/// client drops the duplicate), and a talk that changed gets a new one. Announcement,
/// reschedule, cancellation and postponement share the id of their sequence (each is
/// "the talk as it now stands"); a reminder has its own. A follow-up answers the
/// announcement of the sequence before its own (for a reminder, of its own sequence),
/// which needs no record of what was sent: ids are computed, not stored.
struct AnnouncementThread {
    let talk: Talk
    let seminar: Seminar
    let kind: AnnouncementKind

    var messageID: String { id(sequence: talk.sequence, reminder: kind == .reminder) }

    /// The sequence of the announcement this one follows up, if any.
    var parentSequence: Int? {
        guard kind.followsUp else { return nil }
        if kind == .reminder { return talk.sequence }
        return talk.sequence > 0 ? talk.sequence - 1 : nil
    }

    var inReplyTo: String? { parentSequence.map { id(sequence: $0, reminder: false) } }

    /// The first announcement and the latest ones up to the parent (RFC 5322 3.6.4 lets
    /// a long list be trimmed; the first and the parent are the ones clients need).
    var references: [String] {
        guard let parent = parentSequence else { return [] }
        let latest = max(1, parent - AnnouncementWriter.referencesLimit + 2)...max(1, parent)
        return ([0] + (parent > 0 ? Array(latest) : [])).map { id(sequence: $0, reminder: false) }
    }

    /// `<s3.TALK-ID.tnn-internal-seminar.talk@epfl.ch>`: the talk's id and sequence, then
    /// the id prefix's specific part and its authority (RFC 4151), so that two seminars
    /// of one domain never share an id. Every piece holds atom characters only (RFC 5322
    /// 3.6.4): a `.` of the talk's id is written `=2E`, other characters become `.`.
    func id(sequence: Int, reminder: Bool) -> String {
        let (authority, specific) = Self.tagParts(seminar.idPrefix)
        let talkID = talk.id.replacingOccurrences(of: ".", with: "=2E")
        let pieces = (reminder ? ["reminder"] : []) + ["s" + String(sequence), talkID] + Self.atoms(specific)
        return "<" + pieces.joined(separator: ".") + "@" + authority + ">"
    }

    /// `tag:epfl.ch,2021:seminar/talk/` → (`epfl.ch`, `seminar/talk/`); an authority that
    /// is an e-mail address gives its domain.
    static func tagParts(_ prefix: String) -> (authority: String, specific: String) {
        let rest = prefix.hasPrefix("tag:") ? prefix.dropFirst(4) : Substring(prefix)
        let comma = rest.firstIndex(of: ",") ?? rest.endIndex
        let authority = rest[..<comma].split(separator: "@").last.map(String.init) ?? "localhost"
        let colon = rest.firstIndex(of: ":").map(rest.index(after:)) ?? rest.endIndex
        return (authority, String(rest[colon...]))
    }

    /// The runs of letters, digits and `-` of `text`.
    static func atoms(_ text: String) -> [String] {
        text.split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-")) }).map(String.init)
    }
}
