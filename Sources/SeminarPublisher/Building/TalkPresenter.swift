import LaTeX
import SeminarArchive
import SeminarFeeds

/// Makes a build's presentations of the talks it renders from the parse of their titles
/// and abstracts that its check has just made, so that a build parses each once.
///
/// Only the public documents of the years that are not frozen take them: a frozen year's
/// documents keep the rules of their snapshot format, and the organisers' set shows what
/// the public one hides; both are rendered from presentations of their own.
struct TalkPresenter: Sendable {
    let context: FeedContext
    let seminar: Seminar
    let frozenYears: Set<Int>

    init(seminar: Seminar, zones: [String: ZoneInfo], frozenYears: Set<Int>, talkPages: Bool) {
        context = DocumentPlanner.context(seminar: seminar, zones: zones, talkPages: talkPages)
        self.seminar = seminar
        self.frozenYears = frozenYears
    }

    func presentation(of talk: Talk, title: LaTeXDocument, abstract: LaTeXDocument) -> TalkPresentation? {
        guard !frozenYears.contains(talk.year) else { return nil }
        return context.presentation(of: PrivacyFilter.publicView(of: talk, seminar: seminar), title: title, abstract: abstract)
    }
}
