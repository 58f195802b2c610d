import Foundation
import Testing
@testable import SeminarArchive

@Suite struct TalkStoreTests {
    static let now = Instant(rfc3339: "2021-06-21T08:00:00Z")!
    static let later = Instant(rfc3339: "2021-06-25T10:30:00Z")!

    static func talk(start: LocalDateTime? = LocalDateTime(year: 2021, month: 6, day: 28, hour: 16, minute: 30),
                     speaker: String = "Scott Pesme", id: String = "t1") -> Talk {
        Talk(id: id, title: "Implicit Bias of SGD", speakers: [Person(name: speaker)], start: start,
             timeZone: "Europe/Zurich", duration: 60, abstract: "We study SGD.", published: now, updated: now)
    }

    // MARK: - Names

    @Test func fileNames() {
        #expect(TalkStore.fileName(for: Self.talk()) == "2021-06-28-scott-pesme.json")
        #expect(TalkStore.fileName(for: Self.talk(start: nil, speaker: "Francesco Cagnetta")) == "tbd-francesco-cagnetta.json")
        #expect(TalkFileNaming.slug("François Ged") == "francois-ged")
        #expect(TalkFileNaming.slug("Jan Hązla") == "jan-hazla")
        #expect(TalkFileNaming.slug("Ólafur Þórsson") == "olafur-thorsson")
        #expect(TalkFileNaming.slug("Dr. Sarah O’Neil-Smith") == "dr-sarah-oneil-smith")
        #expect(TalkFileNaming.slug("  Łukasz  Straße ") == "lukasz-strasse")
        #expect(TalkStore.fileName(for: Self.talk(speaker: "李小龙")) == "2021-06-28-talk.json")
    }

    // MARK: - Canonical form

    @Test func canonicalJSONLeavesDefaultsOut() {
        let text = String(decoding: TalkStore.canonicalJSON(Self.talk(start: nil)), as: UTF8.self)
        #expect(text == """
        {
          "abstract" : "We study SGD.",
          "duration" : 60,
          "id" : "t1",
          "published" : "2021-06-21T08:00:00Z",
          "speakers" : [
            {
              "name" : "Scott Pesme"
            }
          ],
          "status" : "scheduled",
          "timezone" : "Europe/Zurich",
          "title" : "Implicit Bias of SGD",
          "updated" : "2021-06-21T08:00:00Z"
        }

        """)
    }

    @Test func canonicalJSONWritesEverySetField() {
        var talk = Self.talk()
        talk.meeting = "https://epfl.zoom.us/j/1"
        talk.meetingIsPrivate = true
        talk.location = "BC 420"
        talk.links = [TalkLink(title: "Slides", url: "https://example.org/a/b.pdf")]
        talk.status = .postponed
        talk.sequence = 2
        talk.speakers = [Person(name: "Scott Pesme", affiliation: "EPFL", url: "https://scottpesme.github.io/")]
        let text = String(decoding: TalkStore.canonicalJSON(talk), as: UTF8.self)
        for fragment in ["\"start\" : \"2021-06-28T16:30\"", "\"privateMeeting\" : true", "\"location\" : \"BC 420\"",
                         "\"url\" : \"https://example.org/a/b.pdf\"", "\"status\" : \"postponed\"", "\"sequence\" : 2",
                         "\"affiliation\" : \"EPFL\""] {
            #expect(text.contains(fragment), "\(fragment)")
        }
        #expect(text.hasSuffix("}\n"))
    }

    // MARK: - Round trip

    @Test func createThenLoadGivesTheSameTalk() throws {
        let fixture = try ArchiveFixture()
        let store = TalkStore(root: fixture.root)
        let (dated, datedPath) = try store.create(
            title: "Tensor Programs", speakers: [Person(name: "Eugene Golikov", affiliation: "EPFL")],
            start: LocalDateTime(year: 2021, month: 5, day: 17, hour: 16, minute: 30), timeZone: "Europe/Zurich",
            duration: 60, abstract: "We shall discuss $x^2$ & <b>.", meeting: "https://epfl.zoom.us/j/69244976578",
            meetingIsPrivate: true, location: "BC 420", links: [TalkLink(title: "Paper", url: "https://arxiv.org/abs/1")],
            now: Self.now)
        let (undated, undatedPath) = try store.create(
            title: "Locality", speakers: [Person(name: "Francesco Cagnetta")], start: nil, timeZone: "Europe/Zurich",
            duration: 45, abstract: "Teacher-student.", now: Self.now)
        #expect(datedPath == fixture.path("2021/2021-05-17-eugene-golikov.json"))
        #expect(undatedPath == fixture.path("2021/tbd-francesco-cagnetta.json"))
        #expect(dated.id.count == 36 && dated.id == dated.id.lowercased())
        #expect(dated.id != undated.id)
        #expect(dated.published == Self.now && dated.updated == Self.now && dated.sequence == 0)

        let result = fixture.load()
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.talks.map(\.talk) == [undated, dated])
        #expect(result.talks.map(\.source.path) == [undatedPath, datedPath])
    }

    @Test func savingAnUnchangedTalkGivesIdenticalBytes() throws {
        let fixture = try ArchiveFixture()
        let store = TalkStore(root: fixture.root)
        let path = try store.save(Self.talk(), previousPath: nil)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let loaded = try #require(fixture.load().talks.first)
        #expect(try store.save(loaded.talk, previousPath: path) == path)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func sameSpeakerSameDayGetsANumberedName() throws {
        let fixture = try ArchiveFixture()
        let store = TalkStore(root: fixture.root)
        let first = try store.save(Self.talk(id: "a"), previousPath: nil)
        let second = try store.save(Self.talk(id: "b"), previousPath: nil)
        let third = try store.save(Self.talk(id: "c"), previousPath: nil)
        #expect(first.hasSuffix("/2021/2021-06-28-scott-pesme.json"))
        #expect(second.hasSuffix("/2021/2021-06-28-scott-pesme-2.json"))
        #expect(third.hasSuffix("/2021/2021-06-28-scott-pesme-3.json"))
        // A talk keeps its own name when saved again.
        #expect(try store.save(Self.talk(id: "b"), previousPath: second) == second)
        #expect(fixture.load().talks.count == 3)
    }

    // MARK: - Editing

    @Test func sequenceGrowsOnlyForChangesThatMatterToAttendees() {
        let store = TalkStore(root: "/nonexistent")
        let talk = Self.talk()
        let cosmetic = store.applying(TalkChanges(title: "New title", abstract: "New.", links: [TalkLink(title: "S", url: "https://x.org/")]),
                                      to: talk, now: Self.later)
        #expect(cosmetic.sequence == 0)
        #expect(cosmetic.updated == Self.later)
        #expect(cosmetic.title == "New title")

        let bumping: [TalkChanges] = [
            TalkChanges(start: .some(LocalDateTime(year: 2021, month: 6, day: 28, hour: 17, minute: 0))),
            TalkChanges(start: .some(nil)),
            TalkChanges(timeZone: "Europe/London"),
            TalkChanges(duration: 90),
            TalkChanges(meeting: .some("https://epfl.zoom.us/j/2")),
            TalkChanges(location: .some("BC 420")),
            TalkChanges(status: .cancelled),
        ]
        for change in bumping {
            let changed = store.applying(change, to: talk, now: Self.later)
            #expect(changed.sequence == 1, "\(change)")
            #expect(changed.updated == Self.later)
        }

        // Setting what is already there is no change at all: nothing is stamped.
        let same = store.applying(TalkChanges(title: talk.title, duration: 60, status: .scheduled), to: talk, now: Self.later)
        #expect(same == talk)
    }

    @Test func becomingUndatedKeepsAFolderNotAfterPublication() {
        let store = TalkStore(root: "/nonexistent")
        let nextYear = Self.talk(start: LocalDateTime(year: 2022, month: 1, day: 10, hour: 16, minute: 30))
        #expect(store.applying(TalkChanges(start: .some(nil)), to: nextYear, now: Self.later).year == 2021)
        let moved = store.applying(TalkChanges(start: .some(LocalDateTime(year: 2023, month: 3, day: 1, hour: 10, minute: 0))),
                                   to: nextYear, now: Self.later)
        #expect(moved.year == 2023)
    }

    @Test func reschedulingMovesTheFile() throws {
        let fixture = try ArchiveFixture()
        let store = TalkStore(root: fixture.root)
        let (talk, path) = try store.create(title: "T", speakers: [Person(name: "Scott Pesme")],
                                            start: LocalDateTime(year: 2021, month: 12, day: 20, hour: 16, minute: 30),
                                            timeZone: "Europe/Zurich", duration: 60, abstract: "A.", now: Self.now)
        let sameYear = store.applying(TalkChanges(start: .some(LocalDateTime(year: 2021, month: 12, day: 27, hour: 16, minute: 30))),
                                      to: talk, now: Self.later)
        let path2 = try store.save(sameYear, previousPath: path)
        #expect(path2 == fixture.path("2021/2021-12-27-scott-pesme.json"))
        #expect(fixture.files() == ["2021/2021-12-27-scott-pesme.json", "seminar.json"])

        let nextYear = store.applying(TalkChanges(start: .some(LocalDateTime(year: 2022, month: 1, day: 10, hour: 16, minute: 30))),
                                      to: sameYear, now: Self.later)
        let path3 = try store.save(nextYear, previousPath: path2)
        #expect(path3 == fixture.path("2022/2022-01-10-scott-pesme.json"))

        let undated = store.applying(TalkChanges(start: .some(nil)), to: nextYear, now: Self.later)
        let path4 = try store.save(undated, previousPath: path3)
        #expect(path4 == fixture.path("2021/tbd-scott-pesme.json"))
        #expect(fixture.files() == ["2021/tbd-scott-pesme.json", "seminar.json"])

        let result = fixture.load()
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.talks.map(\.talk) == [undated])
        #expect(undated.sequence == 3)
    }
}

/// `seminar edit` changes only what it is given: the rules behind `--speaker`,
/// `--affiliation`, `--speaker-url` and `--link`.
@Suite struct ListEditTests {
    static let jane = Person(name: "Jane Doe", affiliation: "EPFL", url: "https://jane.example.org")
    static let ido = Person(name: "Ido Nachum", affiliation: "EPFL")
    static let slides = TalkLink(title: "Slides", url: "https://x.org/s.pdf")
    static let paper = TalkLink(title: "Paper", url: "https://x.org/p.pdf")

    @Test func aCorrectedNameKeepsTheSpeakersAffiliationAndPage() throws {
        let (speakers, carried) = try SpeakerEdit(names: ["Jane Doe-Smith"]).applied(to: [Self.jane])
        #expect(speakers == [Person(name: "Jane Doe-Smith", affiliation: "EPFL", url: "https://jane.example.org")])
        #expect(carried == [SpeakerEdit.Carried(name: "Jane Doe-Smith", from: "Jane Doe", affiliation: "EPFL", url: "https://jane.example.org")])
    }

    /// Matched by name first, without regard to case or spacing; then the speakers left,
    /// in order, when their number is unchanged; each old speaker's values go once.
    @Test func reorderedAndRenamedSpeakersKeepTheirOwnValues() throws {
        let ann = Person(name: "Ann A", affiliation: "EPFL", url: "https://a.org/")
        let bob = Person(name: "Bob B", affiliation: "ETH", url: "https://b.org/")
        let (swapped, carried) = try SpeakerEdit(names: ["Bob B", "Anne A"]).applied(to: [ann, bob])
        #expect(swapped == [bob, Person(name: "Anne A", affiliation: "EPFL", url: "https://a.org/")])
        #expect(carried.map(\.from) == ["Ann A"])
        let (recased, _) = try SpeakerEdit(names: ["bob  b"]).applied(to: [ann, bob])
        #expect(recased == [Person(name: "bob  b", affiliation: "ETH", url: "https://b.org/")])
        // A given URL is not announced as kept; only the affiliation is.
        let (_, partly) = try SpeakerEdit(names: ["Carl", "Dan"], urls: ["https://c.org/", ""]).applied(to: [ann, bob])
        #expect(partly == [SpeakerEdit.Carried(name: "Carl", from: "Ann A", affiliation: "EPFL", url: nil),
                           SpeakerEdit.Carried(name: "Dan", from: "Bob B", affiliation: "ETH", url: nil)])
    }

    @Test func speakersKeepTheirValuesByNameWhenReorderedOrJoined() throws {
        let (reordered, carried) = try SpeakerEdit(names: ["Ido Nachum", "Jane Doe"]).applied(to: [Self.jane, Self.ido])
        #expect(reordered == [Self.ido, Self.jane])
        #expect(carried.isEmpty)  // same names: nothing to announce
        // A new speaker beside an old one: the old one keeps hers, the new one gets nothing.
        let (joined, _) = try SpeakerEdit(names: ["Jane Doe", "Zoë Smith"]).applied(to: [Self.jane])
        #expect(joined == [Self.jane, Person(name: "Zoë Smith")])
    }

    @Test func givenValuesWinAndAnEmptyOneRemoves() throws {
        let (speakers, carried) = try SpeakerEdit(names: ["Jane Doe-Smith"], affiliations: ["ETH Zürich"], urls: [""])
            .applied(to: [Self.jane])
        #expect(speakers == [Person(name: "Jane Doe-Smith", affiliation: "ETH Zürich")])
        #expect(carried.isEmpty)
        // Without names, the values go to the talk's speakers, one each.
        let (both, _) = try SpeakerEdit(affiliations: ["", "Uni Basel"]).applied(to: [Self.jane, Self.ido])
        #expect(both.map(\.affiliation) == [nil, "Uni Basel"])
        #expect(both.map(\.name) == ["Jane Doe", "Ido Nachum"])
    }

    @Test func valuesMustBeOnePerSpeaker() {
        #expect(throws: SpeakerEdit.Problem.countMismatch(option: "--affiliation", given: 1, speakers: 2)) {
            try SpeakerEdit(affiliations: ["EPFL"]).applied(to: [Self.jane, Self.ido])
        }
        #expect(throws: SpeakerEdit.Problem.countMismatch(option: "--speaker-url", given: 2, speakers: 1)) {
            try SpeakerEdit(names: ["A"], urls: ["https://a.org", "https://b.org"]).applied(to: [])
        }
    }

    @Test func aLinkReplacesTheOneOfItsTitleOrIsAdded() throws {
        let video = TalkLink(title: "Video", url: "https://x.org/v.mp4")
        #expect(try LinkEdit(links: [video]).applied(to: [Self.slides]) == [Self.slides, video])
        let newSlides = TalkLink(title: "slides", url: "https://x.org/s2.pdf")
        #expect(try LinkEdit(links: [newSlides]).applied(to: [Self.slides, Self.paper]) == [newSlides, Self.paper])
        #expect(try LinkEdit(removingAll: true, links: [video]).applied(to: [Self.slides, Self.paper]) == [video])
        #expect(try LinkEdit(removingAll: true).applied(to: [Self.slides]) == [])
    }

    @Test func anEmptyURLRemovesTheLinkOfItsTitle() throws {
        #expect(try LinkEdit(links: [TalkLink(title: "SLIDES", url: "")]).applied(to: [Self.slides, Self.paper]) == [Self.paper])
        #expect(throws: LinkEdit.Problem.noSuchLink(title: "Video", existing: ["Slides"])) {
            try LinkEdit(links: [TalkLink(title: "Video", url: "")]).applied(to: [Self.slides])
        }
    }
}
