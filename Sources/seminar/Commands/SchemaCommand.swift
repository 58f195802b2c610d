import ArgumentParser
import Foundation
import SeminarArchive

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema of seminar.json or of a talk file.",
        discussion: """
            The schema (JSON Schema draft 2020-12) is made from the same description of the fields that the loader checks, so editors that read JSON Schema complete keys, show each key's meaning and flag wrong types and values while typing. Map it to the files in the editor's settings rather than adding a "$schema" key to them, which the loader refuses as an unknown key. The README shows the mapping for VS Code. `seminar check` remains the whole check: dates that do not exist, unknown time zones, the LaTeX and the archive's other files are beyond a schema.
            """
    )

    @Argument(help: ArgumentHelp("Which file: seminar (archive/seminar.json) or talk (archive/YEAR/….json)."))
    var kind: ArchiveSchema.Kind = .talk

    func run() throws {
        FileHandle.standardOutput.write(ArchiveSchema.json(for: kind))
    }
}

extension ArchiveSchema.Kind: ExpressibleByArgument {}
