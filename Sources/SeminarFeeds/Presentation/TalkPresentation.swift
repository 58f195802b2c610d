import LaTeX
import SeminarArchive

/// What every document says about one talk, computed once so that the Atom and RSS
/// feeds, the calendar, the JSON Feed and the web page all say the same thing. Public
/// only as a value to hand back (`FeedContext.presentation(of:title:abstract:)`): a build
/// makes it from the parse its check already did.
///
/// A class: one presentation is shared by every document that shows the talk, and a build
/// holds one for each talk it publishes, in tables that a value this size (the talk
/// itself is part of it) would fill with inline copies (6.3 MB for the table of a
/// 10,000-talk build, and 3.8 MB more for the check's results while it filled it).
public final class TalkPresentation: Sendable, Equatable {
    let talk: Talk
    /// "Scott Pesme — Implicit Bias of SGD…", plain text, with "[Cancelled] " or
    /// "[Postponed] " in front when the talk will not happen as announced.
    let title: String
    /// The title alone, as plain text (LaTeX rendered).
    let plainTitle: String
    /// Start and end; nil while the date is to be defined.
    let start: Instant?
    let end: Instant?
    /// "Monday 28 June 2021, 16:30–17:30 CEST", or "Date to be defined".
    let when: String
    /// Plain-text summary: status, when, speakers, abstract.
    let summary: String
    /// Where the abstract starts in `summary`, in UTF-8 bytes: a build holds the
    /// presentation of every talk it publishes, and the summary already holds the abstract.
    private let abstractOffset: Int
    /// The abstract as plain Unicode text.
    var plainAbstract: String { String(Substring(summary.utf8.dropFirst(abstractOffset))) }
    /// The abstract as HTML, for the web page; kept as bytes, not as a tree of nodes, for
    /// the same reason.
    let compactAbstract: CompactHTML
    /// The abstract's formulas as MathML, one `math` element each in the order of the
    /// abstract's math elements, for the web page and the talk pages; bytes, as above.
    let compactMathML: CompactHTML
    /// The HTML content block (status, when, where, speakers, abstract, links), serialized
    /// by libxml2 once for every document that carries it. Only the text is kept: every
    /// document that carries the block takes it as text, and a build holds the
    /// presentation of every talk it publishes.
    private let serializedContent: Result<String, FeedWriterError>

    /// Whether the documents offer the talk's meeting link: not for a talk cancelled or
    /// postponed (see `MeetingOfTalksNotHappening`), whose place then reads "online".
    let offersMeeting: Bool

    /// The HTML content block as HTML text (Atom `content`, RSS `description`, JSON Feed
    /// `content_html`). Throws when a string holds a character XML forbids.
    func contentHTML() throws(FeedWriterError) -> String { try serializedContent.get() }

    convenience init(_ talk: Talk, context: FeedContext) {
        self.init(talk, context: context, title: LaTeXDocument(talk.title), abstract: LaTeXDocument(talk.abstract))
    }

    /// From the talk's title and abstract as already parsed (`title.tree.source` must be
    /// the talk's title, and the abstract's its abstract).
    init(_ talk: Talk, context: FeedContext, title titleDocument: LaTeXDocument, abstract document: LaTeXDocument) {
        self.talk = talk
        let seminar = context.seminar
        offersMeeting = context.offersMeeting(of: talk)
        plainTitle = titleDocument.plainText(rules: context.linearMath)
        title = Self.statusPrefix(talk.status) + (talk.speakers.isEmpty ? "" : talk.speakerNames + " — ") + plainTitle

        if let local = talk.start, let zone = context.zones[talk.timeZone] {
            let begin = zone.instant(of: local)
            let finish = Instant(secondsSince1970: begin.secondsSince1970 + Int64(talk.duration) * 60)
            start = begin
            end = finish
            when = Self.describe(from: begin, to: finish, in: zone)
        } else {
            start = nil
            end = nil
            when = "Date to be defined"
        }

        // One walk gives every rendering of the abstract, the page's MathML included,
        // whenever the feeds follow the current rules as the page always does.
        let plainAbstract: String, htmlAbstract: HTMLFragment
        if context.linearMath == .unambiguous {
            let mathML: HTMLFragment
            (plainAbstract, htmlAbstract, mathML) = document.renderingsWithMathML(linkingBareURLs: context.bareURLs == .linked)
            compactMathML = CompactHTML(mathML)
            // The page shows each math element as the formula the same walk made of it, so
            // the HTML within is never read: kept out, 4.5 MB of a 10,000-talk build.
            compactAbstract = CompactHTML(htmlAbstract, emptyingClasses: WebPageTalk.mathClassesUTF8)
        } else {
            (plainAbstract, htmlAbstract) = document.renderings(rules: context.linearMath, linkingBareURLs: context.bareURLs == .linked)
            compactMathML = CompactHTML(MathMLRenderer.fragment(document.tree))
            // The formulas are from another walk, which may group math otherwise: where a
            // math element has no formula left, the page shows its HTML.
            compactAbstract = CompactHTML(htmlAbstract)
        }

        var lines: [String] = []
        if let note = Self.statusNote(talk.status) { lines.append(note) }
        lines.append("When: " + when)
        if let place = Self.plainPlace(talk, seminar: seminar, offersMeeting: offersMeeting) { lines.append("Where: " + place) }
        lines.append("Speaker" + (talk.speakers.count > 1 ? "s" : "") + ": " + talk.speakers.map(Self.plainSpeaker).joined(separator: "; "))
        let head = lines.joined(separator: "\n") + "\n\n"
        abstractOffset = head.utf8.count
        summary = head + plainAbstract

        let contentHead = Self.contentHead(talk, when: when, seminar: seminar, offersMeeting: offersMeeting)
        let contentLinks = Self.contentLinks(talk)
        do throws(FeedWriterError) {
            serializedContent = .success(try XMLWriter.html(contentHead, htmlAbstract, contentLinks))
        } catch {
            serializedContent = .failure(error)
        }
    }

    /// Equal when they say the same: the same talk, and the same renderings of it (every
    /// stored property; a new one must join this list).
    public static func == (a: TalkPresentation, b: TalkPresentation) -> Bool {
        a === b || (a.talk == b.talk && a.title == b.title && a.plainTitle == b.plainTitle && a.start == b.start
            && a.end == b.end && a.when == b.when && a.summary == b.summary && a.abstractOffset == b.abstractOffset
            && a.compactAbstract == b.compactAbstract && a.compactMathML == b.compactMathML
            && a.serializedContent == b.serializedContent && a.offersMeeting == b.offersMeeting)
    }

    // MARK: Status

    static func statusPrefix(_ status: TalkStatus) -> String {
        switch status {
        case .scheduled: return ""
        case .cancelled: return "[Cancelled] "
        case .postponed: return "[Postponed] "
        }
    }

    static func statusNote(_ status: TalkStatus) -> String? {
        switch status {
        case .scheduled: return nil
        case .cancelled: return "This talk is cancelled."
        case .postponed: return "This talk is postponed; a new date will be announced."
        }
    }

    // MARK: Time

    /// "Monday 28 June 2021, 16:30–17:30 CEST" in the talk's own zone; when the end falls on
    /// another day or in another offset it is spelled out in full.
    static func describe(from start: Instant, to end: Instant, in zone: ZoneInfo) -> String {
        let (s, sType) = zone.localDateTime(at: start)
        let (e, eType) = zone.localDateTime(at: end)
        let day = CalendarNames.weekdays[s.weekday] + " " + String(s.day) + " " + CalendarNames.months[s.month - 1] + " " + String(s.year)
        let startTime = twoDigits(s.hour) + ":" + twoDigits(s.minute)
        let endTime = twoDigits(e.hour) + ":" + twoDigits(e.minute)
        if start == end { return day + ", " + startTime + " " + sType.abbreviation }
        if (e.year, e.month, e.day) == (s.year, s.month, s.day) && sType == eType {
            return day + ", " + startTime + "–" + endTime + " " + sType.abbreviation
        }
        let endDay = CalendarNames.weekdays[e.weekday] + " " + String(e.day) + " " + CalendarNames.months[e.month - 1] + " " + String(e.year)
        return day + ", " + startTime + " " + sType.abbreviation + " – " + endDay + ", " + endTime + " " + eType.abbreviation
    }

    // MARK: Place and people

    /// What a reader is told instead of a private meeting link.
    static func meetingOnRequest(_ seminar: Seminar) -> String {
        var s = "link sent on request"
        if let email = seminar.contact.email { s += " (" + seminar.contact.name + ", " + email + ")" }
        return s
    }

    static func plainPlace(_ talk: Talk, seminar: Seminar, offersMeeting: Bool = true) -> String? {
        var parts: [String] = []
        if let room = talk.location { parts.append(room) }
        if (talk.meeting != nil || talk.meetingIsPrivate) && !offersMeeting { parts.append("online") }
        else if let meeting = talk.meeting { parts.append("online, " + meeting) }
        else if talk.meetingIsPrivate { parts.append("online, " + meetingOnRequest(seminar)) }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    static func plainSpeaker(_ p: Person) -> String {
        p.name + (p.affiliation.map { " (" + $0 + ")" } ?? "")
    }

    // MARK: HTML content

    /// What the content block says before the abstract: status, when, where, speakers.
    static func contentHead(_ talk: Talk, when: String, seminar: Seminar, offersMeeting: Bool = true) -> HTMLFragment {
        var html = HTMLFragment()
        if let note = statusNote(talk.status) {
            html.element("p") { $0.element("strong", text: note) }
        }
        html.element("p") {
            $0.element("strong", text: "When:")
            $0.appendText(" " + when)
        }
        // Text, and the meeting link's text with its address.
        var place: [(text: String, url: String?)] = []
        if let room = talk.location { place.append((room, nil)) }
        if (talk.meeting != nil || talk.meetingIsPrivate) && !offersMeeting {
            if !place.isEmpty { place.append(("; ", nil)) }
            place.append(("online", nil))
        } else if let meeting = talk.meeting {
            if !place.isEmpty { place.append(("; ", nil)) }
            place.append(("online, ", nil))
            place.append(("join the meeting", meeting))
        } else if talk.meetingIsPrivate {
            if !place.isEmpty { place.append(("; ", nil)) }
            place.append(("online, " + meetingOnRequest(seminar), nil))
        }
        if !place.isEmpty {
            html.element("p") {
                $0.element("strong", text: "Where:")
                $0.appendText(" ")
                for piece in place { $0.textOrLink(piece.text, url: piece.url) }
            }
        }
        html.element("p") {
            $0.element("strong", text: talk.speakers.count > 1 ? "Speakers:" : "Speaker:")
            $0.appendText(" ")
            for (i, p) in talk.speakers.enumerated() {
                if i > 0 { $0.appendText("; ") }
                $0.textOrLink(p.name, url: p.url)
                if let affiliation = p.affiliation { $0.appendText(" (" + affiliation + ")") }
            }
        }
        return html
    }

    /// What the content block says after the abstract: the talk's links, if any.
    static func contentLinks(_ talk: Talk) -> HTMLFragment {
        var html = HTMLFragment()
        guard !talk.links.isEmpty else { return html }
        html.element("ul") {
            for link in talk.links {
                $0.element("li") { $0.textOrLink(link.title, url: link.url) }
            }
        }
        return html
    }
}

extension HTMLFragment {
    /// An element around what `body` writes.
    mutating func element(_ name: String, _ body: (inout HTMLFragment) -> Void) {
        startElement(name)
        body(&self)
        endElement()
    }

    /// An element holding only `text`.
    mutating func element(_ name: String, text: String) {
        element(name) { $0.appendText(text) }
    }

    /// `text`, or a link to `url` reading `text`.
    mutating func textOrLink(_ text: String, url: String?) {
        guard let url else { return appendText(text) }
        startElement("a", attributes: [HTMLAttribute(name: "href", value: url)])
        appendText(text)
        endElement()
    }
}
