import Foundation
import SeminarArchive
import SeminarFeeds

/// Why a year cannot be frozen (or amended) now.
public struct SnapshotRefusal: Error, Sendable, CustomStringConvertible {
    /// Reasons that concern the archive as a whole (the year is already frozen, an
    /// earlier one is not).
    public var reasons: [String]
    /// The errors of the archive, and the talks that keep the year open, each at its
    /// place in its file.
    public var diagnostics: [Diagnostic]
    public var description: String { (diagnostics.map(\.description) + reasons).joined(separator: "\n") }
}

extension Publisher {
    public struct SnapshotResult: Sendable {
        public var record: SnapshotRecord
        public var recordPath: String
        public var documents: [String]
        public var build: BuildResult
    }

    /// Freezes `year`: writes its archive documents, records the freeze in the archive, and
    /// rebuilds the subscription documents (which no longer hold that year).
    ///
    /// `now` is the only clock reading, passed in by the command: a year is frozen only when
    /// none of its talks is still to come.
    public func snapshot(year: Int, now: Instant, amendReason: String? = nil) throws -> SnapshotResult {
        let checked = check()
        let store = SnapshotStore(archiveRoot: archiveRoot)
        let existing = checked.records[year]
        var reasons: [String] = []

        if let reason = amendReason {
            if existing == nil { reasons.append("\(year) is not frozen, so there is nothing to amend; run `seminar snapshot \(year)`") }
            if reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { reasons.append("--amend needs a --reason that says what was corrected and why") }
        } else if existing != nil {
            reasons.append("\(year) is already frozen; to correct it, run `seminar snapshot \(year) --amend --reason \"…\"`")
        }

        // Frozen-year errors are what an amendment is for; every other error blocks.
        let blocking = checked.errors.filter { amendReason == nil || !Diagnostic.frozenYearCodes.contains($0.code) }
        if !blocking.isEmpty {
            reasons.append("the archive has \(blocking.count) error\(blocking.count == 1 ? "" : "s"); fix \(blocking.count == 1 ? "it" : "them") first (see `seminar check`)")
        }
        guard let seminar = checked.seminar else { throw SnapshotRefusal(reasons: reasons, diagnostics: blocking) }

        let talks = checked.talks.filter { $0.talk.year == year }
        if talks.isEmpty && existing == nil { reasons.append("\(year) has no talks") }
        let unfinished = talks.compactMap { unfinishedTalk($0, zones: checked.zones, now: now) }
        // Freezing in order keeps every published document unchanged: a year's documents
        // name the previous frozen year, which must therefore already be final.
        let earlierUnfrozen = Set(checked.talks.map(\.talk.year)).filter { $0 < year && checked.records[$0] == nil }.sorted()
        if let first = earlierUnfrozen.first, amendReason == nil {
            reasons.append("freeze the earlier years first: \(earlierUnfrozen.map(String.init).joined(separator: ", ")) (start with `seminar snapshot \(first)`)")
        }
        guard reasons.isEmpty, unfinished.isEmpty else {
            throw SnapshotRefusal(reasons: reasons, diagnostics: (blocking + unfinished).sorted(by: Diagnostic.reportOrder))
        }

        let previous = checked.records.keys.filter { $0 < year }.max()
        let next = checked.records.keys.filter { $0 > year }.min()
        let planner = DocumentPlanner(checked: checked, seminar: seminar, includePrivateLinks: false)
        let documents = try planner.archiveDocuments(year: year, previousYear: previous, nextYear: next, format: SnapshotRecord.currentFormat)

        var record = SnapshotRecord(
            year: year, previousYear: previous, nextYear: next,
            documents: Dictionary(uniqueKeysWithValues: documents.map { ($0.path, sha256Digest($0.bytes)) }),
            talks: Dictionary(uniqueKeysWithValues: talks.map {
                ($0.talk.id, SnapshotRecord.FrozenTalk(file: ArchiveFolder(archiveRoot).relative($0.source.path), fields: TalkFingerprint.fields(of: $0.talk),
                                                       source: sha256Digest($0.source.bytes)))
            }),
            amendments: existing?.amendments ?? [], talkDefaults: checked.talkDefaults,
            updated: talks.map(\.talk.updated).max()?.rfc3339, seminar: SeminarFingerprint.fields(of: seminar))
        if let reason = amendReason, let old = existing {
            record.amendments.append(SnapshotRecord.Amendment(at: now.rfc3339, reason: reason, changes: Self.changes(from: old, to: record)))
        }

        // The year's documents and its record are one publication: a snapshot stopped
        // between them is finished by the next command, never left with documents and no
        // record.
        _ = try OutputWriter(root: feedsRoot).write(documents, also: [try store.stage(record)], thenBuild: true)
        let build = try self.build()
        PublicationJournal.remove(in: feedsRoot)
        return SnapshotResult(record: record, recordPath: store.path(of: year), documents: documents.map(\.path), build: build)
    }

    /// Why `loaded` keeps its year open at `now`: it has no date yet, or has not ended.
    /// Reported at the talk's `start` (or at the top of its file when it has none), so that
    /// an editor opens the file there. Nil for a talk that is over or cancelled.
    private func unfinishedTalk(_ loaded: LoadedTalk, zones: [String: ZoneInfo], now: Instant) -> Diagnostic? {
        let talk = loaded.talk
        guard talk.status != .cancelled else { return nil }
        let name = "“\(talk.speakerNames) — \(talk.title)”"
        let source = loaded.source
        let at = source.locationOfKey([.key("start")]) ?? source.startLocation
        guard let start = talk.start, let zone = zones[talk.timeZone] else {
            return Diagnostic(.error, code: "snapshot-talk-undated", message: "\(name) has no date yet",
                              fix: "give it a date with `seminar edit \(talk.id) --start …`, or cancel it with `--status cancelled`",
                              location: at, excerpt: source.excerpt(line: at.line))
        }
        let end = zone.instant(of: start).secondsSince1970 + Int64(talk.duration) * 60
        guard end > now.secondsSince1970 else { return nil }
        return Diagnostic(.error, code: "snapshot-talk-to-come", message: "\(name) is still to come (\(start))",
                          location: at, excerpt: source.excerpt(line: at.line))
    }


    /// What an amendment changed, for its record: fields per talk, added and removed talks,
    /// rewritten documents.
    static func changes(from old: SnapshotRecord, to new: SnapshotRecord) -> [String] {
        var lines: [String] = []
        for (id, talk) in new.talks.sorted(by: { $0.key < $1.key }) {
            guard let before = old.talks[id] else { lines.append("\(talk.file): added"); continue }
            let fields = talk.fields.keys.sorted().filter { talk.fields[$0] != before.fields[$0] }
            if !fields.isEmpty { lines.append("\(talk.file): " + fields.joined(separator: ", ")) }
        }
        for (id, talk) in old.talks.sorted(by: { $0.key < $1.key }) where new.talks[id] == nil {
            lines.append("\(talk.file): removed")
        }
        for (path, digest) in new.documents.sorted(by: { $0.key < $1.key }) where old.documents[path] != digest {
            // A newer format may hold documents an older one did not (format 4's talk pages).
            lines.append((old.documents[path] == nil ? "added " : "rewrote ") + path)
        }
        return lines
    }
}
