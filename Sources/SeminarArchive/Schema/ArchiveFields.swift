/// The fields of the archive's files: the one description the loader reads through and the
/// JSON Schema is made from. Meanings are the README's reference tables, word for word
/// (a test compares them).
enum TalkFileFields {
    static let id = ArchiveField(
        "id", .string(.matching(ArchivePatterns.talkID, examples: ["k7q2m9x4"])), required: true,
        "permanent: written once by `seminar add`, never derived from date, title or file name")
    static let title = ArchiveField("title", .string(.text), required: true, "may contain LaTeX")
    static let speakers = ArchiveField(
        "speakers", .list(of: .object(PersonFields.speaker), atLeastOne: "speaker"), required: true, "at least one")
    static let start = ArchiveField(
        "start", .string(.matching(ArchivePatterns.localDateTime, examples: ["2021-06-28T16:30"])), required: false,
        "local wall-clock time in `timezone`; absent while the date is to be defined")
    static let timezone = ArchiveField(
        "timezone", .string(.matching(ArchivePatterns.zoneName, examples: ["Europe/Zurich"])), required: false,
        "default: the seminar's")
    static let duration = ArchiveField("duration", .integer(minimum: Talk.durationRange.lowerBound, maximum: Talk.durationRange.upperBound), required: false, "default: the seminar's")
    static let abstract = ArchiveField("abstract", .string(.text), required: true, "may contain LaTeX")
    static let meeting = ArchiveField("meeting", .webURL, required: false, "online meeting link")
    static let privateMeeting = ArchiveField(
        "privateMeeting", .boolean, required: false, "keep `meeting` out of public documents")
    static let location = ArchiveField("location", .string(.text), required: false, "room")
    static let links = ArchiveField(
        "links", .list(of: .object(LinkFields.all), atLeastOne: nil), required: false, "slides, paper, video")
    static let status = ArchiveField(
        "status", .string(.oneOf(TalkStatus.allCases.map(\.rawValue))), required: true,
        "cancelled and postponed talks stay in the feeds, marked")
    static let sequence = ArchiveField(
        "sequence", .integer(minimum: 0, maximum: nil), required: false,
        "calendar SEQUENCE; grows when time, place or status changes (`seminar edit` keeps it)")
    static let published = ArchiveField(
        "published", .string(.matching(ArchivePatterns.rfc3339, format: "date-time", examples: ["2021-06-20T09:15:00Z"])),
        required: true, "stamped by `add` and `edit`; feeds use them, never the build time")
    static let updated = ArchiveField(
        "updated", .string(.matching(ArchivePatterns.rfc3339, format: "date-time", examples: ["2021-06-20T09:15:00Z"])),
        required: true, "stamped by `add` and `edit`; feeds use them, never the build time")

    /// In the order of the README's table.
    static let all = [
        id, title, speakers, start, timezone, duration, abstract, meeting, privateMeeting, location, links, status,
        sequence, published, updated,
    ]
}

enum SeminarFileFields {
    static let title = ArchiveField("title", .string(.text), required: true, "the seminar's name")
    static let description = ArchiveField(
        "description", .string(.text), required: true,
        "a paragraph or more (may contain LaTeX); blank lines separate paragraphs")
    static let homePage = ArchiveField(
        "homePage", .webURL, required: true, "the seminar's page for people (the feeds' `alternate` link)")
    static let feedsBaseURL = ArchiveField(
        "feedsBaseURL", .string(.matching(ArchivePatterns.webFolderURL, format: "iri", examples: ["https://example.org/seminar/"])),
        required: true, "where `feeds/` is served; self and archive links are made from it")
    static let language = ArchiveField(
        "language", .string(.matching(ArchivePatterns.languageTag, examples: ["en"])), required: true, "`en`")
    static let timezone = ArchiveField(
        "timezone", .string(.matching(ArchivePatterns.zoneName, examples: ["Europe/Zurich"])), required: true,
        "default zone of talks, `Europe/Zurich`")
    static let defaultStartTime = ArchiveField(
        "defaultStartTime", .string(.matching(ArchivePatterns.localTime, examples: ["16:30"])), required: true,
        "used by `seminar add --start DATE`")
    static let defaultDuration = ArchiveField(
        "defaultDuration", .integer(minimum: Talk.durationRange.lowerBound, maximum: Talk.durationRange.upperBound), required: true, "default length of a talk")
    static let contact = ArchiveField(
        "contact", .object(PersonFields.contact), required: true, "author of the feeds, and whom to ask for private links")
    static let organisers = ArchiveField(
        "organisers", .list(of: .object(PersonFields.organiser), atLeastOne: nil), required: true, "shown on the page")
    static let idPrefix = ArchiveField(
        "idPrefix", .string(.matching(ArchivePatterns.tagURIPrefix, examples: ["tag:example.org,2021:seminar/talk/"])),
        required: true,
        "prefix of permanent entry ids (RFC 4151), e.g. `tag:epfl.ch,2021:tnn-internal-seminar/talk/`")
    static let extraMacros = ArchiveField(
        "extraMacros", .list(of: .string(.matching(ArchivePatterns.commandName)), atLeastOne: nil), required: false,
        "optional: LaTeX command names (no backslash) this seminar's abstracts may use")
    static let privateMeetingLinks = ArchiveField(
        "privateMeetingLinks", .boolean, required: false, "optional: every meeting link is private")
    static let announceTo = ArchiveField(
        "announceTo", .string(.matching(ArchivePatterns.email, format: "email", examples: ["seminar@example.org"])),
        required: false, "optional: where `seminar announce` sends, such as the mailing list's address")
    static let announceFooter = ArchiveField(
        "announceFooter", .string(.text), required: false,
        "optional: plain text ending every announcement, such as the list's unsubscribe line")

    /// In the order of the README's table.
    static let all = [
        title, description, homePage, feedsBaseURL, language, timezone, defaultStartTime, defaultDuration, contact,
        organisers, idPrefix, extraMacros, privateMeetingLinks, announceTo, announceFooter,
    ]
}

/// A speaker, an organiser or the contact.
enum PersonFields {
    static let name = ArchiveField("name", .string(.text), required: true, "the person's name")
    static let affiliation = ArchiveField("affiliation", .string(.text), required: false, "their institution")
    static let url = ArchiveField("url", .webURL, required: false, "their web page")
    static let email = ArchiveField(
        "email", .string(.matching(ArchivePatterns.email, format: "email")), required: false, "their e-mail address")

    static let speaker = [name, affiliation, url]
    static let organiser = [name, affiliation, url]
    static let contact = [name, affiliation, url, email]
}

/// One of a talk's `links`.
enum LinkFields {
    static let title = ArchiveField("title", .string(.text), required: true, "what the link leads to: Slides, Paper, Video")
    static let url = ArchiveField("url", .webURL, required: true, "where")

    static let all = [title, url]
}
