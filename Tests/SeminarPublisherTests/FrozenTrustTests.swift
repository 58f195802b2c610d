import Foundation
import SeminarArchive
import Testing
@testable import SeminarPublisher

/// `check`, `build` and `verify` judge a frozen year by one rule, and a record that does
/// not decode is reported where it goes wrong.
@Suite struct FrozenTrustTests {
    static let now = Instant(rfc3339: "2022-03-01T12:00:00Z")!

    /// 2019 and 2020 frozen; 2021 open.
    func frozenArchive() throws -> (ArchiveFixture, Publisher) { try PinnedFilesTests().frozenArchive() }

    var recordPath: (ArchiveFixture) -> String { { $0.archive + "/snapshots/2019.json" } }

    func record(_ a: ArchiveFixture) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: recordPath(a))), as: UTF8.self)
    }

    func writeRecord(_ a: ArchiveFixture, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: recordPath(a)))
    }

    /// The record's problem, as `check` reports it.
    func recordProblem(_ a: ArchiveFixture, _ p: Publisher) throws -> Diagnostic {
        let found = p.check().diagnostics.filter { $0.code == "invalid-snapshot-record" }
        #expect(found.count == 1, "\(found)")
        return try #require(found.first)
    }

    func line(of needle: String, in text: String) -> Int? {
        text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(needle) }.map { $0 + 1 }
    }

    @Test func aMistypedFieldIsNamedWhereItIs() throws {
        let (a, p) = try frozenArchive()
        defer { a.remove() }
        let text = try record(a)
        try writeRecord(a, text.replacingOccurrences(of: #""file" : "2019/2019-05-06-ada-one.json""#, with: #""file" : 3"#))
        let d = try recordProblem(a, p)
        #expect(d.message == "`talks.a1.file` must be a string, not a number")
        #expect(d.location?.line == line(of: #""file" : 3"#, in: try record(a)))
        #expect(d.fix?.contains("git checkout") == true)
        #expect(!d.message.contains("DecodingError") && !d.message.contains("CodingKeys"))
    }

    @Test func nullWhereAValueMustBe() throws {
        let (a, p) = try frozenArchive()
        defer { a.remove() }
        try writeRecord(a, try record(a).replacingOccurrences(of: #""file" : "2019/2019-05-06-ada-one.json""#, with: #""file" : null"#))
        let d = try recordProblem(a, p)
        #expect(d.message == "`talks.a1.file` must be a string, not null")
        #expect(d.location?.line ?? 1 > 1)
        try writeRecord(a, "null\n")
        let only = try recordProblem(a, p)
        #expect(only.message == "the record must be an object, not null", "\(only)")
    }

    @Test func aTruncatedRecordOrAnUnrepresentableNumberIsPlaced() throws {
        let (a, p) = try frozenArchive()
        defer { a.remove() }
        let text = try record(a)
        try writeRecord(a, String(text.prefix(text.count / 2)))
        let truncated = try recordProblem(a, p)
        #expect(truncated.message.hasPrefix("malformed JSON"))
        #expect(truncated.location != FileLocation(path: truncated.location!.path, line: 1, column: 1))
        let format = #""format" : \#(SnapshotRecord.currentFormat)"#
        #expect(text.contains(format))
        try writeRecord(a, text.replacingOccurrences(of: format, with: #""format" : 1e400"#))
        let large = try recordProblem(a, p)
        #expect(large.location?.line == line(of: "1e400", in: try record(a)), "\(large)")
    }

    /// A changed fingerprint in a record whose talk file is byte for byte as frozen: the
    /// file vouches for the talk, for `check` as for `build`.
    @Test func checkAndBuildAgreeOnAChangedFingerprint() throws {
        let (a, p) = try frozenArchive()
        defer { a.remove() }
        let text = try record(a)
        let talks = try #require(text.range(of: #""talks" : {"#))
        let fingerprint = try #require(text.range(of: #""title" : ""#, range: talks.upperBound..<text.endIndex))
        var changed = text
        changed.replaceSubrange(fingerprint.upperBound..<text.index(fingerprint.upperBound, offsetBy: 4), with: "0000")
        #expect(changed != text)
        try writeRecord(a, changed)
        let check = p.check()
        let build = try p.build()
        #expect(check.hasErrors == build.diagnostics.contains { $0.severity == .error }, "\(check.diagnostics) / \(build.diagnostics)")
        #expect(!check.hasErrors)
    }

    func errors(_ diagnostics: [Diagnostic]) -> [String] {
        diagnostics.filter { $0.severity == .error }.map(\.code)
    }

    /// A changed document digest in a record: the build renders the year again, finds it
    /// does not match, and fails; `check` says the same.
    @Test func checkAndBuildAgreeOnAChangedDocumentDigest() throws {
        let (a, p) = try frozenArchive()
        defer { a.remove() }
        let text = try record(a)
        let digest = try #require(text.range(of: #""archive/2019/atom.xml" : "sha256:"#))
        var changed = text
        changed.replaceSubrange(digest.upperBound..<text.index(digest.upperBound, offsetBy: 4), with: "0000")
        try writeRecord(a, changed)
        let check = errors(p.check().diagnostics)
        let build = errors(try p.build().diagnostics)
        #expect(check == ["frozen-document-changed"])
        #expect(build == check)
        #expect(errors(try p.verify()).contains("frozen-document-changed"))
        // `check FILE` of the record says it too; of another file, not.
        let recordPath = SnapshotStore(archiveRoot: p.archiveRoot).path(of: 2019)
        #expect(errors(p.check(files: [recordPath]).diagnostics) == check)
        #expect(errors(p.check(files: [ArchiveFolder(p.archiveRoot).seminarFile]).diagnostics).isEmpty)
    }

    /// A deleted record does not unfreeze its year while the year's documents are published.
    @Test func aDeletedRecordIsAnErrorWhileTheYearIsPublished() throws {
        let (a, p) = try frozenArchive()
        defer { a.remove() }
        try FileManager.default.removeItem(atPath: recordPath(a))
        let check = p.check().diagnostics.filter { $0.code == "frozen-year-record-missing" }
        #expect(check.count == 1)
        #expect(check.first?.location?.path == recordPath(a))
        #expect(check.first?.fix?.contains("git checkout") == true)
        let build = try p.build()
        #expect(errors(build.diagnostics) == ["frozen-year-record-missing"])
        #expect(build.report == nil)
        // Unfreezing on purpose: the published year goes too.
        try FileManager.default.removeItem(atPath: a.feeds + "/archive/2019")
        #expect(errors(p.check().diagnostics).isEmpty)
    }

    @Test func aFolderInPlaceOfSeminarJSONIsTheSameErrorForCheckAndBuild() throws {
        let (a, p) = try frozenArchive()
        defer { a.remove() }
        try FileManager.default.removeItem(atPath: a.archive + "/seminar.json")
        try FileManager.default.createDirectory(atPath: a.archive + "/seminar.json", withIntermediateDirectories: false)
        let check = errors(p.check().diagnostics)
        #expect(check.contains("unreadable-file"))
        #expect(errors(try p.build().diagnostics) == check)
    }

    /// A change to seminar.json that a frozen year's documents show: `check` names the
    /// field and how to publish it; `build` and `verify` say the same; after the amendment
    /// all three pass.
    @Test func aSeminarChangeOverAFrozenYearIsNamedAndCanBeAmended() throws {
        let (a, p) = try frozenArchive()
        defer { a.remove() }
        var seminar = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: a.archive + "/seminar.json"))) as? [String: Any])
        seminar["title"] = "Renamed Seminar"
        try a.write(seminar, to: "seminar.json")
        let check = p.check().diagnostics.filter { $0.severity == .error }
        #expect(check.map(\.code) == ["frozen-year-seminar-changed"], "\(check)")
        let d = try #require(check.first)
        #expect(d.message.hasPrefix("`title` of seminar.json changed after 2019, 2020 were frozen"))
        #expect(d.location?.path.hasSuffix("seminar.json") == true && d.sourceLine?.contains("\"title\"") == true)
        #expect(d.fix?.contains("`seminar snapshot 2019 --amend --reason \"…\"`, then `seminar snapshot 2020 --amend") == true)
        #expect(errors(try p.build().diagnostics) == ["frozen-year-seminar-changed"])
        #expect(errors(try p.verify()).contains("frozen-year-seminar-changed"))
        _ = try p.snapshot(year: 2019, now: Self.now, amendReason: "the seminar was renamed")
        #expect(p.check().diagnostics.first { $0.code == "frozen-year-seminar-changed" }?.message.hasPrefix("`title` of seminar.json changed after 2020 was frozen") == true)
        _ = try p.snapshot(year: 2020, now: Self.now, amendReason: "the seminar was renamed")
        #expect(errors(p.check().diagnostics).isEmpty)
        #expect(errors(try p.verify()).isEmpty)
        let atom = String(decoding: try Data(contentsOf: URL(fileURLWithPath: a.feeds + "/archive/2019/atom.xml")), as: UTF8.self)
        #expect(atom.contains("<title>Renamed Seminar</title>"))
    }
}
