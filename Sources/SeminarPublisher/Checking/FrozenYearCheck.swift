import SeminarArchive

extension Diagnostic {
    /// The codes of a frozen year's talks added, removed or changed since the freeze, and
    /// of its documents that would change: what `seminar snapshot YEAR --amend` records.
    public static let frozenYearCodes: Set<String> = [
        "frozen-talk-changed", "frozen-year-talk-added", "frozen-year-talk-removed", "frozen-document-changed",
        "frozen-year-seminar-changed",
    ]
}

/// Catches talks of a frozen year that were added, removed or edited, and names the talk
/// and the field, at the field's place in the talk file.
struct FrozenYearCheck {
    let archiveRoot: String
    /// Files that failed to load: their talks are missing from the check for that reason,
    /// not because they were removed.
    let failedFiles: Set<String>

    func diagnostics(for checked: CheckedArchive) -> [Diagnostic] {
        let frozenTalks = checked.talks.filter { checked.records[$0.talk.year] != nil }
        // Fingerprinting hashes every field of every frozen talk: done on every core.
        var out = ConcurrentMap.map(frozenTalks) { loaded in
            changes(of: loaded, record: checked.records[loaded.talk.year]!, talkDefaults: checked.talkDefaults)
        }.flatMap { $0 }

        // Pinned talks are present and unchanged by definition: their files are as frozen.
        let present = Set(frozenTalks.map(\.talk.id) + checked.pinnedTalks.map(\.id))
        let byID = Dictionary(checked.talks.map { ($0.talk.id, $0) }, uniquingKeysWith: { first, _ in first })
        let store = SnapshotStore(archiveRoot: archiveRoot)
        for (year, record) in checked.records.sorted(by: { $0.key < $1.key }) {
            for (id, frozen) in record.talks.sorted(by: { $0.key < $1.key }) where !present.contains(id) {
                if failedFiles.contains(ArchiveFolder(archiveRoot).file(frozen.file)) { continue }
                let moved = byID[id]
                let message = moved.map { "talk `\(id)` of frozen year \(year) moved to \($0.source.path)" }
                    ?? "talk `\(id)` (\(frozen.file)) was removed from \(year) after the year was frozen"
                // A moved talk is also pointed at where it is now, which is the file its
                // mover (`seminar edit`, say) looks for diagnostics in.
                let notes = moved.map { [Diagnostic.Note(message: "the talk is now here", location: $0.source.startLocation)] } ?? []
                out.append(Diagnostic(.error, code: "frozen-year-talk-removed", message: message, fix: Self.amend(year),
                                      location: FileLocation(path: store.path(of: year), line: 1, column: 1), notes: notes))
            }
        }
        return out + seminarChanges(checked)
    }

    /// Each field of `seminar.json` that every document of a frozen year shows and that
    /// changed since the year was frozen (or last amended): the year's documents would no
    /// longer be what it published. Reported at the field, with the years it concerns.
    private func seminarChanges(_ checked: CheckedArchive) -> [Diagnostic] {
        guard let seminar = checked.seminar, let source = checked.seminarSource else { return [] }
        let now = SeminarFingerprint.fields(of: seminar)
        var years: [String: [Int]] = [:]
        for (year, record) in checked.records.sorted(by: { $0.key < $1.key }) {
            guard let frozen = record.seminar else { continue }
            for field in now.keys where frozen[field] != nil && frozen[field] != now[field] { years[field, default: []].append(year) }
        }
        return years.keys.sorted().map { field in
            let changed = years[field]!
            let location = source.locationOfKey([.key(field)]) ?? source.startLocation
            let names = changed.map(String.init).joined(separator: ", ")
            return Diagnostic(
                .error, code: "frozen-year-seminar-changed",
                message: "`\(field)` of seminar.json changed after \(names) \(changed.count == 1 ? "was" : "were") frozen; the documents of \(changed.count == 1 ? "that year" : "those years") show it and would change",
                fix: "undo the change, or publish it on purpose with " + changed.map { "`seminar snapshot \($0) --amend --reason \"…\"`" }.joined(separator: ", then "),
                location: location, excerpt: source.excerpt(line: location.line))
        }
    }

    /// A talk of a frozen year that was added after the freeze, or each of its fields
    /// that changed since.
    ///
    /// A file byte for byte as frozen (its digest and the talk defaults it was read with are
    /// the record's) is the talk as frozen, whatever its fingerprints say: the rule by which
    /// a build leaves such a file unparsed (`PinnedTalkFiles`), so that `check` and `build`
    /// agree on it.
    private func changes(of loaded: LoadedTalk, record: SnapshotRecord, talkDefaults: String) -> [Diagnostic] {
        let talk = loaded.talk
        if let frozen = record.talks[talk.id], let digest = frozen.source, record.talkDefaults == talkDefaults,
           sha256Digest(loaded.source.bytes) == digest {
            return []
        }
        // With the line of the file, and a caret, as every diagnostic at a file's place.
        func error(_ code: String, _ message: String, at location: FileLocation) -> Diagnostic {
            Diagnostic(.error, code: code, message: message, fix: Self.amend(record.year), location: location,
                       excerpt: loaded.source.excerpt(line: location.line))
        }
        guard let frozen = record.talks[talk.id] else {
            return [error("frozen-year-talk-added",
                          "talk “\(talk.speakerNames) — \(talk.title)” was added to \(record.year) after the year was frozen",
                          at: loaded.source.location(of: []) ?? FileLocation(path: loaded.source.path, line: 1, column: 1))]
        }
        let now = TalkFingerprint.fields(of: talk)
        return now.keys.sorted().filter { now[$0] != frozen.fields[$0] }.map { field in
            let at = loaded.source.locationOfKey([.key(field)]) ?? loaded.source.location(of: [])
                ?? FileLocation(path: loaded.source.path, line: 1, column: 1)
            return error("frozen-talk-changed",
                         "`\(field)` of talk “\(talk.speakerNames) — \(talk.title)” changed after \(record.year) was frozen; its archive documents would change",
                         at: at)
        }
    }

    static func amend(_ year: Int) -> String {
        "undo the change, or record it with `seminar snapshot \(year) --amend --reason \"…\"`"
    }
}
