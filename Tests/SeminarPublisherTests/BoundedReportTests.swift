import Foundation
import SeminarArchive
import Testing
@testable import SeminarPublisher

/// However many problems a file holds, a report shows a set number of each kind and counts
/// the rest, and points into the file without copying its lines.
@Suite struct BoundedReportTests {
    @Test func aFileReportsTenProblemsOfAKindAndCountsTheRest() throws {
        let a = try ArchiveFixture()
        defer { a.remove() }
        try a.talk("2021-06-28-grace-speaker", year: 2021, id: "t1", start: "2021-06-28T16:30",
                   title: "On $\\betta$", abstract: String(repeating: "$\\alpah$ ", count: 25))
        let checked = Publisher(archiveRoot: a.archive).check()
        let unknown = checked.diagnostics.filter { $0.code == "latex-unknown-command" }
        // The title's one and nine of the abstract's: ten for the file, both fields together.
        #expect(unknown.count == DiagnosticBudget.perKind, "\(checked.diagnostics)")
        let more = checked.diagnostics.filter { $0.code == DiagnosticBudget.omittedCode }
        #expect(more.map(\.message) == ["… and 16 more `latex-unknown-command` in this file"])
        #expect(more.first?.severity == .note)
        // The count follows the last problem shown, in the report's order.
        let sorted = checked.diagnostics.sorted(by: Diagnostic.reportOrder)
        #expect(sorted.firstIndex { $0.code == DiagnosticBudget.omittedCode } == sorted.lastIndex { $0.code == "latex-unknown-command" }.map { $0 + 1 })
    }

    @Test func theLoaderLimitsEveryKindPerFile() throws {
        let a = try ArchiveFixture()
        defer { a.remove() }
        var extra: [String: Any] = [:]
        for i in 0..<13 { extra["unknown\(i)"] = i }
        try a.talk("2021-06-28-grace-speaker", year: 2021, id: "t1", start: "2021-06-28T16:30", extra: extra)
        // Another file has its own budget.
        try a.talk("2021-06-29-ada-speaker", year: 2021, id: "t2", start: "2021-06-29T16:30", extra: ["oops": 1])
        let checked = Publisher(archiveRoot: a.archive).check()
        #expect(checked.diagnostics.filter { $0.code == "unknown-key" }.count == 11)
        #expect(checked.diagnostics.filter { $0.code == DiagnosticBudget.omittedCode }.map(\.message)
                == ["… and 3 more `unknown-key` in this file"])
        #expect(checked.hasErrors)
    }

    @Test func anExcerptIsAWindowOfTheLineItPointsInto() throws {
        let line = String(repeating: "a", count: 1000) + "X" + String(repeating: "b", count: 1000)
        let bytes = Array(("first\n" + line + "\nlast").utf8)
        let excerpt = SourceExcerpt(bytes: bytes, line: 6..<(6 + line.utf8.count))
        #expect(excerpt.text == line)
        let (scalars, caret, before, after) = excerpt.window(column: 1001, length: 1, radius: 5)
        #expect(String(String.UnicodeScalarView(scalars)) == "aaaaaXbbbbb")
        #expect(caret == 5)
        #expect(before && after)
        let start = excerpt.window(column: 1, length: 3, radius: 2)
        #expect(String(String.UnicodeScalarView(start.scalars)) == "aaaaa")
        #expect(start.caret == 0 && !start.before && start.after)
    }

    @Test func terminalTextEscapesWhatATerminalWouldActOn() {
        #expect(TerminalText.escaped("a\u{1B}[31mred\u{9B}2J\u{202E}x\ty") == "a\\u{1B}[31mred\\u{9B}2J\\u{202E}x\ty")
        #expect(TerminalText.escaped("one\ntwo") == "one\\u{A}two")
        #expect(TerminalText.escaped("one\ntwo\r", keepingLineBreaks: true) == "one\ntwo\\u{D}")
        #expect(TerminalText.escaped("Café — ∑") == "Café — ∑")
    }
}
