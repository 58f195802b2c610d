import Testing
@testable import SeminarArchive

@Suite struct DeterminismTests {
    /// Files of an archive with talks, warnings and errors, as (path, text).
    static let files: [(String, String)] = [
        ("2021/2021-06-28-scott-pesme.json", ArchiveFixture.talk()),
        ("2021/2021-07-12-leonardo-petrini.json", ArchiveFixture.talk(["id": "\"t2\"", "start": "\"2021-07-12T16:30\""])),
        ("2021/tbd-francesco-cagnetta.json", ArchiveFixture.talk(["id": "\"t3\"", "start": nil])),
        ("2021/tbd-ido-nachum.json", ArchiveFixture.talk(["id": "\"t0\"", "start": nil])),
        ("2021/2021-05-17-x.json", ArchiveFixture.talk(["id": "\"t1\"", "start": "\"2021-05-17T16:30\""])),
        ("2021/2021-05-18-broken.json", "{\"id\": }"),
        ("2022/2022-01-10-a.json", ArchiveFixture.talk(["id": "\"t4\"", "start": "\"2022-01-10T16:30\""], adding: [("titel", "\"x\"")])),
        ("2021/2021-06-01-late.json", ArchiveFixture.talk(["id": "\"t5\"", "start": "\"2021-06-02T16:30\""])),
        ("2021/readme.md", "hello"),
    ]

    func load(creatingIn order: [Int]) throws -> (root: String, result: ArchiveLoadResult, fixture: ArchiveFixture) {
        let fixture = try ArchiveFixture()
        for i in order { try fixture.write(Self.files[i].0, Self.files[i].1) }
        return (fixture.root, fixture.load(), fixture)
    }

    @Test func sameResultWhateverTheCreationOrder() throws {
        let forward = try load(creatingIn: Array(Self.files.indices))
        let backward = try load(creatingIn: Array(Self.files.indices.reversed()))
        let shuffled = try load(creatingIn: [4, 0, 7, 2, 8, 5, 1, 6, 3])
        func summary(_ run: (root: String, result: ArchiveLoadResult, fixture: ArchiveFixture)) -> [String] {
            run.result.diagnostics.map { $0.description.replacingOccurrences(of: run.root, with: "ROOT") }
                + run.result.talks.map(\.talk.id)
        }
        #expect(summary(forward) == summary(backward))
        #expect(summary(forward) == summary(shuffled))
        // To be defined first (by id), then newest first.
        #expect(forward.result.talks.map(\.talk.id) == ["t0", "t3", "t2", "t5", "t1"])
        #expect(forward.result.with("duplicate-id").first?.location?.path == forward.fixture.path("2021/2021-06-28-scott-pesme.json"))
    }

    @Test func repeatedLoadsAgree() throws {
        let run = try load(creatingIn: Array(Self.files.indices))
        let again = ArchiveLoader(root: run.root).load()
        #expect(again.diagnostics == run.result.diagnostics)
        #expect(again.talks.map(\.talk) == run.result.talks.map(\.talk))
    }
}
