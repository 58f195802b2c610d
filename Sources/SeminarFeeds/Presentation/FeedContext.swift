import LaTeX
import SeminarArchive

/// Everything a writer needs besides the talks; all of it comes from the archive, none
/// from the machine, so the same archive always gives the same bytes.
public struct FeedContext: Sendable {
    public var seminar: Seminar
    /// Every time zone the talks use, loaded beforehand so the writers stay pure.
    public var zones: [String: ZoneInfo]
    public var generator: Generator

    public struct Generator: Sendable, Equatable {
        public var name: String
        public var version: String
        public var uri: String?
        public init(name: String, version: String, uri: String? = nil) {
            self.name = name
            self.version = version
            self.uri = uri
        }
    }

    /// How Atom and RSS carry each talk's HTML. Archive documents keep the form of the
    /// snapshot format they were frozen with; everything else takes the default.
    public var htmlEmbedding: HTMLEmbedding = .cdataSections

    /// The rules of the linear text of math, and of the grouping of math in HTML
    /// (`LinearMathRules`). Archive documents keep the rules of their snapshot format;
    /// everything else takes the default. Set it before computing the presentations.
    public var linearMath: LinearMathRules = .unambiguous

    /// How a calendar event's end is written when its local reading happens twice (an end
    /// in the hour repeated when the clocks go back). Archive documents keep the form of
    /// their snapshot format; everything else takes the default.
    public var ambiguousCalendarEnds: AmbiguousCalendarEnd = .inUTC

    /// Whether a cancelled or postponed talk's meeting link is offered ("join the meeting",
    /// the feeds' entry link, the calendar's URL). Archive documents keep the form of their
    /// snapshot format; everything else takes the default. Set it before computing the
    /// presentations (`withPresentations`), which depend on it.
    public var meetingOfTalksNotHappening: MeetingOfTalksNotHappening = .withheld

    /// Whether each talk has its own page for the feeds to link to. Archive documents keep
    /// the form of their snapshot format; everything else takes the default.
    public var talkPages: TalkPages = .published


    /// Whether a bare `http(s)://` address in an abstract is a link in the HTML. Archive
    /// documents keep the form of their snapshot format; everything else takes the
    /// default. Set it before computing the presentations.
    public var bareURLs: BareURLs = .linked

    /// Whether a calendar event names the seminar's contact as its ORGANIZER, which RFC 5546
    /// requires of an event sent with METHOD:PUBLISH (an announcement's calendar part) and
    /// which a subscription's calendar carries alike. Archive documents keep the form of
    /// their snapshot format; everything else takes the default.
    public var calendarOrganizer: CalendarOrganizer = .contact

    /// Whether the documents offer `talk`'s meeting link (if it has a public one).
    func offersMeeting(of talk: Talk) -> Bool {
        talk.status == .scheduled || meetingOfTalksNotHappening == .offered
    }

    /// Presentations computed ahead, by talk id. Rendering LaTeX is the costliest part of
    /// writing, and every document says the same about a talk, so a build renders each
    /// talk once (see `withPresentations`) and every writer reuses it.
    var presentations: [String: TalkPresentation] = [:]

    public init(seminar: Seminar, zones: [String: ZoneInfo], generator: Generator = .seminar) {
        self.seminar = seminar
        self.zones = zones
        self.generator = generator
    }

    /// What the documents say about `talk`: the one computed ahead when it is for this
    /// very talk, otherwise computed now.
    func presentation(of talk: Talk) -> TalkPresentation {
        if let ready = presentations[talk.id], ready.talk == talk { return ready }
        return TalkPresentation(talk, context: self)
    }

    /// This context with the presentations of `talks` computed ahead, using every core;
    /// those it holds already (`withPresentations(_:)`) are not computed again.
    public func withPresentations(of talks: [Talk]) -> FeedContext {
        let base = self
        let missing = talks.filter { presentations[$0.id]?.talk != $0 }
        guard !missing.isEmpty else { return self }
        let computed = ConcurrentMap.map(missing) { TalkPresentation($0, context: base) }
        return withPresentations(Dictionary(computed.map { ($0.talk.id, $0) }, uniquingKeysWith: { first, _ in first }))
    }

    /// This context holding `computed`, presentations by talk id made with this very
    /// context. Into a context that holds none, the dictionary is taken as it is, not copied.
    public func withPresentations(_ computed: [String: TalkPresentation]) -> FeedContext {
        var copy = self
        if copy.presentations.isEmpty {
            copy.presentations = computed
        } else {
            copy.presentations.merge(computed) { _, new in new }
        }
        return copy
    }

    /// What the documents of this context say about `talk`, from its title and abstract as
    /// parsed already: a build's check parses them, and hands the same parse over here.
    public func presentation(of talk: Talk, title: LaTeXDocument, abstract: LaTeXDocument) -> TalkPresentation {
        TalkPresentation(talk, context: self, title: title, abstract: abstract)
    }
}

extension FeedContext.Generator {
    /// This tool. The version is part of every document, so changing it changes every
    /// feed: bump it only with a release.
    public static let seminar = FeedContext.Generator(name: "seminar", version: "1.0")
}

/// How a feed carries HTML inside XML (Atom `content type="html"`, RSS `description`).
/// Feed readers get the same HTML either way: both are text to an XML parser.
public enum HTMLEmbedding: Sendable, Equatable {
    /// Escaped by libxml2: `&lt;p&gt;`. Documents of snapshot format 1.
    case escapedText
    /// In CDATA sections: `<![CDATA[<p>…]]>`, about half the size for HTML dense with
    /// markup, such as math with its `<sub>`, `<sup>` and `<i>`.
    case cdataSections
}

/// RFC 5545 (3.3.5) reads a local time that happens twice as its first occurrence: a talk
/// from 01:30 CEST to 02:30 CET, written `DTEND;TZID=Europe/Zurich:…T023000`, would end at
/// 02:30 CEST, an hour early.
public enum AmbiguousCalendarEnd: Sendable, Equatable {
    /// In the zone's local time all the same: what years frozen in snapshot formats 1 and
    /// 2 hold, kept byte for byte.
    case local
    /// In UTC (`DTEND:…Z`), which names one instant, when the end is the later of the
    /// two instants with its reading (an end at the earlier one is read right as it is).
    case inUTC
}

/// A cancelled or postponed talk does not happen at its time: a link to join its meeting
/// then, or a feed entry that opens the meeting, would mislead.
public enum MeetingOfTalksNotHappening: Sendable, Equatable {
    /// Offered all the same: what years frozen in snapshot formats 1 and 2 hold.
    case offered
    /// Left out: such a talk's place reads "online", and its links go to the seminar's page.
    case withheld
}

/// Whether talks have pages of their own (`TalkPageAddress`), which feed entries link to.
public enum TalkPages: Sendable, Equatable {
    /// None: an entry links to the meeting, or to the seminar's page. What years frozen in
    /// snapshot formats 1 to 3 hold.
    case absent
    /// An entry links to its talk's page (Atom `alternate`, RSS `link`, JSON Feed `url`);
    /// the meeting stays one click away (Atom `related`, and the content's link).
    case published
}

/// A bare `http(s)://` address written in an abstract, in the HTML of the documents.
public enum BareURLs: Sendable, Equatable {
    /// Text, as written: what years frozen in snapshot formats 1 to 3 hold.
    case text
    /// A link, as `\url{…}` makes one, without the punctuation that ends the sentence.
    case linked
}

/// Whether calendar events carry an ORGANIZER (RFC 5545 3.8.4.3): the seminar's contact,
/// when it has an e-mail address, since the property's value is a `mailto:` URI.
public enum CalendarOrganizer: Sendable, Equatable {
    /// No ORGANIZER: what years frozen in snapshot formats 1 to 3 hold.
    case omitted
    /// The contact as ORGANIZER, with its name as CN.
    case contact
}

