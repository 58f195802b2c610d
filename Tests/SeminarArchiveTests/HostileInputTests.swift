import Testing
@testable import SeminarArchive

/// Talk files are written by people and by tools; whatever they hold must either load as
/// plain text or be refused with a diagnostic, never crash or reach a feed unchecked.
@Suite struct HostileInputTests {
    static let name = "2021/2021-06-28-scott-pesme.json"

    /// Nearly a megabyte: the most a talk file may hold (`maximumFileSize`) still loads.
    @Test func aNearlyMegabyteAbstractLoads() throws {
        let big = String(repeating: "Gradient descent, é, 😀. ", count: 36_000)
        #expect(big.utf8.count > 950_000 && big.utf8.count < maximumFileSize - 1_000)
        let fixture = try ArchiveFixture()
        try fixture.write(Self.name, ArchiveFixture.talk(["abstract": "\"\(big)\""]))
        let result = fixture.load()
        #expect(result.diagnostics.isEmpty)
        #expect(result.talks.first?.talk.abstract == big)
    }

    @Test func aForbiddenCharacterDeepInAMegabyteAbstractIsPointedAt() throws {
        let big = String(repeating: "x", count: 1_000_000)
        let fixture = try ArchiveFixture()
        try fixture.write(Self.name, ArchiveFixture.talk(["abstract": "\"\(big)\\u001b\""]))
        let d = try #require(fixture.load().with("forbidden-character").first)
        #expect(d.position == "7:\(16 + 1_000_000)")
        #expect(d.message == "`abstract` contains U+001B, a character XML 1.0 forbids")
    }

    @Test func markupInStringsIsJustText() throws {
        let fixture = try ArchiveFixture()
        let title = "<script>alert('x')</script> ]]> &amp; <![CDATA["
        try fixture.write(Self.name, ArchiveFixture.talk(["title": "\"\(title)\"", "abstract": "\"a ]]> b <b>\""]))
        let result = fixture.load()
        #expect(result.diagnostics.isEmpty)
        #expect(result.talks.first?.talk.title == title)
    }

    @Test func scriptAndDataLinksNeverLoad() throws {
        let fixture = try ArchiveFixture()
        let links = "[{\"title\": \"a\", \"url\": \"javascript:alert(1)\"}, {\"title\": \"b\", \"url\": \" JAVASCRIPT:x\"}]"
        try fixture.write(Self.name, ArchiveFixture.talk(adding: [("links", links), ("meeting", "\"data:text/html;base64,PHNjcmlwdD4=\"")]))
        let result = fixture.load()
        #expect(result.with("invalid-url").count == 3)
        #expect(result.talks.isEmpty)
    }

    @Test func controlCharactersAreRejected() throws {
        let fixture = try ArchiveFixture()
        // Escaped: the reader decodes them, the loader refuses them. U+FFFF too.
        try fixture.write(Self.name, ArchiveFixture.talk(["title": "\"bell\\u0007\"", "abstract": "\"x\\uffff\""]))
        // Raw: JSON itself forbids an unescaped control character.
        try fixture.write("2021/2021-07-05-scott-pesme.json", ArchiveFixture.talk(["id": "\"t2\"", "title": "\"a\u{01}b\""]))
        let result = fixture.load()
        #expect(result.with("forbidden-character").map(\.position) == ["3:17", "7:17"])
        #expect(result.with("malformed-json").map(\.position) == ["3:14"])
        #expect(result.with("malformed-json").first?.message
            == "malformed JSON: a control character (U+0001) inside a string; JSON needs it written as an escape")
        #expect(result.talks.isEmpty)
    }

    @Test func rawNoncharactersAreRejectedToo() throws {
        let fixture = try ArchiveFixture()
        // Written as raw UTF-8 (EF BF BF), not as an escape.
        try fixture.write(Self.name, ArchiveFixture.talk(["title": "\"a\u{FFFF}\""]))
        let d = try #require(fixture.load().with("forbidden-character").first)
        #expect(d.position == "3:14")
        #expect(d.message == "`title` contains U+FFFF, a character XML 1.0 forbids")
    }

    @Test func latexBackslashesAreNotEscapes() throws {
        let fixture = try ArchiveFixture()
        try fixture.write(Self.name, ArchiveFixture.talk(["abstract": #""$\\upsilon + \\u0001$""#]))
        let result = fixture.load()
        #expect(result.diagnostics.isEmpty)
        #expect(result.talks.first?.talk.abstract == #"$\upsilon + \u0001$"#)
    }

    @Test func tabsAndLineBreaksInStringsAreFine() throws {
        let fixture = try ArchiveFixture()
        try fixture.write(Self.name, ArchiveFixture.talk(["abstract": "\"one\\n\\ttwo\\r\\nthree\""]))
        #expect(fixture.load().diagnostics.isEmpty)
    }

    @Test func invalidUTF8OutsideAStringIsNamedAsSuch() throws {
        var bytes = Array(ArchiveFixture.talk().utf8)
        bytes.insert(contentsOf: [0xE2, 0x28, 0xA1], at: bytes.count - 3)  // a broken 3-byte sequence before `}`
        let fixture = try ArchiveFixture()
        try fixture.write(Self.name, bytes: bytes)
        let result = fixture.load()
        #expect(result.diagnostics.map(\.code) == ["invalid-utf8"])
        #expect(result.diagnostics.first?.position == "10:36")
    }

    @Test func deepNestingIsRefusedNotACrash() throws {
        let fixture = try ArchiveFixture()
        let depth = 100_000
        try fixture.write(Self.name, ArchiveFixture.talk(adding: [("deep", String(repeating: "[", count: depth) + String(repeating: "]", count: depth))]))
        let result = fixture.load()
        #expect(result.hasErrors)
        #expect(result.talks.isEmpty)
    }

    @Test func notAnObjectAtTheTop() throws {
        let fixture = try ArchiveFixture()
        try fixture.write(Self.name, "[1, 2]")
        let d = try #require(fixture.load().with("wrong-type").first)
        #expect(d.position == "1:1")
        #expect(d.message == "the file must be an object, not an array")
    }

    @Test func hugeAndFractionalNumbers() throws {
        let fixture = try ArchiveFixture()
        try fixture.write(Self.name, ArchiveFixture.talk(["duration": "1e300"]))
        try fixture.write("2021/2021-07-05-scott-pesme.json", ArchiveFixture.talk(["id": "\"t2\"", "start": "\"2021-07-05T16:30\"", "duration": "60.5"]))
        let result = fixture.load()
        #expect(result.with("wrong-type").map(\.message) == [
            "`duration` must be a whole number, not a number this large",
            "`duration` must be a whole number, not a fractional number",
        ])
    }
}
