import LaTeX
import SeminarArchive

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
        var head = HTMLFragment()
        if let opening = kind.opening { head.element("p", text: opening) }
        head.element("p") { $0.element("strong", text: presentation.title) }
        var tail = HTMLFragment()
        tail.element("p") {
            $0.appendText("More on the seminar: ")
            $0.textOrLink(seminar.homePage, url: seminar.homePage)
        }
        if let footer = seminar.announceFooter {
            tail.element("hr") { _ in }
            tail.element("p") {
                for (i, line) in footer.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    if i > 0 { $0.element("br") { _ in } }
                    $0.appendText(String(line))
                }
            }
        }
        return try XMLWriter.html(head) + presentation.contentHTML() + XMLWriter.html(tail)
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
