import Foundation
import SeminarArchive

/// Reads and writes the snapshot records in `archive/snapshots/`.
public struct SnapshotStore: Sendable {
    public let archiveRoot: String

    public init(archiveRoot: String) { self.archiveRoot = ArchiveFolder(archiveRoot).path }

    public var folder: String { ArchiveFolder(archiveRoot).snapshotsFolder }

    public func path(of year: Int) -> String { ArchiveFolder(archiveRoot).snapshotRecord(year: year) }

    /// Every record, by year. A record that cannot be read is a diagnostic, not a crash:
    /// the build must refuse to publish rather than silently unfreeze a year.
    ///
    /// `withFieldFingerprints: false` leaves every frozen talk's `fields` empty. Decoding
    /// them is most of the cost of reading records, and a build needs them only for the
    /// talks whose files no longer match their pins: `load(year:)` reads one record whole.
    public func load(withFieldFingerprints: Bool = true) -> (records: [Int: SnapshotRecord], diagnostics: [Diagnostic]) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return ([:], []) }
        // Records hold a fingerprint of every talk of their year: decoding them is a good
        // part of a build with many frozen years, so they are read on every core.
        let outcomes = ConcurrentMap.map(names.sorted()) { name in read(name, withFieldFingerprints: withFieldFingerprints) }
        var records: [Int: SnapshotRecord] = [:]
        var problems: [Diagnostic] = []
        for outcome in outcomes {
            switch outcome {
            case let .success(record): records[record.year] = record
            case let .failure(problem): problems.append(problem)
            }
        }
        return (records, problems)
    }

    /// The record of `year`, whole, or nil if it cannot be read (`load` reports why).
    public func load(year: Int) -> SnapshotRecord? {
        try? read(String(year) + ".json", withFieldFingerprints: true).get()
    }

    private func read(_ name: String, withFieldFingerprints: Bool) -> Result<SnapshotRecord, Diagnostic> {
        let path = folder + "/" + name
        let at = FileLocation(path: path, line: 1, column: 1)
        guard name.hasSuffix(".json"), let year = Int(name.dropLast(5)), String(year) + ".json" == name else {
            return .failure(.init(.warning, code: "ignored-file", message: "not a snapshot record (expected YEAR.json); ignored", location: at))
        }
        let record: SnapshotRecord
        do {
            record = try SnapshotRecord.decode(Array(try Data(contentsOf: URL(fileURLWithPath: path))), withFieldFingerprints: withFieldFingerprints)
        } catch {
            return .failure(.error("invalid-snapshot-record", "unreadable snapshot record: \(error)", at: at))
        }
        guard record.year == year else {
            return .failure(.error("invalid-snapshot-record", "record says year \(record.year) but its file is \(name)", at: at))
        }
        guard record.format <= SnapshotRecord.currentFormat else {
            return .failure(.error(
                "unsupported-snapshot-format",
                "year \(year) was frozen with format \(record.format); this tool renders formats up to \(SnapshotRecord.currentFormat)",
                at: at, fix: "use a newer version of seminar"))
        }
        return .success(record)
    }

    public func save(_ record: SnapshotRecord) throws {
        try AtomicFile.write(try record.encoded(), to: path(of: record.year))
    }
}
