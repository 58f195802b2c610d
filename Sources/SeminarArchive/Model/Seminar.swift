import Foundation

/// The seminar itself, as described by `archive/seminar.json`.
public struct Seminar: Sendable, Equatable {
    public var title: String
    /// One paragraph or more; may contain LaTeX like an abstract.
    public var description: String
    /// The seminar's page for people (the `alternate` link of the feeds).
    public var homePage: String
    /// Absolute URL under which the contents of `feeds/` are served, ending in `/`.
    /// Self links and archive links are made from it.
    public var feedsBaseURL: String
    /// BCP 47 language tag of the talks, such as `en`.
    public var language: String
    /// IANA time zone of talks that do not name their own, such as `Europe/Zurich`.
    public var timeZone: String
    /// Usual start time of a talk, used by `seminar add` when only a date is given.
    public var defaultStartTime: LocalTime
    /// Usual length of a talk in minutes.
    public var defaultDuration: Int
    public var contact: Person
    public var organisers: [Person]
    /// Prefix of the permanent entry ids, a `tag:` URI (RFC 4151) such as
    /// `tag:epfl.ch,2021:tnn-internal-seminar:`; the talk's `id` is appended to it.
    public var idPrefix: String
    /// LaTeX command names (without the backslash) that this seminar's abstracts may use
    /// beyond the built-in table, such as `E` for a house `\E` macro.
    public var extraMacros: [String]
    /// When true, meeting links are private for every talk (see `Talk.meetingIsPrivate`).
    public var meetingLinksArePrivate: Bool
    /// The list address `seminar announce` sends to (`announceTo`), such as a mailing list.
    public var announceTo: String?
    /// A fixed last paragraph of every announcement (`announceFooter`), such as the
    /// mailing list's unsubscribe line. Plain text.
    public var announceFooter: String?

    public init(
        title: String, description: String, homePage: String, feedsBaseURL: String,
        language: String, timeZone: String, defaultStartTime: LocalTime, defaultDuration: Int,
        contact: Person, organisers: [Person], idPrefix: String,
        extraMacros: [String] = [], meetingLinksArePrivate: Bool = false,
        announceTo: String? = nil, announceFooter: String? = nil
    ) {
        self.title = title
        self.description = description
        self.homePage = homePage
        self.feedsBaseURL = feedsBaseURL
        self.language = language
        self.timeZone = timeZone
        self.defaultStartTime = defaultStartTime
        self.defaultDuration = defaultDuration
        self.contact = contact
        self.organisers = organisers
        self.idPrefix = idPrefix
        self.extraMacros = extraMacros
        self.meetingLinksArePrivate = meetingLinksArePrivate
        self.announceTo = announceTo
        self.announceFooter = announceFooter
    }

    /// The permanent, globally unique id of a talk's entry in every feed.
    public func entryID(of talk: Talk) -> String { idPrefix + talk.id }

    /// Whether the meeting link of `talk` must stay out of public output: the talk says
    /// so, or the seminar does for every talk.
    public func isMeetingPrivate(_ talk: Talk) -> Bool { meetingLinksArePrivate || talk.meetingIsPrivate }
}

/// A speaker, an organiser or the contact person.
public struct Person: Sendable, Equatable {
    public var name: String
    public var affiliation: String?
    public var url: String?
    public var email: String?

    public init(name: String, affiliation: String? = nil, url: String? = nil, email: String? = nil) {
        self.name = name
        self.affiliation = affiliation
        self.url = url
        self.email = email
    }
}

/// A person's name as compared for "the same person": case, accents and runs of spaces do
/// not count (`scott pesme`, `Scott  Pesme`, `Zoe`/`Zoë`). Used by the duplicate check and
/// by `seminar edit`, which keeps a speaker's affiliation across such a correction.
public func comparableName(_ name: String) -> String {
    // Most names are ASCII, folded byte by byte: Foundation's folding cost as much as the
    // rest of the duplicate check, which folds every speaker's name.
    guard name.utf8.allSatisfy({ $0 < 0x80 }) else {
        return name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
    var folded: [UInt8] = []
    folded.reserveCapacity(name.utf8.count)
    for b in name.utf8 {
        if b == 0x20 || (0x09...0x0D).contains(b) {
            if let last = folded.last, last != 0x20 { folded.append(0x20) }
        } else {
            folded.append((0x41...0x5A).contains(b) ? b | 0x20 : b)
        }
    }
    if folded.last == 0x20 { folded.removeLast() }
    return String(decoding: folded, as: UTF8.self)
}
