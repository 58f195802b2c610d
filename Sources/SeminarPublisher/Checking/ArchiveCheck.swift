import Foundation
import LaTeX
import SeminarArchive
import SeminarFeeds

/// The archive as the check found it: what loaded, the snapshot records, and every
/// problem. Building and verifying start from here.
public struct CheckedArchive: Sendable {
    /// What the loader read; its problems are among `diagnostics`.
    public var loaded: ArchiveLoadResult
    /// The snapshot records. In a build, the records of years whose talks were all pinned
    /// hold no field fingerprints (see `SnapshotStore.load(withFieldFingerprints:)`).
    public var records: [Int: SnapshotRecord]
    public var zones: [String: ZoneInfo]
    /// Every problem: the loader's, the LaTeX's, the frozen years'.
    public var diagnostics: [Diagnostic]
    /// In a build, the presentations of the talks it renders, by id, made from the
    /// check's parse of their titles and abstracts (`TalkPresenter`).
    var presentations: [String: TalkPresentation] = [:]

    public var seminar: Seminar? { loaded.seminar }
    public var seminarSource: JSONSourceFile? { loaded.seminarSource }
    /// Every talk that loaded, in `Talk.feedOrder`, except pinned ones.
    public var talks: [LoadedTalk] { loaded.talks }
    /// Talks of frozen years whose files were left unparsed because they are byte for
    /// byte as frozen (see `PinnedTalkFiles`). Only a build pins files: `seminar check`
    /// reads and checks every talk.
    public var pinnedTalks: [PinnedTalk] { loaded.pinnedTalks }
    /// What talk files inherit from `seminar.json`, as recorded when a year is frozen.
    public var talkDefaults: String { loaded.talkDefaults }
    /// Talks in the archive, parsed or pinned.
    public var talkCount: Int { talks.count + pinnedTalks.count }
    /// Talk files in the archive: `talkCount` and those that did not load because of
    /// their errors.
    public var talkFileCount: Int { loaded.talkFileCount }

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

extension Publisher {
    /// Loads the archive and checks everything: the archive checks, the LaTeX of every
    /// title and abstract, and that no frozen year has changed.
    public func check() -> CheckedArchive {
        check(files: nil)
    }

    /// With `files`, the problems of those files alone (talk files, `seminar.json`,
    /// snapshot records), found in the context of the whole archive: every file is read,
    /// so that duplicate ids, frozen years and possible duplicates are seen, but only the
    /// named files' LaTeX is checked, and only problems at them (or with a note at them)
    /// are reported. For an editor's check on save or a pre-commit hook. `files` are spelt
    /// as the diagnostics spell paths (see `ArchiveFolder.files(named:)`).
    public func check(files: Set<String>?) -> CheckedArchive {
        let store = SnapshotStore(archiveRoot: archiveRoot)
        let (records, problems) = store.load()
        var checked = check(snapshots: (records, problems, withFieldFingerprints: true), pinningFilesOf: [],
                            latexIn: files.map { files in { files.contains($0) } })
        // Those are reported at the snapshot records, and hashing every frozen document
        // costs more than the rest of a check of a few files: only when a record is named.
        let recordsFolder = ArchiveFolder(archiveRoot).snapshotsFolder + "/"
        if files?.contains(where: { $0.hasPrefix(recordsFolder) }) ?? true {
            checked.diagnostics += damagedFrozenDocuments(checked)
        }
        if let files {
            checked.diagnostics = checked.diagnostics.filter { d in
                d.location.map { files.contains($0.path) } == true
                    || d.notes.contains { $0.location.map { files.contains($0.path) } == true }
            }
        }
        checked.diagnostics.sort(by: Diagnostic.reportOrder)
        return checked
    }

    /// What a build finds about the frozen documents whose published files do not match
    /// their records: it renders those years again, and a rendering that does not match
    /// the record either is an error (`frozen-document-changed`), whether the file or the
    /// record's digest changed. `check` does the same, so that the two agree.
    func damagedFrozenDocuments(_ checked: CheckedArchive) -> [Diagnostic] {
        guard !checked.hasErrors, let seminar = checked.seminar else { return [] }
        let damaged = checked.records.keys.sorted().filter { !publishedFilesMatch(checked.records[$0]!) }
        guard !damaged.isEmpty else { return [] }
        let planner = DocumentPlanner(checked: checked, seminar: seminar, includePrivateLinks: false)
        guard let documents = try? planner.render(damaged.map { .archive(year: $0) }) else { return [] }
        return documents.flatMap { frozenDrift(of: $0.path, digest: sha256Digest($0.bytes), records: checked.records) }
    }

    /// The check, with the talk files of `pinnedYears` that are byte for byte as their
    /// records pinned them left unparsed: they were checked when their year was frozen,
    /// and the same bytes give the same talk. Whatever differs is read and checked.
    ///
    /// Records read without their field fingerprints (`withFieldFingerprints: false`) are
    /// read again whole for the years that have a talk that was parsed.
    /// `latexIn`, when given, says which files' LaTeX is checked (see `check(files:)`).
    /// `presenting`: a build's check, which also makes the presentations of the talks the
    /// build renders from its parse of their LaTeX; it checks every talk's LaTeX, so it
    /// takes no `latexIn`.
    func check(
        snapshots: (records: [Int: SnapshotRecord], diagnostics: [Diagnostic], withFieldFingerprints: Bool),
        pinningFilesOf pinnedYears: Set<Int>, latexIn: ((String) -> Bool)? = nil, presenting: Bool = false
    ) -> CheckedArchive {
        precondition(latexIn == nil || !presenting, "a build's check presents, and so checks, every talk's LaTeX")
        var records = snapshots.records
        var loaded = ArchiveLoader(root: archiveRoot, zones: zoneDatabase).load(pinned: pins(of: pinnedYears.compactMap { records[$0] }))
        if !snapshots.withFieldFingerprints {
            // Talks of frozen years that were read, not pinned, are compared field by field.
            let store = SnapshotStore(archiveRoot: archiveRoot)
            for year in Set(loaded.talks.map { $0.talk.year }) where records[year] != nil {
                records[year] = store.load(year: year) ?? records[year]
            }
        }
        var diagnostics = loaded.diagnostics + snapshots.diagnostics + recordsMissing(records, unreadable: snapshots.diagnostics)

        var zones: [String: ZoneInfo] = [:]
        if let seminar = loaded.seminar, let z = try? zoneDatabase.zone(seminar.timeZone) { zones[seminar.timeZone] = z }
        // By name, not by talk: iterating the talks would copy each one.
        for name in loaded.talks.lazy.map({ $0.talk.timeZone }) where zones[name] == nil {
            if let z = try? zoneDatabase.zone(name) { zones[name] = z }
        }

        let macros = Set(loaded.extraMacros)
        let checksLaTeX = latexIn ?? { _ in true }
        let presenter = presenting ? loaded.seminar.map {
            TalkPresenter(seminar: $0, zones: zones, frozenYears: Set(records.keys), talkPages: talkPages)
        } : nil
        for source in loaded.rejectedTalkFiles where checksLaTeX(source.path) {
            diagnostics += LaTeXFieldCheck.diagnostics(forRejected: source, extraMacros: macros)
        }
        if let description = loaded.seminarDescription, let source = loaded.seminarSource, checksLaTeX(source.path) {
            diagnostics += LaTeXFieldCheck.diagnostics(in: description, at: [.key("description")], source: source, extraMacros: macros)
        }
        do {
            // The archive as read so far, for the checks that take it whole; gone before the
            // LaTeX pass, which must hold the only reference to the talks to let go of their
            // files' bytes.
            let read = CheckedArchive(loaded: loaded, records: records, zones: zones, diagnostics: [])
            if !records.isEmpty {
                let failedFiles = Set(loaded.diagnostics.compactMap { $0.severity == .error ? $0.location?.path : nil })
                diagnostics += FrozenYearCheck(archiveRoot: archiveRoot, failedFiles: failedFiles).diagnostics(for: read)
            }
            if let seminar = loaded.seminar {
                diagnostics += loaded.talks.flatMap { PrivateMeetingCheck.leaks(of: $0, seminar: seminar) }
                diagnostics += PrivateMeetingCheck.frozenYears(read, feedsRoot: feedsRoot)
            }
        }

        // The talks' LaTeX comes last: a build lets go of each talk file's bytes once its
        // LaTeX is checked (see `latexPass`), and every check above places its problems
        // in those bytes.
        var presentations: [String: TalkPresentation] = [:]
        if let presenter {
            let latex = latexPass(presenting: presenter, forgettingFilesOf: &loaded.talks, macros: macros)
            diagnostics += latex.diagnostics
            presentations = latex.presentations
        } else {
            // Filtered only when asked: a copy of every talk costs as much as the rest of this.
            let latexTalks = latexIn.map { checks in loaded.talks.filter { checks($0.source.path) } } ?? loaded.talks
            diagnostics += ConcurrentMap.map(latexTalks) { Self.latexDiagnostics(of: $0, macros: macros).diagnostics }.flatMap { $0 }
        }

        var checked = CheckedArchive(loaded: loaded, records: records, zones: zones, diagnostics: diagnostics,
                                     presentations: presentations)
        checked.diagnostics.sort(by: Diagnostic.reportOrder)
        return checked
    }

    /// A year whose documents are published under `feeds/archive/YEAR/` but whose record
    /// is gone: without its record the year would silently turn open again (its talks back
    /// in the subscription feeds, its frozen documents orphaned), so this is an error. A
    /// record that is there but unreadable is reported as such, not again here.
    func recordsMissing(_ records: [Int: SnapshotRecord], unreadable: [Diagnostic]) -> [Diagnostic] {
        let archived = feedsRoot + "/" + "archive"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: archived) else { return [] }
        let store = SnapshotStore(archiveRoot: archiveRoot)
        let reported = Set(unreadable.compactMap(\.location?.path))
        return names.compactMap { Int($0) }.filter { String($0).count == 4 }.sorted().compactMap { year in
            let path = store.path(of: year)
            guard records[year] == nil, !reported.contains(path) else { return nil }
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: archived + "/" + String(year), isDirectory: &isFolder), isFolder.boolValue else { return nil }
            return .error("frozen-year-record-missing",
                          "\(year) is published as a frozen year (`\(archived)/\(year)/`) but its record `\(path)` is missing",
                          at: FileLocation(path: path, line: 1, column: 1),
                          fix: "restore the record (`git checkout -- \(path)`); to unfreeze the year on purpose, remove `\(archived)/\(year)/` too")
        }
    }

    /// The files that `records` pinned, for the loader. Records made before files were
    /// pinned have no digests to compare, so their talks are read and checked as usual.
    private func pins(of records: [SnapshotRecord]) -> PinnedTalkFiles? {
        var files: [String: PinnedTalkFiles.Pin] = [:]
        for record in records {
            guard let defaults = record.talkDefaults else { continue }
            for (id, talk) in record.talks {
                guard let digest = talk.source else { continue }
                files[talk.file] = PinnedTalkFiles.Pin(digest: digest, id: id, talkDefaults: defaults)
            }
        }
        return files.isEmpty ? nil : PinnedTalkFiles(files: files, digest: { sha256Digest($0) })
    }

    /// A talk's title and abstract, parsed once, and the problems of their LaTeX.
    private static func latexDiagnostics(of loaded: LoadedTalk, macros: Set<String>)
        -> (title: LaTeXDocument, abstract: LaTeXDocument, diagnostics: [Diagnostic])
    {
        let title = LaTeXDocument(loaded.talk.title)
        let abstract = LaTeXDocument(loaded.talk.abstract)
        return (title, abstract, LaTeXFieldCheck.diagnostics(for: loaded, title: title, abstract: abstract, extraMacros: macros))
    }

    /// A build's LaTeX check: every talk's, on every core (the costliest part of a check),
    /// each title and abstract parsed once, and the same parse gives the talk's
    /// presentation. Its problems come in the talks' order.
    ///
    /// The talks are taken in eight parts, and each talk file's bytes let go once its part
    /// is checked (the check's last use of them): the files' bytes and the presentations
    /// made from them are then never all in memory at once (15 MB and about 50 MB for
    /// 10,000 talks; together they were the build's peak). Each part ends with a core
    /// waiting for the other's last talk, a fraction of a millisecond.
    private func latexPass(
        presenting presenter: TalkPresenter, forgettingFilesOf talks: inout [LoadedTalk], macros: Set<String>
    ) -> (diagnostics: [Diagnostic], presentations: [String: TalkPresentation]) {
        var diagnostics: [Diagnostic] = []
        // A repeated id is an error the build stops at; until then, the first talk counts.
        // Sized once: grown by doubling, it held its old and new tables at once.
        var presentations: [String: TalkPresentation] = Dictionary(minimumCapacity: talks.count)
        let parts = 8
        for part in 0..<parts {
            let range = talks.count * part / parts..<talks.count * (part + 1) / parts
            let results = ConcurrentMap.map(Array(talks[range])) { loaded in
                let checked = Self.latexDiagnostics(of: loaded, macros: macros)
                return (checked.diagnostics, presenter.presentation(of: loaded.talk, title: checked.title, abstract: checked.abstract))
            }
            for (i, result) in zip(range, results) {
                diagnostics += result.0
                if let presentation = result.1, presentations[talks[i].talk.id] == nil {
                    presentations[talks[i].talk.id] = presentation
                }
                talks[i].forgetFileContents()
            }
        }
        return (diagnostics, presentations)
    }
}
