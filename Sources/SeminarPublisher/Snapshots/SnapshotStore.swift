import Foundation
import SeminarArchive

/// Reads and writes the snapshot records in `archive/snapshots/`.
struct SnapshotStore: Sendable {
    let archiveRoot: String

    init(archiveRoot: String) { self.archiveRoot = ArchiveFolder(archiveRoot).path }

    var folder: String { ArchiveFolder(archiveRoot).snapshotsFolder }

    func path(of year: Int) -> String { ArchiveFolder(archiveRoot).snapshotRecord(year: year) }

    /// Every record, by year. A record that cannot be read is a diagnostic, not a crash:
    /// the build must refuse to publish rather than silently unfreeze a year.
    ///
    /// `withFieldFingerprints: false` leaves every frozen talk's `fields` empty. Decoding
    /// them is most of the cost of reading records, and a build needs them only for the
    /// talks whose files no longer match their pins: `load(year:)` reads one record whole.
    func load(withFieldFingerprints: Bool = true) -> (records: [Int: SnapshotRecord], diagnostics: [Diagnostic]) {
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
    func load(year: Int) -> SnapshotRecord? {
        try? read(String(year) + ".json", withFieldFingerprints: true).get()
    }

    private func read(_ name: String, withFieldFingerprints: Bool) -> Result<SnapshotRecord, Diagnostic> {
        let path = folder + "/" + name
        let at = FileLocation(path: path, line: 1, column: 1)
        guard name.hasSuffix(".json"), let year = Int(name.dropLast(5)), String(year) + ".json" == name else {
            return .failure(.init(.warning, code: "ignored-file", message: "not a snapshot record (expected YEAR.json); ignored", location: at))
        }
        let bytes: [UInt8]
        // A record holds a fingerprint of every field of every talk of its year: a large
        // year's record may be many times the size of a talk file, never without bound.
        switch readFile(path, limit: 64 * maximumFileSize) {
        case .success(let read): bytes = read
        case .failure(let failure):
            return .failure(.error("invalid-snapshot-record", "cannot read the snapshot record: \(failure.reason)", at: at))
        }
        let record: SnapshotRecord
        do {
            record = try SnapshotRecord.decode(bytes, withFieldFingerprints: withFieldFingerprints)
        } catch {
            return .failure(RecordProblem.diagnostic(for: error, in: JSONSourceFile(path: path, bytes: bytes)))
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

    func save(_ record: SnapshotRecord) throws {
        try AtomicFile.write(try record.encoded(), to: path(of: record.year))
    }

    /// The record written in full beside its place, to be renamed there with the
    /// documents it describes (see `OutputWriter.commit`).
    func stage(_ record: SnapshotRecord) throws -> AtomicFile.Staged {
        try AtomicFile.stage(try record.encoded(), for: path(of: record.year))
    }
}

/// Why a snapshot record did not decode, at its place in the record and in words a person
/// can act on, rather than Foundation's debug description at 1:1.
enum RecordProblem {
    static let code = "invalid-snapshot-record"

    static func diagnostic(for error: any Error, in source: JSONSourceFile) -> Diagnostic {
        // Malformed JSON (a truncated file, a number too large such as `1e400`) is placed
        // and worded by the archive's own JSON reader.
        if var syntax = source.snapshotRecordSyntaxProblems().first {
            syntax.code = code
            syntax.fix = syntax.fix ?? restore(source)
            return syntax
        }
        guard let decoding = error as? DecodingError else {
            return .error(code, "the snapshot record does not decode: \(error.localizedDescription)", at: source.startLocation, fix: restore(source))
        }
        let message: String
        let path: [JSONPathComponent]
        switch decoding {
        case let .typeMismatch(type, context):
            path = jsonPath(context.codingPath)
            message = "\(name(path)) must be \(expected(type)), not \(found(in: context.debugDescription))"
        case let .valueNotFound(type, context):
            path = jsonPath(context.codingPath)
            message = "\(name(path)) must be \(expected(type)), not null"
        case let .keyNotFound(key, context):
            path = jsonPath(context.codingPath)
            message = "missing field `\(key.stringValue)`" + (path.isEmpty ? "" : " in \(name(path))")
        case let .dataCorrupted(context):
            path = jsonPath(context.codingPath)
            message = "\(name(path)): \(context.debugDescription)"
        @unknown default:
            path = []
            message = "the snapshot record does not decode"
        }
        let location = locate(path, in: source)
        return Diagnostic(.error, code: code, message: message, fix: restore(source), location: location,
                          excerpt: source.excerpt(line: location.line))
    }

    /// The value at `path`, or the nearest enclosing one that is there.
    private static func locate(_ path: [JSONPathComponent], in source: JSONSourceFile) -> FileLocation {
        var p = path
        while true {
            if let at = source.location(of: p) { return at }
            if p.isEmpty { return source.startLocation }
            p.removeLast()
        }
    }

    private static func jsonPath(_ codingPath: [any CodingKey]) -> [JSONPathComponent] {
        codingPath.map { key in key.intValue.map { .index($0) } ?? .key(key.stringValue) }
    }

    private static func name(_ path: [JSONPathComponent]) -> String {
        path.isEmpty ? "the record" : "`\(path.displayName)`"
    }

    private static func expected(_ type: Any.Type) -> String {
        let name = String(describing: type)
        if name.hasPrefix("String") { return "a string" }
        if name.hasPrefix("Int") { return "a whole number" }
        if name.hasPrefix("Bool") { return "true or false" }
        if name.hasPrefix("Array") { return "an array" }
        if name.hasPrefix("Dictionary") || name.contains("Keyed") { return "an object" }
        return "a \(name)"
    }

    /// "Expected to decode String but found number instead." → "a number".
    private static func found(in description: String) -> String {
        guard let range = description.range(of: "found ") else { return "another kind of value" }
        let word = description[range.upperBound...].prefix { $0.isLetter }
        switch word {
        case "null": return "null"
        case "": return "another kind of value"
        case let w where "aeiou".contains(w.first!): return "an \(w)"
        default: return "a \(word)"
        }
    }

    private static func restore(_ source: JSONSourceFile) -> String {
        "the record is written by `seminar snapshot`: restore it from version control (`git checkout -- \(source.path)`)"
    }
}
