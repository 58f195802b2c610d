import SeminarArchive

/// Catches talks of a frozen year that were added, removed or edited, and names the talk
/// and the field, at the field's place in the talk file.
struct FrozenYearCheck {
    let archiveRoot: String
    /// Files that failed to load: their talks are missing from the check for that reason,
    /// not because they were removed.
    let failedFiles: Set<String>

    func diagnostics(for checked: CheckedArchive) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let store = SnapshotStore(archiveRoot: archiveRoot)
        for (year, record) in checked.records.sorted(by: { $0.key < $1.key }) {
            let amend = "undo the change, or record it with `seminar snapshot \(year) --amend --reason \"…\"`"
            let talks = checked.talks.filter { $0.talk.year == year }
            var seen = Set<String>()
            for loaded in talks {
                let talk = loaded.talk
                seen.insert(talk.id)
                guard let frozen = record.talks[talk.id] else {
                    out.append(.error("frozen-year-talk-added",
                                      "talk “\(talk.speakerNames) — \(talk.title)” was added to \(year) after the year was frozen",
                                      at: loaded.source.location(of: []) ?? FileLocation(path: loaded.source.path, line: 1, column: 1),
                                      fix: amend))
                    continue
                }
                let now = TalkFingerprint.fields(of: talk)
                for field in now.keys.sorted() where now[field] != frozen.fields[field] {
                    let at = loaded.source.locationOfKey([.key(field)]) ?? loaded.source.location(of: [])
                        ?? FileLocation(path: loaded.source.path, line: 1, column: 1)
                    out.append(.error("frozen-talk-changed",
                                      "`\(field)` of talk “\(talk.speakerNames) — \(talk.title)” changed after \(year) was frozen; its archive documents would change",
                                      at: at, fix: amend))
                }
            }
            for (id, frozen) in record.talks.sorted(by: { $0.key < $1.key }) where !seen.contains(id) {
                if failedFiles.contains(archiveRoot + "/" + frozen.file) { continue }
                let elsewhere = checked.talks.first { $0.talk.id == id }
                let message = elsewhere.map { "talk `\(id)` of frozen year \(year) moved to \($0.source.path)" }
                    ?? "talk `\(id)` (\(frozen.file)) was removed from \(year) after the year was frozen"
                out.append(.error("frozen-year-talk-removed", message,
                                  at: FileLocation(path: store.path(of: year), line: 1, column: 1), fix: amend))
            }
        }
        return out
    }
}
