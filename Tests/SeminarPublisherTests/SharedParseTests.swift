import LaTeX
import SeminarArchive
import Testing
@testable import SeminarFeeds
@testable import SeminarPublisher

/// A build parses each title and abstract once: its check's parse also gives the
/// presentations of the talks the build renders, and the documents use those.
@Suite struct SharedParseTests {
    static let now = Instant(rfc3339: "2022-03-01T12:00:00Z")!

    /// 2020 frozen; 2021 open, with a private meeting link that the public view hides.
    func archive() throws -> (ArchiveFixture, Publisher) {
        let a = try ArchiveFixture(seminar: ["privateMeetingLinks": true])
        try a.talk("2020-06-01-bob-one", year: 2020, id: "b1", start: "2020-06-01T16:30", speaker: "Bob One")
        try a.talk("2021-06-28-cy-one", year: 2021, id: "c1", start: "2021-06-28T16:30", title: "On $\\ell_1$",
                   speaker: "Cy One", extra: ["meeting": "https://epfl.zoom.us/j/61234567890"])
        try a.talk("2021-09-06-di-two", year: 2021, id: "d1", start: "2021-09-06T16:30", speaker: "Di Two",
                   abstract: "We bound $\\frac{1}{n}\\sum_i x_i$.")
        let p = Publisher(archiveRoot: a.archive, feedsRoot: a.feeds)
        _ = try p.snapshot(year: 2020, now: Self.now)
        return (a, p)
    }

    /// The check a build runs, every file read.
    func buildCheck(_ p: Publisher, presenting: Bool) -> CheckedArchive {
        let (records, problems) = SnapshotStore(archiveRoot: p.archiveRoot).load()
        return p.check(snapshots: (records, problems, withFieldFingerprints: true), pinningFilesOf: [], presenting: presenting)
    }

    @Test func theBuildsCheckPresentsExactlyTheTalksTheSubscriptionDocumentsShow() throws {
        let (a, p) = try archive()
        defer { a.remove() }
        let checked = buildCheck(p, presenting: true)
        #expect(checked.diagnostics.isEmpty, "\(checked.diagnostics)")
        // The frozen year's talk was read and checked, but is not presented: its documents
        // keep their snapshot format's rules.
        #expect(checked.talks.map(\.talk.id).sorted() == ["b1", "c1", "d1"])
        let planner = DocumentPlanner(checked: checked, seminar: try #require(checked.seminar), includePrivateLinks: false)
        #expect(checked.presentations.values.map(\.talk).sorted { $0.id < $1.id } == planner.currentTalks.sorted { $0.id < $1.id })
        // The public view: the private meeting link is not in what the documents say.
        let c1 = try #require(checked.presentations["c1"])
        #expect(c1.talk.meeting == nil)
        #expect(!(try c1.contentHTML()).contains("zoom.us"))
        // Each is what the documents' own context makes from a parse of its own.
        let fresh = DocumentPlanner.context(seminar: try #require(checked.seminar), zones: checked.zones, talkPages: true)
        for presented in checked.presentations.values {
            #expect(presented == TalkPresentation(presented.talk, context: fresh))
        }
        #expect(c1.plainTitle == "On ℓ₁")
        // `seminar check` makes none.
        #expect(buildCheck(p, presenting: false).presentations.isEmpty)
        #expect(p.check().presentations.isEmpty)
    }

    @Test func thePlannerRendersWithThePresentationsItIsHandedNotNewOnes() throws {
        let (a, p) = try archive()
        defer { a.remove() }
        var checked = buildCheck(p, presenting: true)
        let seminar = try #require(checked.seminar)
        // Presentations made from another parse than the talk's own: if the planner made
        // its own, the documents would show the talk's real title.
        let context = DocumentPlanner.context(seminar: seminar, zones: checked.zones, talkPages: true)
        checked.presentations = checked.presentations.mapValues {
            context.presentation(of: $0.talk, title: LaTeXDocument("Handed over"), abstract: LaTeXDocument("From the check."))
        }
        let planner = DocumentPlanner(checked: checked, seminar: seminar, includePrivateLinks: false)
        let atom = try #require(try planner.render([.atom]).first)
        let text = String(decoding: atom.bytes, as: UTF8.self)
        #expect(text.contains("Cy One — Handed over"))
        #expect(text.contains("From the check."))
        #expect(!text.contains("On ℓ₁"))
        // The organisers' set shows the private link, so it makes presentations of its own.
        let organisers = DocumentPlanner(checked: checked, seminar: seminar, includePrivateLinks: true)
        let privateAtom = String(decoding: try #require(try organisers.render([.atom]).first).bytes, as: UTF8.self)
        #expect(privateAtom.contains("Cy One — On ℓ₁"))
        #expect(privateAtom.contains("zoom.us/j/61234567890"))
    }
    /// A build lets go of each talk file's bytes once its LaTeX is checked; every problem
    /// is still placed in its file where `seminar check` places it: LaTeX problems in
    /// several parts of the archive, a private meeting's number repeated in an abstract,
    /// a frozen talk changed.
    @Test func aBuildPlacesEveryProblemWhereTheCheckDoes() throws {
        let (a, p) = try archive()
        defer { a.remove() }
        var files: [String] = []
        for i in 0..<24 {
            let day = String(format: "%02d", 1 + i)
            let meeting = i == 5 ? ["meeting": "https://epfl.zoom.us/j/98765432101"] : [:]
            let abstract = i == 5 ? "Join with 98765432101, or $x$." : "On $x_\(i)$."
            files.append(try a.talk("2021-03-\(day)-t\(i)", year: 2021, id: "t\(i)", start: "2021-03-\(day)T10:00",
                                    speaker: "Speaker \(i)", abstract: abstract, extra: meeting))
        }
        func placed(_ diagnostics: [Diagnostic]) -> [String] {
            diagnostics.map { "\($0.location?.path ?? "-"):\($0.location?.line ?? 0):\($0.location?.column ?? 0) \($0.code)" }
        }
        // Warnings only: the build publishes, and reports them as the check does.
        let warnings = placed(p.check().diagnostics)
        #expect(warnings.contains { $0.hasPrefix(files[5] + ":") && $0.hasSuffix(" private-meeting-published") })
        let built = try p.build(reusingLastBuild: false)
        #expect(built.report != nil)
        #expect(placed(built.diagnostics) == warnings)

        // Errors in the first and last parts of the LaTeX pass, and in the frozen year.
        for i in [1, 22] {
            let day = String(format: "%02d", 1 + i)
            try a.talk("2021-03-\(day)-t\(i)", year: 2021, id: "t\(i)", start: "2021-03-\(day)T10:00",
                       speaker: "Speaker \(i)", abstract: "A second line,\nthen $\\frac{1}$ in it.")
        }
        try a.talk("2020-06-01-bob-one", year: 2020, id: "b1", start: "2020-06-01T16:30", title: "Changed", speaker: "Bob One")
        let checked = p.check().diagnostics
        let errors = checked.filter { $0.severity == .error }
        #expect(Set(errors.compactMap(\.location?.path)).count == 3, "\(errors)")
        // Placed inside the files, not at their start.
        #expect(errors.allSatisfy { ($0.location?.line ?? 0) > 1 }, "\(errors)")
        let failed = try p.build(reusingLastBuild: false)
        #expect(failed.report == nil)
        #expect(placed(failed.diagnostics) == placed(checked))
    }
}
