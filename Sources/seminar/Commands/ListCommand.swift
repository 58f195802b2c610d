import ArgumentParser
import SeminarArchive

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Show the talks as a table: date, time, speaker, title, status.",
        discussion: "Talks are listed in date order, talks still to be defined last. Titles are shown as plain text (LaTeX rendered)."
    )

    @OptionGroup var locations: ArchiveOption

    @Option(help: "Only the talks of this year (for talks to be defined: the year they were announced).")
    var year: Int?

    @Flag(help: "Only talks that have not ended yet, and those still to be defined.")
    var upcoming = false

    @Flag(help: "Add a column with each talk's file, which `seminar edit` takes.")
    var files = false

    @OptionGroup var clock: ClockOption

    func run() throws {
        let loaded = ArchiveLoader(root: locations.archive).load()
        guard loaded.archiveFolderIsReadable else {
            // Like `check` and `build`: no archive is an error, not an empty table.
            DiagnosticPrinter().print(loaded.diagnostics)
            throw ExitCode.failure
        }
        if loaded.hasErrors {
            Console.note("warning: the archive has errors; run `seminar check`. Listing the talks that loaded.")
        }
        let zones = ZoneDatabase.system
        var rows: [(sortKey: Int64, row: [String])] = []
        let nowInstant = upcoming ? clock.instant : nil
        for loaded in loaded.talks {
            let talk = loaded.talk
            if let year, talk.year != year { continue }
            var date = "to be defined", time = "", key = Int64.max
            if let start = talk.start, let zone = try? zones.zone(talk.timeZone) {
                let instant = zone.instant(of: start)
                if let nowInstant, instant.secondsSince1970 + Int64(talk.duration) * 60 <= nowInstant.secondsSince1970 { continue }
                key = instant.secondsSince1970
                date = fourDigits(start.year) + "-" + twoDigits(start.month) + "-" + twoDigits(start.day)
                time = twoDigits(start.hour) + ":" + twoDigits(start.minute) + " " + zone.localTimeType(at: instant).abbreviation
            }
            let row = [date, time, talk.speakerNames, Self.clip(talk.plainTitle, 70), talk.status.rawValue]
            // Cells come from the files: nothing in them may act on the terminal.
            rows.append((key, (row + (files ? [loaded.source.path] : [])).map { TerminalText.escaped($0) }))
        }
        rows.sort { $0.sortKey != $1.sortKey ? $0.sortKey < $1.sortKey : $0.row[2] < $1.row[2] }
        let header = ["DATE", "TIME", "SPEAKER", "TITLE", "STATUS"] + (files ? ["FILE"] : [])
        Console.data(Self.table(header: header, rows: rows.map(\.row)))
        Console.note(counted(rows.count, "talk"))
    }

    static func clip(_ s: String, _ width: Int) -> String {
        s.count <= width ? s : String(s.prefix(width - 1)) + "…"
    }

    /// Columns padded to their widest cell (counted in characters).
    static func table(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { c in all.map { $0[c].count }.max() ?? 0 }
        return all.map { row in
            row.indices.map { c in c == row.count - 1 ? row[c] : row[c] + String(repeating: " ", count: widths[c] - row[c].count) }
                .joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
