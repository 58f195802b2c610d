import Testing
@testable import SeminarArchive

@Suite struct JSONSourceFileTests {
    func file(_ text: String) -> JSONSourceFile { JSONSourceFile(path: "x.json", bytes: Array(text.utf8)) }

    @Test func valuesAndKeysOfNestedPaths() {
        let f = file("{\n  \"a\": {\"b\": [10, {\"c\": \"d\"}]},\n  \"e\": 1\n}")
        #expect(f.location(of: []) == FileLocation(path: "x.json", line: 1, column: 1))
        #expect(f.location(of: ["a"])?.description == "x.json:2:8")
        #expect(f.location(of: ["a", "b", 1, "c"])?.description == "x.json:2:25")
        #expect(f.locationOfKey(["a", "b", 1, "c"])?.description == "x.json:2:20")
        #expect(f.location(of: ["a", "b", 0])?.description == "x.json:2:15")
        #expect(f.locationOfKey(["a", "b", 0]) == nil)
        #expect(f.location(of: ["e"])?.description == "x.json:3:8")
        #expect(f.location(of: ["missing"]) == nil)
        #expect(f.location(of: ["a", "b", 5]) == nil)
        #expect(f.lineText(2) == "  \"a\": {\"b\": [10, {\"c\": \"d\"}]},")
        #expect(f.lineText(9) == nil)
    }

    @Test func keysWrittenWithEscapesAndRepeatedKeys() {
        // Of repeated keys the last counts, as in other JSON readers.
        let f = file("{\"t\\u0069tle\": 1, \"x\": 2, \"x\": 3}")
        #expect(f.location(of: ["title"])?.column == 16)
        #expect(f.location(of: ["x"])?.column == 32)
    }

    @Test func escapesMapBackToTheirSourceColumns() {
        // Decoded: a \n b " c é 😀 X — scalar 7 is X.
        let f = file("{\"abstract\": \"a\\nb\\\"c\\u00e9\\ud83d\\ude00X\"}")
        let columns = (0...8).map { f.location(inStringAt: ["abstract"], scalarOffset: $0)?.column }
        #expect(columns == [15, 16, 18, 19, 21, 22, 28, 40, 41])
        #expect(f.location(inStringAt: ["abstract"], scalarOffset: 9) == nil)
        // Raw non-ASCII counts one column per scalar.
        let raw = file("{\"t\": \"é😀X\"}")
        #expect(raw.location(inStringAt: ["t"], scalarOffset: 2)?.column == 10)
    }

    @Test func columnsCountScalarsNotBytes() {
        let f = file("{\"é😀\": 1,\n\"b\": 2}")
        #expect(f.location(of: ["é😀"])?.column == 8)
        #expect(f.location(atByteOffset: 11) == FileLocation(path: "x.json", line: 1, column: 8))
        #expect(f.location(of: ["b"])?.description == "x.json:2:6")
    }

    @Test func aByteOrderMarkIsNoColumn() {
        let f = JSONSourceFile(path: "x.json", bytes: [0xEF, 0xBB, 0xBF] + Array("{\"a\": 1,\n\"b\": 2}".utf8))
        #expect(f.location(of: ["a"])?.description == "x.json:1:7")
        #expect(f.location(of: ["b"])?.description == "x.json:2:6")
        #expect(f.location(atByteOffset: 0).column == 1)
        #expect(f.location(atByteOffset: 3).column == 1)
        #expect(f.lineText(1) == "{\"a\": 1,")
        #expect(f.lineText(2) == "\"b\": 2}")
    }

    @Test func aLoneCarriageReturnEndsALineAndCRLFIsOneBreak() {
        let mac = file("{\r\"a\": 1,\r\r\"b\": 2\r}")
        #expect(mac.location(of: ["a"])?.description == "x.json:2:6")
        #expect(mac.location(of: ["b"])?.description == "x.json:4:6")
        #expect(mac.lineText(3) == "")
        #expect(mac.lineText(4) == "\"b\": 2")
        #expect(mac.lineText(5) == "}")
        #expect(mac.lineText(6) == nil)
        let mixed = file("{\r\n\"a\": 1,\n\"b\": 2,\r\"c\": 3}")
        #expect(mixed.location(of: ["a"])?.description == "x.json:2:6")
        #expect(mixed.location(of: ["b"])?.description == "x.json:3:6")
        #expect(mixed.location(of: ["c"])?.description == "x.json:4:6")
        #expect(mixed.lineText(1) == "{")
        #expect(mixed.lineText(4) == "\"c\": 3}")
        // The LF of a CRLF still belongs to the line it ends.
        #expect(mixed.location(atByteOffset: 2) == FileLocation(path: "x.json", line: 1, column: 3))
    }

    @Test func scalarsOutOfAOneLineField() {
        #expect(scalarsOutOfOneLine("Plain, é, 😀, Ελληνικά, עברית, العربية").isEmpty)
        // Neighbours of the characters sought, with the same lead bytes.
        #expect(scalarsOutOfOneLine("\u{2010}\u{2027}\u{202F}\u{2060}\u{2065}\u{206A}\u{200D}\u{0600}\u{061B}\u{061D}\u{84}\u{A0}").isEmpty)
        for v: UInt32 in [0x09, 0x0A, 0x0D, 0x85, 0x061C, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
                          0x2066, 0x2067, 0x2068, 0x2069] {
            let scalar = Unicode.Scalar(v)!
            let found = scalarsOutOfOneLine("é😀" + String(Character(scalar)) + "x" + String(Character(scalar)))
            #expect(found.count == 1, "\(scalarName(scalar))")  // the first of its kind only
            #expect(found.first?.0 == 2, "\(scalarName(scalar))")
            #expect(found.first?.1 == scalar, "\(scalarName(scalar))")
        }
        // A control behind a line break is reported too, and a second of either is not.
        let both = scalarsOutOfOneLine("A\nB \u{202E} C\tD \u{2066}")
        #expect(both.map(\.0) == [1, 4])
        #expect(both.map(\.1) == ["\n", "\u{202E}"])
    }

    @Test func utf8Validation() {
        /// Where the reader finds bytes that are not UTF-8 in a string holding `text`.
        func invalidAt(_ text: [UInt8]) -> Int? {
            let error = JSONReader.read(Array("\"".utf8) + text + Array("\"".utf8)).error
            guard case .invalidUTF8? = error?.reason else { return nil }
            return error.map { $0.offset - 1 }
        }
        #expect(JSONReader.read(Array("\"plain é 😀\"".utf8)).root?.string == "plain é 😀")
        #expect(invalidAt([0x41, 0xC3]) == 1)  // cut short
        #expect(invalidAt([0x41, 0xC0, 0x80]) == 1)  // overlong
        #expect(invalidAt([0xED, 0xA0, 0x80]) == 0)  // surrogate
        #expect(invalidAt([0xF4, 0x90, 0x80, 0x80]) == 0)  // above U+10FFFF
        #expect(invalidAt([0x41, 0x80]) == 1)  // stray continuation
        #expect(invalidAt([0xE2, 0x28, 0xA1]) == 0)  // a broken three-byte sequence
    }

    @Test func pathComponentsFromLiterals() {
        let path: [JSONPathComponent] = ["speakers", 0, "name"]
        #expect(path == [.key("speakers"), .index(0), .key("name")])
        #expect(path.displayName == "speakers[0].name")
    }

    @Test func suggestions() {
        #expect(closestMatch(to: "abstarct", among: TalkFileFields.all.names) == "abstract")
        #expect(closestMatch(to: "Title", among: TalkFileFields.all.names) == "title")
        #expect(closestMatch(to: "speaker", among: TalkFileFields.all.names) == "speakers")
        #expect(closestMatch(to: "zzz", among: TalkFileFields.all.names) == nil)
    }

    @Test func emailRule() {
        #expect(isEmailAddress("loucas.pillaud-vivien@epfl.ch"))
        #expect(!isEmailAddress("a@b@c"))
        #expect(!isEmailAddress("a..b@epfl.ch"))
        #expect(!isEmailAddress("a@-epfl.ch"))
    }
}
