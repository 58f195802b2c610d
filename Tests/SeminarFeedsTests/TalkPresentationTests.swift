import LaTeX
import SeminarArchive
import Testing
@testable import SeminarFeeds

/// A presentation is a shared object whose equality is that of what it says: every
/// stored property, written out by hand (`TalkPresentation.==`).
@Suite struct TalkPresentationTests {
    @Test func equalWhenTheySayTheSame() throws {
        let seminar = try ExtrasTestData.seminar()
        let talk = try ExtrasTestData.talk("t", "2021-09-20T16:30", title: "On $x$", abstract: "We bound $\\frac{1}{n}$.")
        let context = try ExtrasTestData.context(seminar, [talk])
        let a = TalkPresentation(talk, context: context), b = TalkPresentation(talk, context: context)
        #expect(a !== b)
        #expect(a == b)
        // The same talk through another parse: only its renderings differ.
        let other = context.presentation(of: talk, title: LaTeXDocument("On $y$"), abstract: LaTeXDocument("We bound $\\frac{1}{n}$."))
        #expect(other.talk == talk)
        #expect(other != a)
        var moved = talk
        moved.location = "Room 2"
        #expect(TalkPresentation(moved, context: context) != a)
    }

    /// A stored property added to the presentation must join `==`: this counts them.
    @Test func equalityComparesEveryStoredProperty() throws {
        let seminar = try ExtrasTestData.seminar()
        let talk = try ExtrasTestData.talk("t", "2021-09-20T16:30", title: "T", abstract: "A.")
        let presentation = TalkPresentation(talk, context: try ExtrasTestData.context(seminar, [talk]))
        #expect(Mirror(reflecting: presentation).children.map { $0.label ?? "" } == [
            "talk", "title", "plainTitle", "start", "end", "when", "summary", "abstractOffset", "compactAbstract",
            "compactMathML", "serializedContent", "offersMeeting",
        ])
    }
}
