import LaTeX

/// One talk, as stored in `archive/YEAR/….json`.
public struct Talk: Sendable, Equatable {
    /// Permanent id, written once when the talk is created and never derived from its
    /// date, title or file name, so that rescheduling or fixing a typo keeps every feed
    /// entry and calendar event the same.
    public var id: String
    /// May contain LaTeX.
    public var title: String
    public var speakers: [Person]
    /// Local wall-clock start in `timeZone`; nil while the date is to be defined.
    public var start: LocalDateTime?
    /// IANA time zone of `start`.
    public var timeZone: String
    /// Length in minutes.
    public var duration: Int
    /// May contain LaTeX.
    public var abstract: String
    /// Online meeting link (Zoom and the like), absolute http(s).
    public var meeting: String?
    /// A private meeting link never appears in public output.
    public var meetingIsPrivate: Bool
    /// Room, when the talk happens in person.
    public var location: String?
    /// Slides, paper, video.
    public var links: [TalkLink]
    public var status: TalkStatus
    /// When the talk was first announced; stamped by `seminar add`.
    public var published: Instant
    /// When the talk last changed; stamped by the commands that edit a talk.
    public var updated: Instant
    /// Grows on every change that matters to attendees (time, place, status), so that
    /// calendars replace an event instead of duplicating it (RFC 5545 SEQUENCE).
    public var sequence: Int
    /// The year folder the talk lives in: the year of `start`, or for a talk still to be
    /// defined, the year it was announced.
    public var year: Int

    public init(
        id: String, title: String, speakers: [Person], start: LocalDateTime?, timeZone: String,
        duration: Int, abstract: String, meeting: String? = nil, meetingIsPrivate: Bool = false,
        location: String? = nil, links: [TalkLink] = [], status: TalkStatus = .scheduled,
        published: Instant, updated: Instant, sequence: Int = 0, year: Int? = nil
    ) {
        self.id = id
        self.title = title
        self.speakers = speakers
        self.start = start
        self.timeZone = timeZone
        self.duration = duration
        self.abstract = abstract
        self.meeting = meeting
        self.meetingIsPrivate = meetingIsPrivate
        self.location = location
        self.links = links
        self.status = status
        self.published = published
        self.updated = updated
        self.sequence = sequence
        self.year = year ?? start?.year ?? published.utcDateTime.year
    }

    public var isToBeDefined: Bool { start == nil }

    /// "Speaker, Other Speaker": the names as a title line shows them.
    public var speakerNames: String { speakers.map(\.name).joined(separator: ", ") }

    /// The title as plain text, its LaTeX rendered by the current rules (a listing's; the
    /// documents render it as their snapshot format says).
    public var plainTitle: String { PlainTextRenderer.render(title) }
}

public enum TalkStatus: String, Sendable, Equatable, CaseIterable {
    case scheduled, cancelled, postponed
}

public struct TalkLink: Sendable, Equatable {
    public var title: String
    public var url: String
    public init(title: String, url: String) {
        self.title = title
        self.url = url
    }
}

extension Talk {
    /// The order of talks in every document: newest first, talks still to be defined
    /// before all dated ones (they are the most "upcoming"), ties broken by id so the
    /// order never depends on the file system.
    public static func feedOrder(_ a: Talk, _ b: Talk) -> Bool {
        switch (a.start, b.start) {
        case (nil, nil): return a.id < b.id
        case (nil, _): return true
        case (_, nil): return false
        case let (x?, y?):
            if x != y { return x > y }
            return a.id < b.id
        }
    }

    /// `talks` in `feedOrder`: the same array, not a copy, when it is in that order
    /// already, as a build's talks are (a sorted copy of 10,000 talks is 3.6 MB, held
    /// while the document is written).
    public static func inFeedOrder(_ talks: [Talk]) -> [Talk] {
        let sorted = zip(talks, talks.dropFirst()).allSatisfy { !feedOrder($1, $0) }
        return sorted ? talks : talks.sorted(by: feedOrder)
    }
}
