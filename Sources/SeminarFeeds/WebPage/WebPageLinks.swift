import SeminarArchive

/// Where the other published documents are, as the web page and the feed stylesheet link
/// to them. All of them live in the same `feeds/` folder as the page, so the links are
/// relative (the page works from any mirror and from a local copy) except the calendar's
/// absolute URL: a `webcal:` link must name the host.
public struct WebPageLinks: Sendable, Equatable {
    public var atom: String
    public var rss: String
    public var jsonFeed: String
    /// The calendar file, for downloading it once.
    public var calendar: String
    /// Absolute http(s) URL of the calendar, turned into a `webcal:` subscription link.
    public var calendarAbsoluteURL: String
    /// The web page itself, seen from a feed (for the stylesheet's "see the web page").
    public var page: String
    /// Whether each talk has its own page (`TalkPageAddress`), which its card links to.
    public var talkPages: Bool

    public init(atom: String, rss: String, jsonFeed: String, calendar: String, calendarAbsoluteURL: String,
                page: String = "index.html", talkPages: Bool = true)
    {
        self.talkPages = talkPages
        self.atom = atom
        self.rss = rss
        self.jsonFeed = jsonFeed
        self.calendar = calendar
        self.calendarAbsoluteURL = calendarAbsoluteURL
        self.page = page
    }

    /// The standard file names in `feeds/`, with the calendar's absolute URL made from
    /// the seminar's `feedsBaseURL`.
    public init(seminar: Seminar) {
        self.init(atom: "atom.xml", rss: "rss.xml", jsonFeed: "feed.json", calendar: "calendar.ics",
                  calendarAbsoluteURL: seminar.feedsBaseURL + "calendar.ics")
    }

    /// `webcal://host/…/calendar.ics`: the scheme calendar applications register for, so
    /// that clicking subscribes instead of downloading a one-off copy.
    func webcalURL() throws(PageMarkupError) -> String {
        let url = calendarAbsoluteURL
        try PageText.check(url, context: "calendar URL")
        for scheme in ["https://", "http://"] where url.lowercased().hasPrefix(scheme) {
            return "webcal://" + url.dropFirst(scheme.count)
        }
        throw .unsafeURL(url, context: "calendar URL (must be absolute http or https)")
    }
}
