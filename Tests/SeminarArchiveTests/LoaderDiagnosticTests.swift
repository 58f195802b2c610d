import Testing
@testable import SeminarArchive

/// One test per diagnostic code: the code, the exact line:column and the message.
/// Positions refer to the standard talk file of `ArchiveFixture.talk` (one member per line).
@Suite struct LoaderDiagnosticTests {
    static let standardName = "2021/2021-06-28-scott-pesme.json"

    /// Loads an archive holding `text` at `relative` and returns the only diagnostic with `code`.
    func only(_ code: String, talk text: String, at relative: String = standardName,
              seminar: String = ArchiveFixture.seminarJSON) throws -> (Diagnostic, ArchiveFixture, ArchiveLoadResult) {
        let fixture = try ArchiveFixture(seminar: seminar)
        try fixture.write(relative, text)
        let result = fixture.load()
        let found = result.with(code)
        #expect(found.count == 1, "diagnostics: \(result.diagnostics)")
        let d = try #require(found.first)
        return (d, fixture, result)
    }

    @Test func theStandardTalkIsClean() throws {
        let fixture = try ArchiveFixture()
        try fixture.write(Self.standardName, ArchiveFixture.talk())
        let result = fixture.load()
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.talks.map(\.talk.id) == ["t1"])
        #expect(result.seminar?.timeZone == "Europe/Zurich")
    }

    @Test func malformedJSONIsPlacedAtItsColumn() throws {
        // The reader counts bytes: the é before the error is two bytes but one column.
        let text = "{\n  \"title\": \"Café\", \"id\": x\n}\n"
        let (d, f, result) = try only("malformed-json", talk: text)
        #expect(d.location?.path == f.path(Self.standardName))
        #expect(d.position == "2:26")
        #expect(d.message == "malformed JSON: `x` is not a JSON value")
        #expect(d.fix == "write text in double quotes: `\"x\"`")
        #expect(d.sourceLine == "  \"title\": \"Café\", \"id\": x")
        #expect(d.description == "\(f.path(Self.standardName)):2:26: error: malformed JSON: `x` is not a JSON value [malformed-json]")
        #expect(result.talks.isEmpty)
    }

    @Test func aTrailingCommaIsAnErrorAndTheFileIsStillRead() throws {
        let text = ArchiveFixture.talk(adding: [("abstarct", "\"\"")]).replacingOccurrences(of: "\n}\n", with: ",\n}\n")
        let fixture = try ArchiveFixture()
        try fixture.write(Self.standardName, text)
        let result = fixture.load()
        let d = try #require(result.with("malformed-json").first)
        #expect(result.with("malformed-json").count == 1)
        #expect(d.position == "11:17")
        #expect(d.message == "malformed JSON: a comma before `}`; JSON allows none there, and other tools reject the file")
        #expect(d.fix == "remove the comma")
        // The file is still read, so its other problems are reported at once.
        #expect(result.with("unknown-key").count == 1)
    }

    @Test func aTrailingCommaInAnArray() throws {
        let (d, _, _) = try only("malformed-json", talk: ArchiveFixture.talk(["speakers": #"[{"name": "Scott Pesme"},]"#]))
        #expect(d.position == "4:39")
        #expect(d.message.hasPrefix("malformed JSON: a comma before `]`"))
    }

    @Test func aMemberNameGivenTwiceIsAnErrorWithTheFirstAsANote() throws {
        let (d, f, _) = try only("duplicate-key", talk: ArchiveFixture.talk(adding: [("title", #""Another talk""#)]))
        #expect(d.position == "11:3")
        #expect(d.message == "`title` is given twice in this object; only this last value would count")
        let note = try #require(d.notes.first)
        #expect(note.message == "first given here")
        #expect(note.location == FileLocation(path: f.path(Self.standardName), line: 3, column: 3))
    }

    @Test(arguments: [#"[{"name": "A", "n\u0061me": "B"}]"#, #"[{"name": "A", "affiliation": "X", "name": "B"}]"#])
    func repeatedNamesAreFoundInNestedObjectsAndThroughEscapes(_ speakers: String) throws {
        let (d, _, _) = try only("duplicate-key", talk: ArchiveFixture.talk(["speakers": speakers]))
        #expect(d.message.hasPrefix("`name` is given twice"))
    }

    @Test func namesRepeatedInSeparateObjectsAndBracketsInsideStringsAreFine() throws {
        let fixture = try ArchiveFixture()
        try fixture.write(Self.standardName, ArchiveFixture.talk([
            "speakers": #"[{"name": "A"}, {"name": "B"}]"#, "abstract": #""Commas and brackets: ,} ,] \",}""#,
        ]))
        let result = fixture.load()
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.talks.first?.talk.speakers.map(\.name) == ["A", "B"])
    }

    @Test func aMissingCommaOrColonIsNamedAtItsPlace() throws {
        let noComma = ArchiveFixture.talk().replacingOccurrences(of: #""duration": 60,"#, with: #""duration": 60"#)
        let (comma, _, _) = try only("malformed-json", talk: noComma)
        #expect(comma.position == "6:17")
        #expect(comma.message == "malformed JSON: a comma is missing after this value")
        #expect(comma.fix == "add `,` here")
        let noColon = ArchiveFixture.talk().replacingOccurrences(of: #""duration": 60,"#, with: #""duration" 60,"#)
        let (colon, _, _) = try only("malformed-json", talk: noColon)
        #expect(colon.position == "6:13")
        #expect(colon.message == "malformed JSON: a colon is missing after this member name")
    }

    @Test(arguments: [("{}", "12:1"), ("}", "12:1"), ("garbage", "12:1"), (",", "12:1"), ("  [1]", "12:3")])
    func textAfterTheTalksObjectIsNamedAtItsStart(_ stray: String, _ position: String) throws {
        let (d, _, result) = try only("malformed-json", talk: ArchiveFixture.talk() + stray)
        #expect(d.position == position)
        #expect(d.message == "malformed JSON: text after the end of the talk's object; a talk file holds one JSON object")
        #expect(d.fix == "remove it")
        #expect(result.talks.isEmpty)
    }

    @Test func textAfterTheSeminarsObjectAndRightAfterTheBrace() throws {
        let (s, f, _) = try only("malformed-json", talk: ArchiveFixture.talk(), seminar: ArchiveFixture.seminarJSON + "{}")
        #expect(s.location?.path == f.path("seminar.json"))
        #expect(s.position == "14:1")
        #expect(s.message == "malformed JSON: text after the end of the seminar's object; seminar.json holds one JSON object")
        let (d, _, _) = try only("malformed-json", talk: String(ArchiveFixture.talk().dropLast()) + "{}")
        #expect(d.position == "11:2")
        #expect(d.message.hasPrefix("malformed JSON: text after the end"))
    }

    @Test func aBracketClosedTwiceInsideTheObjectIsNoTextAfterIt() throws {
        let (d, _, _) = try only("malformed-json", talk: ArchiveFixture.talk(["speakers": #"[{"name": "Scott Pesme"}}"#]))
        #expect(d.position == "4:39")
        #expect(!d.message.contains("text after"), "\(d.message)")
    }

    @Test(arguments: [
        (#""Under\ud800the""#, "3:18", "`\\ud800` is a lone surrogate: a high surrogate must be followed by a low one, `\\udc00` to `\\udfff`"),
        (#""Under\uDC00the""#, "3:18", "`\\uDC00` is a lone surrogate: a low surrogate must follow a high one, `\\ud800` to `\\udbff`"),
        (#""\ud800\ud800""#, "3:13", "`\\ud800` is a lone surrogate: a high surrogate must be followed by a low one, `\\udc00` to `\\udfff`"),
        // A whole pair and an escaped backslash before `ud800` are fine; the third escape is not.
        (#""\ud83d\ude00 \\ud800 \ud800x""#, "3:34", "`\\ud800` is a lone surrogate: a high surrogate must be followed by a low one, `\\udc00` to `\\udfff`"),
    ])
    func aLoneSurrogateEscapeIsNamedAtItsPlace(_ title: String, _ position: String, _ message: String) throws {
        let (d, _, _) = try only("malformed-json", talk: ArchiveFixture.talk(["title": title]))
        #expect(d.position == position)
        #expect(d.message == "malformed JSON: " + message)
        #expect(d.fix == "write the character itself, or both escapes of its surrogate pair")
    }

    @Test func anEarlierErrorComesBeforeALoneSurrogate() throws {
        let (d, _, _) = try only("malformed-json", talk: ArchiveFixture.talk(["id": "x", "title": #""\ud800""#]))
        #expect(d.position == "2:9")
        #expect(d.message == "malformed JSON: `x` is not a JSON value")
    }

    @Test func aByteOrderMarkIsNoColumnAndIsNotShown() throws {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let fixture = try ArchiveFixture()
        // An unknown key on line 1, placed by the locator.
        try fixture.write(Self.standardName, bytes: bom + Array(("{\"abstarct\": \"x\"," + ArchiveFixture.talk().dropFirst()).utf8))
        let key = try #require(fixture.load().with("unknown-key").first)
        #expect(key.position == "1:2")
        #expect(key.sourceLine == #"{"abstarct": "x","#)
        // An invalid value on line 1: the mark is no column.
        try fixture.write(Self.standardName, bytes: bom + Array(("{\"id\": x," + ArchiveFixture.talk().dropFirst()).utf8))
        let value = try #require(fixture.load().with("malformed-json").first)
        #expect(value.position == "1:8")
        #expect(value.message == "malformed JSON: `x` is not a JSON value")
        #expect(value.sourceLine == #"{"id": x,"#)
        // Text after the object.
        try fixture.write(Self.standardName, bytes: bom + Array((ArchiveFixture.talk() + "{}").utf8))
        let stray = try #require(fixture.load().with("malformed-json").first)
        #expect(stray.position == "12:1")
        #expect(stray.message.hasPrefix("malformed JSON: text after the end"))
    }

    @Test(arguments: ["\r", "\r\n"])
    func aLoneCarriageReturnEndsALineAsCRLFDoes(_ lineBreak: String) throws {
        let text = ArchiveFixture.talk(["status": "\"canceled\""]).replacingOccurrences(of: "\n", with: lineBreak)
        let (d, _, _) = try only("invalid-value", talk: text)
        #expect(d.position == "8:13")
        #expect(d.sourceLine == #"  "status": "canceled","#)
    }

    @Test func anUnclosedArrayIsReportedAtTheEndWithANoteWhereItOpens() throws {
        let (d, f, _) = try only("malformed-json", talk: "{\n  \"id\": [1, 2\n")
        #expect(d.position == "3:1")
        #expect(d.message == "malformed JSON: the file ends before this array is closed")
        #expect(d.notes.map(\.message) == ["the array opens here"])
        #expect(d.notes.first?.location == FileLocation(path: f.path(Self.standardName), line: 2, column: 9))
    }

    @Test func invalidUTF8() throws {
        var bytes = Array(ArchiveFixture.talk(["title": "\"éX\""]).utf8)
        let x = try #require(bytes.firstIndex(of: UInt8(ascii: "X")))
        bytes[x] = 0xFF
        let fixture = try ArchiveFixture()
        try fixture.write(Self.standardName, bytes: bytes)
        let result = fixture.load()
        let d = try #require(result.with("invalid-utf8").first)
        #expect(result.diagnostics.count == 1)
        #expect(d.position == "3:14")
        #expect(d.message == "invalid UTF-8 (byte 0xFF); save the file as UTF-8")
    }

    @Test func missingFieldIsReportedAtTheObject() throws {
        let (d, _, _) = try only("missing-field", talk: ArchiveFixture.talk(["title": nil]))
        #expect(d.position == "1:1")
        #expect(d.message == "missing required field `title`")

        let (n, _, _) = try only("missing-field", talk: ArchiveFixture.talk(["speakers": "[{\"affiliation\": \"EPFL\"}]"]))
        #expect(n.position == "4:16")
        #expect(n.message == "missing required field `name`")
    }

    @Test func wrongType() throws {
        let (d, _, _) = try only("wrong-type", talk: ArchiveFixture.talk(["duration": "\"60\""]))
        #expect(d.position == "6:15")
        #expect(d.message == "`duration` must be a whole number, not a string")

        let (s, _, _) = try only("wrong-type", talk: ArchiveFixture.talk(["speakers": "[\"Scott\"]"]))
        #expect(s.position == "4:16")
        #expect(s.message == "`speakers[0]` must be an object, not a string")

        let (b, _, _) = try only("wrong-type", talk: ArchiveFixture.talk(adding: [("privateMeeting", "1")]))
        #expect(b.position == "11:21")
        #expect(b.message == "`privateMeeting` must be true or false, not a number")
    }

    @Test func unknownKeyWithSuggestion() throws {
        let (d, _, _) = try only("unknown-key", talk: ArchiveFixture.talk(adding: [("abstarct", "\"x\"")]))
        #expect(d.position == "11:3")
        #expect(d.message == "unknown key `abstarct`")
        #expect(d.fix == "did you mean `abstract`?")

        let (n, _, _) = try only("unknown-key", talk: ArchiveFixture.talk(["speakers": "[{\"name\": \"A\", \"affilation\": \"B\"}]"]))
        #expect(n.position == "4:30")
        #expect(n.fix == "did you mean `affiliation`?")

        let (far, _, _) = try only("unknown-key", talk: ArchiveFixture.talk(adding: [("colour", "\"red\"")]))
        #expect(far.fix == nil)
    }

    @Test func theFeedsOwnIdIsReserved() throws {
        let (d, _, result) = try only("invalid-value", talk: ArchiveFixture.talk(["id": "\"feed\""]))
        #expect(d.position == "2:9")
        #expect(d.message == "`id` `feed` is reserved for the feeds' own id")
        #expect(result.talks.isEmpty)
    }

    @Test func startInADaylightSavingGap() throws {
        let (d, _, result) = try only("nonexistent-local-time", talk: ArchiveFixture.talk(["start": "\"2021-03-28T02:30\""]),
                                      at: "2021/2021-03-28-scott-pesme.json")
        #expect(d.position == "5:12")
        #expect(d.message == "`2021-03-28T02:30` does not exist in Europe/Zurich: the clocks skip that time when they go forward")
        #expect(result.talks.isEmpty)
    }

    @Test func startInADaylightSavingOverlap() throws {
        let (d, _, _) = try only("ambiguous-local-time", talk: ArchiveFixture.talk(["start": "\"2021-10-31T02:30\""]),
                                 at: "2021/2021-10-31-scott-pesme.json")
        #expect(d.position == "5:12")
        #expect(d.message == "`2021-10-31T02:30` is ambiguous in Europe/Zurich: the clocks go back and show that time twice")
    }

    @Test func unknownTimeZone() throws {
        let (d, _, _) = try only("unknown-timezone", talk: ArchiveFixture.talk(adding: [("timezone", "\"Europe/Atlantis\"")]))
        #expect(d.position == "11:15")
        #expect(d.message == "unknown time zone `Europe/Atlantis`")

        let (s, f, _) = try only("unknown-timezone", talk: ArchiveFixture.talk(),
                                 seminar: ArchiveFixture.seminar(replacing: "timezone", with: "\"Mars/Olympus\""))
        #expect(s.location?.path == f.path("seminar.json"))
        #expect(s.position == "7:15")
    }

    @Test func invalidDates() throws {
        let (d, _, result) = try only("invalid-date", talk: ArchiveFixture.talk(["start": "\"2021-02-30T16:30\""]))
        #expect(d.position == "5:12")
        #expect(d.message == "invalid `start` `2021-02-30T16:30`: expected an existing date and time as YYYY-MM-DDTHH:MM")
        #expect(result.diagnostics.count == 1)  // no follow-up file name or folder complaint

        let (p, _, _) = try only("invalid-date", talk: ArchiveFixture.talk(["published": "\"yesterday\""]))
        #expect(p.position == "9:16")
        #expect(p.message == "invalid `published` `yesterday`: expected an RFC 3339 date-time such as 2021-06-20T09:15:00Z")

        let (t, _, _) = try only("invalid-date", talk: ArchiveFixture.talk(),
                                 seminar: ArchiveFixture.seminar(replacing: "defaultStartTime", with: "\"4pm\""))
        #expect(t.position == "8:23")
        #expect(t.message == "invalid `defaultStartTime` `4pm`: expected a time as HH:MM")
    }

    @Test func wrongYearFolder() throws {
        let (d, _, _) = try only("wrong-year-folder", talk: ArchiveFixture.talk(), at: "2022/2021-06-28-scott-pesme.json")
        #expect(d.position == "5:12")
        #expect(d.message == "the talk starts in 2021 but its file is in the `2022` folder")
        #expect(d.fix == "move it to the `2021` folder")

        let (t, _, _) = try only("wrong-year-folder", talk: ArchiveFixture.talk(["start": nil]), at: "2022/tbd-scott-pesme.json")
        #expect(t.position == "8:16")
        #expect(t.message == "the talk is still to be defined and was published in 2021, but its file is in the later `2022` folder")
    }

    @Test func toBeDefinedTalksMayStayInAnEarlierFolder() throws {
        let fixture = try ArchiveFixture()
        try fixture.write("2020/tbd-scott-pesme.json", ArchiveFixture.talk(["start": nil]))
        let result = fixture.load()
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.talks.first?.talk.year == 2020)
    }

    @Test func duplicateIDPointsAtTheOtherFile() throws {
        let fixture = try ArchiveFixture()
        try fixture.write(Self.standardName, ArchiveFixture.talk())
        try fixture.write("2021/2021-07-05-scott-pesme.json", ArchiveFixture.talk(["start": "\"2021-07-05T16:30\""]))
        let result = fixture.load()
        #expect(result.diagnostics.count == 1)
        let d = try #require(result.with("duplicate-id").first)
        #expect(d.location?.path == fixture.path("2021/2021-07-05-scott-pesme.json"))
        #expect(d.position == "2:9")
        #expect(d.message == "duplicate id `t1`: another talk already uses it")
        #expect(d.notes.first?.location == FileLocation(path: fixture.path(Self.standardName), line: 2, column: 9))
        #expect(result.talks.map(\.talk.start?.day) == [28])
    }

    @Test func theSameSpeakersAtTheSameTimeAreAPossibleDuplicateOnTheNewerTalk() throws {
        let fixture = try ArchiveFixture()
        // Written first, so first in path order too: the warning still goes to the newer talk.
        try fixture.write("2021/2021-06-28-scott-pesme-2.json", ArchiveFixture.talk([
            "id": "\"t2\"", "speakers": #"[{"name": "scott pesme"}]"#, "published": "\"2021-06-25T08:00:00Z\"",
            "updated": "\"2021-06-25T08:00:00Z\"",
        ]))
        try fixture.write(Self.standardName, ArchiveFixture.talk())
        let result = fixture.load()
        #expect(result.diagnostics.count == 1, "\(result.diagnostics)")
        let d = try #require(result.with("possible-duplicate").first)
        #expect(d.severity == .warning)
        #expect(d.location?.path == fixture.path("2021/2021-06-28-scott-pesme-2.json"))
        #expect(d.position == "5:12")
        #expect(d.message == "scott pesme already speaks at 2021-06-28T16:30 in \(fixture.path(Self.standardName)): the same talk twice?")
        #expect(d.notes.first?.location == FileLocation(path: fixture.path(Self.standardName), line: 5, column: 12))
        #expect(result.talks.count == 2)
    }

    /// An overlapping time, or the name spelled with other case, accents or spacing, is
    /// still the same speaker at the same time.
    @Test(arguments: [
        ["start": "\"2021-06-28T17:00\""],
        ["speakers": #"[{"name": "SCOTT  PESME"}]"#],
        ["speakers": #"[{"name": "Scótt Pesme"}]"#, "start": "\"2021-06-28T16:00\""],
    ] as [[String: String?]])
    func overlappingTimesAndOtherSpellingsArePossibleDuplicates(_ change: [String: String?]) throws {
        let fixture = try ArchiveFixture()
        try fixture.write(Self.standardName, ArchiveFixture.talk())
        var other = change
        other["id"] = "\"t2\""
        other["published"] = "\"2021-06-25T08:00:00Z\""
        other["updated"] = "\"2021-06-25T08:00:00Z\""
        try fixture.write("2021/2021-06-28-scott-pesme-2.json", ArchiveFixture.talk(other))
        let result = fixture.load()
        #expect(result.diagnostics.map(\.code) == ["possible-duplicate"], "\(result.diagnostics)")
        let d = try #require(result.with("possible-duplicate").first)
        #expect(d.location?.path == fixture.path("2021/2021-06-28-scott-pesme-2.json"))
        #expect(d.message.hasSuffix("already speaks at 2021-06-28T16:30 in \(fixture.path(Self.standardName)): the same talk twice?"))
    }

    @Test(arguments: [
        ("2021-06-28-scott-pesme-2", ["start": "\"2021-06-28T17:30\""]), ("2021-06-28-ido-nachum", ["speakers": #"[{"name": "Ido Nachum"}]"#]),
        ("2021-06-28-scott-pesme-ido-nachum", ["speakers": #"[{"name": "Scott Pesme"}, {"name": "Ido Nachum"}]"#]),
        ("tbd-scott-pesme", ["start": nil]),
    ] as [(String, [String: String?])])
    func anotherTimeOrSpeakerIsNoDuplicate(_ name: String, _ change: [String: String?]) throws {
        let fixture = try ArchiveFixture()
        try fixture.write(Self.standardName, ArchiveFixture.talk())
        var other = change
        other["id"] = "\"t2\""
        try fixture.write("2021/\(name).json", ArchiveFixture.talk(other))
        let result = fixture.load()
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    }

    @Test func theSameWallClockTimeInAnotherZoneIsNoDuplicate() throws {
        let fixture = try ArchiveFixture()
        try fixture.write(Self.standardName, ArchiveFixture.talk())
        try fixture.write("2021/2021-06-28-scott-pesme-2.json", ArchiveFixture.talk(["id": "\"t2\""], adding: [("timezone", "\"Europe/London\"")]))
        let result = fixture.load()
        #expect(result.with("possible-duplicate").isEmpty, "\(result.diagnostics)")
    }

    @Test func invalidURLs() throws {
        let (d, _, _) = try only("invalid-url", talk: ArchiveFixture.talk(adding: [("meeting", "\"javascript:alert(1)\"")]))
        #expect(d.position == "11:14")
        #expect(d.message == "`meeting` is not an absolute http or https URL: `javascript:alert(1)`")

        let link = "[{\"title\": \"Slides\", \"url\": \"data:text/html,hi\"}]"
        let (l, _, _) = try only("invalid-url", talk: ArchiveFixture.talk(adding: [("links", link)]))
        #expect(l.position == "11:40")
        #expect(l.message == "`links[0].url` is not an absolute http or https URL: `data:text/html,hi`")

        let (s, _, _) = try only("invalid-url", talk: ArchiveFixture.talk(),
                                 seminar: ArchiveFixture.seminar(replacing: "feedsBaseURL", with: "\"https://example.org/feeds\""))
        #expect(s.position == "5:19")
        #expect(s.message == "`feedsBaseURL` must end with `/`: `https://example.org/feeds`")
    }

    @Test func forbiddenCharacterIsFoundThroughItsEscape() throws {
        let (d, _, _) = try only("forbidden-character", talk: ArchiveFixture.talk(["abstract": "\"a\\u0001b\""]))
        #expect(d.position == "7:17")
        #expect(d.message == "`abstract` contains U+0001, a character XML 1.0 forbids")

        // Escapes before it take more columns than the characters they stand for.
        let escaped = #""a\nb\"c\u00e9\ud83d\ude00\u0001""#
        let (e, _, _) = try only("forbidden-character", talk: ArchiveFixture.talk(["abstract": escaped]))
        #expect(e.position == "7:41")
        #expect(e.sourceLine == "  \"abstract\": " + escaped + ",")
    }

    @Test(arguments: [
        // A field, its raw JSON value, where the character is, and the message.
        (["title": #""Two\nlines""#], [], "3:16", "`title` is a one-line field but holds a line break (U+000A)"),
        (["speakers": #"[{"name": "New\nLine"}]"#], [], "4:29", "`speakers[0].name` is a one-line field but holds a line break (U+000A)"),
        (["speakers": #"[{"name": "A", "affiliation": "EP\rFL"}]"#], [], "4:48",
         "`speakers[0].affiliation` is a one-line field but holds a line break (U+000D)"),
        ([:], [("location", #""Room\t1""#)], "11:20", "`location` is a one-line field but holds a tab"),
        ([:], [("links", #"[{"title": "Sl\u2028ides", "url": "https://example.org/s.pdf"}]"#)], "11:26",
         "`links[0].title` is a one-line field but holds a line break (U+2028)"),
    ] as [([String: String?], [(String, String)], String, String)])
    func aLineBreakOrTabInAOneLineFieldIsAWarning(_ changes: [String: String?], _ extra: [(String, String)],
                                                   _ position: String, _ message: String) throws {
        let (d, _, result) = try only("one-line-field", talk: ArchiveFixture.talk(changes, adding: extra))
        #expect(d.severity == .warning)
        #expect(d.position == position)
        #expect(d.message == message)
        #expect(d.fix == "replace it with a space")
        #expect(result.diagnostics.count == 1, "\(result.diagnostics)")
        #expect(result.talks.count == 1)  // a published talk still loads
    }

    @Test func anInvisibleBidirectionalControlInAOneLineFieldIsAWarning() throws {
        // Raw in the file: one column.
        let speakers = "[{\"name\": \"A\", \"affiliation\": \"EP\u{202E}FL\"}]"
        let (d, _, result) = try only("invisible-character", talk: ArchiveFixture.talk(["speakers": speakers]))
        #expect(d.severity == .warning)
        #expect(d.position == "4:48")
        #expect(d.message == "`speakers[0].affiliation` holds U+202E RIGHT-TO-LEFT OVERRIDE, an invisible control that changes how the text around it is shown")
        #expect(d.fix == "remove it")
        #expect(result.talks.first?.talk.speakers.first?.affiliation == "EP\u{202E}FL")

        // The seminar's title, as an escape.
        let (s, f, seminar) = try only("invisible-character", talk: ArchiveFixture.talk(),
                                       seminar: ArchiveFixture.seminar(replacing: "title", with: #""Internal\u200fSeminar""#))
        #expect(s.location?.path == f.path("seminar.json"))
        #expect(s.position == "2:21")
        #expect(s.message == "`title` holds U+200F RIGHT-TO-LEFT MARK, an invisible control that changes how the text around it is shown")
        #expect(seminar.seminar != nil)
    }

    @Test func theAbstractAndTheDescriptionMayHoldLineBreaksTabsAndBidirectionalControls() throws {
        let fixture = try ArchiveFixture(seminar: ArchiveFixture.seminar(replacing: "description", with: #""One\nTwo\t\u202eThree""#))
        try fixture.write(Self.standardName, ArchiveFixture.talk(["abstract": #""One.\n\nTwo\tthree \u2067x\u2069.""#]))
        let result = fixture.load()
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    }

    @Test func emptyFields() throws {
        let (d, _, _) = try only("empty-field", talk: ArchiveFixture.talk(["title": "\"  \""]))
        #expect(d.position == "3:12")
        #expect(d.message == "`title` must not be empty")

        let (s, _, _) = try only("empty-field", talk: ArchiveFixture.talk(["speakers": "[]"]))
        #expect(s.position == "4:15")
        #expect(s.message == "`speakers` must list at least one speaker")
    }

    @Test func invalidValues() throws {
        let (d, _, _) = try only("invalid-value", talk: ArchiveFixture.talk(["duration": "0"]))
        #expect(d.position == "6:15")
        #expect(d.message == "`duration` must be between 1 and 1440 minutes, not 0")

        let (u, _, _) = try only("invalid-value", talk: ArchiveFixture.talk(["updated": "\"2021-06-20T08:00:00Z\""]))
        #expect(u.position == "10:14")
        #expect(u.message == "`updated` (2021-06-20T08:00:00Z) is before `published` (2021-06-21T08:00:00Z)")

        let (s, _, _) = try only("invalid-value", talk: ArchiveFixture.talk(["status": "\"canceled\""]))
        #expect(s.position == "8:13")
        #expect(s.message == "`status` must be one of scheduled, cancelled, postponed, not `canceled`")
        #expect(s.fix == "did you mean `cancelled`?")

        let (q, _, _) = try only("invalid-value", talk: ArchiveFixture.talk(adding: [("sequence", "-1")]))
        #expect(q.position == "11:15")
        #expect(q.message == "`sequence` must be 0 or more, not -1")
    }

    @Test func invalidIDPrefix() throws {
        let (d, f, result) = try only("invalid-id-prefix", talk: ArchiveFixture.talk(),
                                      seminar: ArchiveFixture.seminar(replacing: "idPrefix", with: "\"urn:epfl:talk/\""))
        #expect(d.location?.path == f.path("seminar.json"))
        #expect(d.position == "12:15")
        #expect(d.message == "`idPrefix` must be a tag URI (RFC 4151) such as `tag:example.org,2021:seminar/talk/`: it does not start with `tag:`")
        #expect(result.seminar == nil)
        #expect(result.talks.count == 1)  // the seminar's defaults still apply to talks

        #expect(tagURIProblem("tag:epfl.ch,2021-13:x/") != nil)
        #expect(tagURIProblem("tag:epfl.ch:x/") != nil)
        #expect(tagURIProblem("tag:someone@epfl.ch,2021-06-28:talks/") == nil)
    }

    @Test func invalidEmail() throws {
        let contact = "{\"name\": \"Loucas\", \"email\": \"loucas at epfl\"}"
        let (d, _, _) = try only("invalid-email", talk: ArchiveFixture.talk(),
                                 seminar: ArchiveFixture.seminar(replacing: "contact", with: contact))
        #expect(d.position == "10:42")
        #expect(d.message == "`contact.email` is not an email address: `loucas at epfl`")
    }

    @Test func fileNameMismatchIsAWarning() throws {
        let (d, _, result) = try only("file-name-mismatch", talk: ArchiveFixture.talk(), at: "2021/2021-06-27-scott-pesme.json")
        #expect(d.severity == .warning)
        #expect(d.position == "5:12")
        #expect(d.message == "the file name says `2021-06-27` but the talk starts on 2021-06-28")
        #expect(d.fix == "rename it to `2021-06-28-scott-pesme.json`")
        #expect(!result.hasErrors)
        #expect(result.talks.count == 1)

        let (t, _, _) = try only("file-name-mismatch", talk: ArchiveFixture.talk(["start": nil]), at: "2021/2021-06-28-scott-pesme.json")
        #expect(t.position == "1:1")
        #expect(t.message == "the file name says `2021-06-28` but the talk is still to be defined")
        #expect(t.fix == "rename it to `tbd-scott-pesme.json`")

        let (u, _, _) = try only("file-name-mismatch", talk: ArchiveFixture.talk(["start": nil]), at: "2021/broken.json")
        #expect(u.message == "the file name does not begin with `tbd-`, and the talk is still to be defined")
        #expect(u.fix == "rename it to `tbd-scott-pesme.json`")
        let (v, _, _) = try only("file-name-mismatch", talk: ArchiveFixture.talk(), at: "2021/scott-pesme.json")
        #expect(v.message == "the file name does not begin with `2021-06-28-`, and the talk starts on 2021-06-28")
    }

    @Test func ignoredFilesAndFolders() throws {
        let fixture = try ArchiveFixture()
        try fixture.write(Self.standardName, ArchiveFixture.talk())
        try fixture.write("2021/notes.txt", "to do")
        try fixture.write("drafts/x.json", "{}")
        try fixture.write("2021/.DS_Store", "")  // hidden files are skipped silently
        try fixture.write("2021/folder.json/x", "")  // a folder, whatever its name says
        let result = fixture.load()
        #expect(!result.hasErrors)
        #expect(result.with("ignored-file").map(\.message) == [
            "ignored folder `\(fixture.path("2021/folder.json"))`: talk files are `.json` files directly in a year folder",
            "ignored file `\(fixture.path("2021/notes.txt"))`: talk files are `.json` files directly in a year folder",
            "ignored folder `\(fixture.path("drafts"))`: only `seminar.json`, `snapshots/` and year folders such as `2021` belong in the archive",
        ])
        #expect(result.with("ignored-file").allSatisfy { $0.severity == .warning && $0.position == "1:1" })
        #expect(result.talks.count == 1)
    }

    @Test func missingSeminarFile() throws {
        let fixture = try ArchiveFixture(seminar: nil)
        let result = fixture.load()
        let d = try #require(result.with("missing-file").first)
        #expect(d.location == nil)
        #expect(d.message == "missing `\(fixture.path("seminar.json"))`: the archive needs the seminar description there")
        #expect(result.seminar == nil)
    }

    @Test func everyProblemOfEveryFileAtOnceInReportOrder() throws {
        let fixture = try ArchiveFixture(seminar: ArchiveFixture.seminar(replacing: "language", with: "\"\""))
        try fixture.write(Self.standardName, ArchiveFixture.talk(["duration": "-5", "title": "3"], adding: [("abstarct", "\"\"")]))
        try fixture.write("2021/2021-07-05-x.json", "{")
        let result = fixture.load()
        #expect(result.diagnostics.map(\.code) == ["wrong-type", "invalid-value", "unknown-key", "malformed-json", "empty-field"])
        #expect(result.diagnostics.map(\.position) == ["3:12", "6:15", "11:3", "1:2", "6:15"])
        // Every talk file counts, also those that did not load.
        #expect(result.talkFileCount == 2)
        #expect(result.talks.isEmpty)
    }
}
