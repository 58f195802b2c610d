import SeminarArchive
import SeminarFeeds

// The command line names these when it asks for an announcement; they are the writer's.
public typealias AnnouncementKind = SeminarFeeds.AnnouncementKind
public typealias MailAddress = SeminarFeeds.MailAddress

/// One talk's announcement, ready to be written or sent.
public struct Announcement: Sendable {
    /// The whole Internet message (RFC 5322, MIME).
    public var message: [UInt8]
    public var subject: String
    public var recipients: [MailAddress]
}

extension Publisher {
    /// The announcement of `talk`, a talk of `checked`, saying what the feeds say of it: its
    /// public view, or with `privateLink` the organisers' (a private meeting link shown, for
    /// a list of members). The calendar part is the subscription calendar's event.
    public func announcement(
        of talk: Talk, in checked: CheckedArchive, kind: AnnouncementKind, from: MailAddress, to: [MailAddress],
        date: Instant, privateLink: Bool
    ) throws(FeedWriterError) -> Announcement {
        guard var seminar = checked.seminar else { preconditionFailure("an announcement needs an archive that checked") }
        let shownTalk = privateLink ? PrivacyFilter.organisersView(of: talk) : PrivacyFilter.publicView(of: talk, seminar: seminar)
        if privateLink { seminar.meetingLinksArePrivate = false }
        let options = AnnouncementOptions(
            kind: kind, from: from, to: to, date: date,
            calendar: ICalendarOptions(calendarName: seminar.title, calendarURL: seminar.feedsBaseURL + FeedsLayout.calendar))
        let context = FeedContext(seminar: seminar, zones: checked.zones)
        return Announcement(
            message: try AnnouncementWriter.write(talk: shownTalk, context: context, options: options),
            subject: AnnouncementWriter.subject(of: shownTalk, context: context, options: options),
            recipients: to)
    }
}
