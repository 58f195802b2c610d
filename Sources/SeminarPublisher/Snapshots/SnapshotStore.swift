import Foundation
import SeminarArchive

/// Reads and writes the snapshot records in `archive/snapshots/`.
public struct SnapshotStore: Sendable {
    public let archiveRoot: String

    public init(archiveRoot: String) { self.archiveRoot = archiveRoot }

    public var folder: String { archiveRoot + "/" + ArchiveLoader.snapshotsFolder }

    public func path(of year: Int) -> String { folder + "/" + String(year) + ".json" }

    /// Every record, by year. A record that cannot be read is a diagnostic, not a crash:
    /// the build must refuse to publish rather than silently unfreeze a year.
    public func load() -> (records: [Int: SnapshotRecord], diagnostics: [Diagnostic]) {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: folder) else { return ([:], []) }
        var records: [Int: SnapshotRecord] = [:]
        var problems: [Diagnostic] = []
        for name in names.sorted() {
            let path = folder + "/" + name
            guard name.hasSuffix(".json"), let year = Int(name.dropLast(5)), String(year) + ".json" == name else {
                problems.append(.init(.warning, code: "ignored-file", message: "not a snapshot record (expected YEAR.json); ignored",
                                      location: FileLocation(path: path, line: 1, column: 1)))
                continue
            }
            do {
                let record = try SnapshotRecord.decode(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
                guard record.year == year else {
                    problems.append(.error("invalid-snapshot-record", "record says year \(record.year) but its file is \(name)",
                                           at: FileLocation(path: path, line: 1, column: 1)))
                    continue
                }
                guard record.format <= SnapshotRecord.currentFormat else {
                    problems.append(.error("unsupported-snapshot-format",
                                           "year \(year) was frozen with format \(record.format); this tool renders formats up to \(SnapshotRecord.currentFormat)",
                                           at: FileLocation(path: path, line: 1, column: 1), fix: "use a newer version of seminar"))
                    continue
                }
                records[year] = record
            } catch {
                problems.append(.error("invalid-snapshot-record", "unreadable snapshot record: \(error)",
                                       at: FileLocation(path: path, line: 1, column: 1)))
            }
        }
        return (records, problems)
    }

    public func save(_ record: SnapshotRecord) throws {
        try AtomicFile.write(try record.encoded(), to: path(of: record.year))
    }
}
