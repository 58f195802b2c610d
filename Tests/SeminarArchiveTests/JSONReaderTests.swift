import Foundation
import FeedTestSupport
import Testing
@testable import SeminarArchive

/// The archive's JSON reader: its mistakes, placed and worded, and its agreement with
/// Foundation's reader on every document both call well-formed JSON.
@Suite struct JSONReaderTests {
    /// The reading of `text`'s bytes.
    func read(_ text: String) -> JSONReading { JSONReader.read(Array(text.utf8)) }

    @Test func valuesAndWhereTheyAreWritten() throws {
        let reading = read(#" {"a": [1, -2.5e1, true, false, null], "b\u0021": "x\ny", "c": {}}"#)
        #expect(reading.error == nil && reading.leniencies.isEmpty)
        let root = try #require(reading.root)
        #expect(root.offset == 1)
        let a = try #require(root.member("a"))
        #expect(a.keyOffset == 2)
        guard case let .array(elements) = a.value.content else { Issue.record("not an array"); return }
        #expect(elements.map(\.offset) == [8, 11, 19, 25, 32])
        #expect(elements.map(\.typeName) == ["a number", "a number", "a boolean", "a boolean", "null"])
        if case let .number(n) = elements[1].content { #expect(n == -25) }
        #expect(root.member("b!")?.value.string == "x\ny")
        #expect(root.find(["c"])?.value.typeName == "an object")
        #expect(root.find(["a", 4])?.value.isNull == true)
        #expect(root.find(["a", 5]) == nil)
    }

    @Test(arguments: [
        // (document, offset, message, fix)
        (#"{"a": 1 "b": 2}"#, 7, "a comma is missing after this value", "add `,` here"),
        (#"{"a" 1}"#, 4, "a colon is missing after this member name", "add `:` here"),
        (#"{"a": x}"#, 6, "`x` is not a JSON value", "write text in double quotes: `\"x\"`"),
        (#"{"a": 'x'}"#, 6, "JSON strings take double quotes, not single ones", "write `\"` for `'`"),
        (#"{a: 1}"#, 1, "a member name must be text in double quotes", "write `\"a\"`"),
        ("{“a”: 1}", 1, "JSON strings take straight double quotes `\"`, not typographic ones", "write `\"` for `“` (and for its partner)"),
        ("{\"a\": ”x”}", 6, "JSON strings take straight double quotes `\"`, not typographic ones", "write `\"` for `”` (and for its partner)"),
        (#"{"a": }"#, 6, "a value is missing before `}`", nil),
        ("{\"a\": 1 // the default\n}", 8, "JSON has no comments", "remove it (git keeps the history of the file, and its commit messages say why)"),
        ("{/* draft */ \"a\": 1}", 1, "JSON has no comments", "remove it (git keeps the history of the file, and its commit messages say why)"),
        ("[// first\n1]", 1, "JSON has no comments", "remove it (git keeps the history of the file, and its commit messages say why)"),
        (#"[1, , 2]"#, 4, "a value is missing before `,`", nil),
        (#"[1}"#, 2, "`}` does not close this array; expected `,` or `]`", nil),
        (#"{"a": 1]"#, 7, "`]` does not close this object; expected `,` or `}`", nil),
        (#"{"a": 1;}"#, 7, "expected `,` or `}`, not `;`", nil),
        (#"{"a"; 1}"#, 4, "expected `:` after the member name, not `;`", nil),
        (#"[01]"#, 1, "`01` is not a JSON number", nil),
        (#"[1.]"#, 1, "`1.` is not a JSON number", nil),
        (#"[-]"#, 1, "`-` is not a JSON number", nil),
        (#"[1e]"#, 1, "`1e` is not a JSON number", nil),
        (#"[+1]"#, 1, "`+1` is not a JSON value", nil),
        (#"[1e400]"#, 1, "the number `1e400` is too large to read", nil),
        (#"[nul]"#, 1, "`nul` is not a JSON value", "write text in double quotes: `\"nul\"`"),
        (#"[nullx]"#, 1, "`nullx` is not a JSON value", "write text in double quotes: `\"nullx\"`"),
        (#"["a\x"]"#, 3, "`\\x` is not an escape JSON knows", "write `\\\\` for a backslash"),
        (#"["\u12G4"]"#, 2, "a `\\u` escape takes four hexadecimal digits", nil),
        (#"["\udc00"]"#, 2, "`\\udc00` is a lone surrogate: a low surrogate must follow a high one, `\\ud800` to `\\udbff`",
         "write the character itself, or both escapes of its surrogate pair"),
        ("[\"a\nb\"]", 3, "a control character (U+000A) inside a string; JSON needs it written as an escape",
         "write `\\n`, or close the string before the line break"),
        ("[\"abc”,\n1]", 9, "a control character (U+000A) inside a string; JSON needs it written as an escape",
         "close the string with a straight `\"`, not `”`"),
        (#"["abc"#, 1, "this string is not closed before the end of the file", "add the closing `\"`"),
        (#"[1, 2"#, 5, "the file ends before this array is closed", nil),
    ] as [(String, Int, String, String?)])
    func mistakesAreNamedAtTheirPlace(_ document: String, _ offset: Int, _ message: String, _ fix: String?) throws {
        let error = try #require(read(document).error)
        #expect(error.reason == .malformed(message))
        #expect(error.offset == offset)
        #expect(error.fix == fix)
        #expect(read(document).root == nil)
    }

    @Test func documentLevelMistakes() {
        #expect(read("").error?.reason == .noValue)
        #expect(read(" \n ").error?.reason == .noValue)
        #expect(read("{} {}").error == JSONSyntaxError(reason: .textAfterValue, offset: 3, fix: "remove it"))
        #expect(read("[1, 2").error?.note?.offset == 0)
        #expect(JSONReader.read([0x5B, 0xFF, 0x5D]).error == JSONSyntaxError(reason: .invalidUTF8(byte: 0xFF), offset: 1))
        // A byte order mark is read past; offsets still count its bytes.
        #expect(JSONReader.read([0xEF, 0xBB, 0xBF] + Array("[true]".utf8)).root?.offset == 3)
    }

    @Test func nestingIsBoundedNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let error = read(deep).error
        #expect(error?.reason == .malformed("arrays and objects nested more than 512 deep"))
        #expect(error?.offset == 512)
        let allowed = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(read(allowed).error == nil)
    }

    @Test func leniencies() throws {
        let reading = read(#"{"a": [1,], "b": 2, "a": 3,}"#)
        #expect(reading.error == nil)
        #expect(reading.leniencies == [
            .trailingComma(comma: 8, closer: "]"),
            .repeatedName("a", offset: 20, firstAt: 1),
            .trailingComma(comma: 26, closer: "}"),
        ])
        // The last value counts, where the name was last given.
        let a = try #require(reading.root?.member("a"))
        #expect(a.keyOffset == 20)
        if case let .number(n) = a.value.content { #expect(n == 3) } else { Issue.record("\(a.value)") }
        // Names are compared decoded.
        #expect(read(#"{"name": 1, "n\u0061me": 2}"#).leniencies == [.repeatedName("name", offset: 12, firstAt: 1)])
    }

    /// Small objects are searched along their list, large ones through a table made when
    /// they grow past `membersLookedUpInATable`: both find every repeated name, before and
    /// after the table exists, and keep the last value where the name was first given.
    @Test(arguments: [3, JSONReader.membersLookedUpInATable - 1, JSONReader.membersLookedUpInATable,
                      JSONReader.membersLookedUpInATable + 1, 200])
    func repeatedNamesAreFoundInObjectsOfEverySize(_ size: Int) throws {
        let names = (0..<size).map { "m\($0)" }
        let members = names.map { "\"\($0)\": 0" } + ["\"m0\": 1", "\"m\(size - 1)\": 2", "\"m0\": 3"]
        let text = "{" + members.joined(separator: ", ") + "}"
        let reading = read(text)
        #expect(reading.error == nil)
        let offsets = members.indices.map { index in members[..<index].reduce(1) { $0 + $1.utf8.count + 2 } }
        #expect(reading.leniencies == [
            .repeatedName("m0", offset: offsets[size], firstAt: offsets[0]),
            .repeatedName("m\(size - 1)", offset: offsets[size + 1], firstAt: offsets[size - 1]),
            .repeatedName("m0", offset: offsets[size + 2], firstAt: offsets[size]),
        ])
        guard case let .object(object)? = reading.root?.content else {
            Issue.record("not an object")
            return
        }
        #expect(object.map(\.name) == names)
        #expect(object.first?.keyOffset == offsets[size + 2])
        if case let .number(n) = object.first?.value.content { #expect(n == 3) } else { Issue.record("\(object[0])") }
        if case let .number(n) = object.last?.value.content { #expect(n == 2) } else { Issue.record("\(object[size - 1])") }
    }

    @Test func charactersXMLForbidsAreFlaggedWhileDecoding() {
        func flagged(_ text: String) -> Bool? {
            guard case let .string(_, flag)? = read(text).root?.content else { return nil }
            return flag
        }
        #expect(flagged(#""plain é \n \t \u00e9 😀""#) == false)
        #expect(flagged(#""bell \u0007""#) == true)
        #expect(flagged(#""\uFFFE""#) == true)
        #expect(flagged("\"raw \u{FFFF}\"") == true)
        #expect(flagged(#""\ud83d\ude00""#) == false)
    }

    // MARK: - Agreement with Foundation

    /// A value in a form both readers' results convert to, for comparison.
    indirect enum Plain: Equatable {
        case object([String: Plain]), array([Plain]), string(String), number(Double), bool(Bool), null
    }

    static func plain(_ value: JSONValue) -> Plain {
        switch value.content {
        case let .object(members): .object(Dictionary(members.map { ($0.name, plain($0.value)) }, uniquingKeysWith: { $1 }))
        case let .array(elements): .array(elements.map(plain))
        case let .string(s, _): .string(s)
        case let .number(n): .number(n)
        case let .bool(b): .bool(b)
        case .null: .null
        }
    }

    static func plain(foundation value: Any) -> Plain {
        switch value {
        case let d as [String: Any]: .object(d.mapValues { plain(foundation: $0) })
        case let a as [Any]: .array(a.map { plain(foundation: $0) })
        case let s as String: .string(s)
        case let n as NSNumber where n.objCType.pointee == UInt8(ascii: "c"): .bool(n.boolValue)
        case let n as NSNumber: .number(n.doubleValue)
        default: .null
        }
    }

    /// Pieces documents are made of, hostile ones included.
    static let pieces = [
        "{", "}", "[", "]", ",", ":", " ", "\n", "\"", "\\", "\"a\"", "\"\\u00e9\"", "\"\\ud83d\\ude00\"", "\"\\ud800\"",
        "\"é\"", "0", "-1", "1.5", "2e3", "01", "1.", "-", "true", "false", "null", "nul", "x", "'", "\u{01}", "\"\\n\"",
        "//", "/*", "“", "”", "1e400",
    ]

    @Test func agreesWithFoundationOnEveryWellFormedDocument() throws {
        var random = SeededRandom(seed: 16)
        let talk = Array(ArchiveFixture.talk(["abstract": #""Sparse \\( \\ell_1 \\) and é 😀 \\u00e9""#]).utf8)
        var agreed = 0
        var bothRefused = 0
        for round in 0..<6000 {
            var bytes: [UInt8]
            if round < 3000 {
                // A talk file with a few bytes replaced, inserted or removed.
                bytes = talk
                for _ in 0..<Int.random(in: 1...3, using: &random) {
                    let at = Int.random(in: 0..<bytes.count, using: &random)
                    let piece = Array(Self.pieces.randomElement(using: &random)!.utf8)
                    switch Int.random(in: 0..<3, using: &random) {
                    case 0: bytes.replaceSubrange(at..<min(bytes.count, at + piece.count), with: piece)
                    case 1: bytes.insert(contentsOf: piece, at: at)
                    default: bytes.remove(at: at)
                    }
                }
            } else {
                // A short run of pieces.
                bytes = (0..<Int.random(in: 1...8, using: &random)).flatMap { _ in Array(Self.pieces.randomElement(using: &random)!.utf8) }
            }
            let ours = JSONReader.read(bytes)
            let theirs = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
            let document = String(decoding: bytes, as: UTF8.self)
            if let root = ours.root, ours.leniencies.isEmpty {
                // What this reader calls well-formed, Foundation reads to the same value.
                let theirs = try #require(theirs, "Foundation refuses what the reader accepts: \(document)")
                #expect(Self.plain(root) == Self.plain(foundation: theirs), "\(document)")
                agreed += 1
            } else if let theirs {
                // Foundation accepts more than JSON: only what the reader reads past and
                // reports. The value is the same.
                let root = try #require(ours.root, "the reader refuses what Foundation accepts (\(String(describing: ours.error))): \(document)")
                #expect(!ours.leniencies.isEmpty)
                #expect(Self.plain(root) == Self.plain(foundation: theirs), "\(document)")
            } else {
                bothRefused += 1
            }
        }
        // Both kinds of document were met in numbers.
        #expect(agreed > 500 && bothRefused > 500, "\(agreed) agreed, \(bothRefused) refused by both")
    }
}
