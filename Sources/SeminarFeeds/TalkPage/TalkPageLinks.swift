/// Where a talk page leads back to, relative to the page (`feeds/talks/`), and where it is.
public struct TalkPageLinks: Sendable, Equatable {
    /// The talk page's absolute URL (canonical link, `og:url`, JSON-LD `url`).
    public var pageURL: String
    /// The one-event calendar beside the page.
    public var calendar: String
    /// The seminar's page.
    public var seminarPage: String
    /// The feeds the talk is in, as (label, href): the subscription feeds for a talk of an
    /// open year, the year's archive documents for a frozen one.
    public var feeds: [Feed]

    public struct Feed: Sendable, Equatable {
        public var label: String
        public var href: String
        /// The media type, for feed autodiscovery; nil for what is no feed (a calendar).
        public var type: String?

        public init(label: String, href: String, type: String? = nil) {
            self.label = label
            self.href = href
            self.type = type
        }
    }

    public init(pageURL: String, calendar: String, seminarPage: String, feeds: [Feed]) {
        self.pageURL = pageURL
        self.calendar = calendar
        self.seminarPage = seminarPage
        self.feeds = feeds
    }
}
