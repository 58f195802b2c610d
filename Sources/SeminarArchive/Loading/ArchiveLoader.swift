import Dispatch
import Foundation

/// Everything read from an archive folder.
public struct ArchiveLoadResult: Sendable {
    /// Nil when `seminar.json` is missing or has errors.
    public var seminar: Seminar?
    public var seminarSource: JSONSourceFile?
    /// Talks that loaded without error, sorted by `Talk.feedOrder`.
    public var talks: [LoadedTalk]
    /// Every problem of every file, sorted by `Diagnostic.reportOrder`.
    public var diagnostics: [Diagnostic]
    /// Talk files that were read but gave no talk because of their errors, so that later
    /// checks (the LaTeX in their text) can still report everything at once.
    public var rejectedTalkFiles: [JSONSourceFile] = []
    /// Talk files left unparsed because they matched their pins, in path order.
    public var pinnedTalks: [PinnedTalk] = []
    /// Every talk file found in the year folders: those that gave a talk (in `talks`),
    /// were pinned, or did not load because of their errors.
    public var talkFileCount = 0
    /// What talk files inherit from `seminar.json`, as text (see `PinnedTalkFiles`).
    public var talkDefaults: String = ""
    /// The seminar's description and extra LaTeX macros, read even when `seminar.json`
    /// has other errors (and `seminar` is nil), so that the LaTeX check reports the
    /// description's problems, and none for the macros, all the same.
    public var seminarDescription: String?
    public var extraMacros: [String] = []
    /// False when the archive folder itself could not be read (it is missing, say): then
    /// nothing else was read, and the one diagnostic says why.
    public var archiveFolderIsReadable = true

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    public init(seminar: Seminar?, seminarSource: JSONSourceFile?, talks: [LoadedTalk], diagnostics: [Diagnostic]) {
        self.seminar = seminar
        self.seminarSource = seminarSource
        self.talks = talks
        self.diagnostics = diagnostics
    }
}

/// A talk and the file it came from, so later checks can point into that file.
public struct LoadedTalk: Sendable {
    public var talk: Talk
    public var source: JSONSourceFile
    public init(talk: Talk, source: JSONSourceFile) {
        self.talk = talk
        self.source = source
    }

    /// Lets go of the file's contents, keeping its path: once every problem is placed, a
    /// build needs only the talk, and the file's text would stay in memory beside its
    /// renderings for the whole build.
    public mutating func forgetFileContents() {
        source = JSONSourceFile(path: source.path, bytes: [])
    }
}

/// Loads `archive/`: `seminar.json` and one JSON file per talk in `YEAR/` folders.
///
/// Every problem of every file is reported at once, and the result never depends on
/// the order the file system lists files in or on the clock.
public struct ArchiveLoader {
    public let root: String
    public let zones: ZoneDatabase

    public init(root: String, zones: ZoneDatabase = .system) {
        self.root = ArchiveFolder(root).path
        self.zones = zones
    }

    /// Reads the whole archive. Files that match a pin in `pinned` are read but not parsed,
    /// and come back in `pinnedTalks` instead of `talks`.
    public func load(pinned: PinnedTalkFiles? = nil) -> ArchiveLoadResult {
        let layout = ArchiveLayout.scan(root: root)
        var diagnostics = layout.diagnostics
        guard layout.rootIsReadable else {
            // Without the folder, a "missing seminar.json" would only repeat the diagnostic.
            var result = ArchiveLoadResult(seminar: nil, seminarSource: nil, talks: [], diagnostics: diagnostics)
            result.archiveFolderIsReadable = false
            return result
        }

        var seminar: Seminar? = nil
        var seminarSource: JSONSourceFile? = nil
        var defaults = SeminarDefaults()
        switch readFile(layout.seminarPath) {
        case .success(let bytes):
            let source = JSONSourceFile(path: layout.seminarPath, bytes: bytes)
            let (s, d, problems) = SeminarReader(zones: zones).read(source)
            (seminar, seminarSource, defaults) = (s, source, d)
            diagnostics += problems
        case .failure(let failure):
            diagnostics.append(failure.requiredFileDiagnostic(for: layout.seminarPath, what: "the seminar description"))
        }

        let reader = TalkReader(defaults: defaults, zones: zones)
        let talkDefaults = defaults.pinText
        let rootPrefixLength = root.count + 1
        var outcomes = ConcurrentMap.map(layout.talkFiles) { file -> TalkFileOutcome in
            switch readFile(file.path) {
            case .success(let bytes):
                let source = JSONSourceFile(path: file.path, bytes: bytes)
                if let pin = pinned?.pin(for: String(file.path.dropFirst(rootPrefixLength)), bytes: bytes, talkDefaults: talkDefaults) {
                    return TalkFileOutcome(source: source, id: pin.id, talk: nil, diagnostics: [], isPinned: true)
                }
                return reader.read(source, folderYear: file.year, fileName: file.name)
            case .failure(let failure):
                return TalkFileOutcome(source: JSONSourceFile(path: file.path, bytes: []), id: nil, talk: nil,
                                       diagnostics: [failure.diagnostic(for: file.path, what: "a talk")])
            }
        }

        var talks: [LoadedTalk] = []
        talks.reserveCapacity(outcomes.count)
        var rejected: [JSONSourceFile] = []
        var pinnedTalks: [PinnedTalk] = []
        var firstFileOfID: [String: JSONSourceFile] = [:]
        for (index, file) in layout.talkFiles.enumerated() {  // in path order, so "the other file" is always the earlier one
            // The talk is taken out of its outcome, not copied: a copy took and let go of
            // each of its strings once more (600,000 retains and releases for 10,000 talks,
            // in the check's one-core part).
            let talk = outcomes[index].talk.take()
            let outcome = outcomes[index]
            diagnostics += outcome.diagnostics
            // Files with other errors still claim their id, so a duplicate is never missed.
            if let id = outcome.id {
                if let other = firstFileOfID[id] {
                    diagnostics.append(duplicateID(id, in: outcome.source, other: other))
                    continue
                }
                firstFileOfID[id] = outcome.source
            }
            if outcome.isPinned, let id = outcome.id {
                pinnedTalks.append(PinnedTalk(path: outcome.source.path, year: file.year, id: id))
            } else if let talk {
                talks.append(LoadedTalk(talk: talk, source: outcome.source))
            } else if !outcome.source.bytes.isEmpty {
                rejected.append(outcome.source)
            }
        }
        diagnostics += possibleDuplicates(talks)
        talks.sort { Talk.feedOrder($0.talk, $1.talk) }
        diagnostics.sort(by: Diagnostic.reportOrder)
        var result = ArchiveLoadResult(seminar: seminar, seminarSource: seminarSource, talks: talks, diagnostics: diagnostics)
        result.rejectedTalkFiles = rejected
        result.pinnedTalks = pinnedTalks
        result.talkFileCount = layout.talkFiles.count
        result.talkDefaults = talkDefaults
        result.seminarDescription = defaults.description
        result.extraMacros = defaults.extraMacros
        return result
    }

    /// The same speakers at overlapping times is almost surely one talk entered twice
    /// (`seminar add` run again for a talk already in the archive, or a copied file), which
    /// every subscriber would see twice. Names are compared without regard to case, accents
    /// or spacing (`scott pesme`, `Scott  Pesme`, `Zoe`/`Zoë`). A warning, not an error: the
    /// files may be right. The warning goes to the talk published last (the one just
    /// added), the note to the other; `talks` are in path order, which settles ties.
    private func possibleDuplicates(_ talks: [LoadedTalk]) -> [Diagnostic] {
        // Grouped by speakers first: times are resolved only where a group has two talks.
        // Indices into `talks`, not copies of them: a talk holds dozens of strings, and
        // copying every talk twice cost more than the grouping itself.
        var bySpeakers: [[String]: [(order: Int, index: Int)]] = [:]
        let newestLast = talks.indices.sorted { (talks[$0].talk.published, $0) < (talks[$1].talk.published, $1) }
        for (order, index) in newestLast.enumerated() where talks[index].talk.start != nil && !talks[index].talk.speakers.isEmpty {
            bySpeakers[talks[index].talk.speakers.map { comparableName($0.name) }.sorted(), default: []].append((order, index))
        }
        var found: [(order: Int, diagnostic: Diagnostic)] = []
        for group in bySpeakers.values where group.count > 1 {
            let spans = group.map { span(of: talks[$0.index].talk) }
            for i in group.indices {
                // The earliest-published talk that overlaps this one, if any.
                guard let span = spans[i],
                      let j = group.indices.first(where: { $0 < i && spans[$0].map { $0.overlaps(span) } == true }) else { continue }
                let (loaded, other) = (talks[group[i].index], talks[group[j].index])
                var report = FileReport(source: loaded.source)
                report.warning("possible-duplicate",
                               "\(loaded.talk.speakerNames) already speaks at \(other.talk.start!) in \(other.source.path): the same talk twice?",
                               at: .value(["start"]), fix: "remove one of the two files, or correct `start`",
                               notes: [FileReport(source: other.source).note("the other talk at this time", at: .value(["start"]))])
                found += report.diagnostics.map { (group[i].order, $0) }
            }
        }
        return found.sorted { $0.order < $1.order }.map(\.diagnostic)
    }

    /// When a dated talk takes place, in seconds since 1970; nil if its zone cannot say.
    private func span(of talk: Talk) -> Range<Int64>? {
        guard let start = talk.start, let zone = try? zones.zone(talk.timeZone),
              case let .unique(begin) = zone.resolve(start) else { return nil }
        return begin.secondsSince1970..<(begin.secondsSince1970 + Int64(talk.duration) * 60)
    }

    /// Ids are permanent feed entry ids and calendar UIDs: two talks sharing one would
    /// overwrite each other in every reader.
    private func duplicateID(_ id: String, in source: JSONSourceFile, other: JSONSourceFile) -> Diagnostic {
        var report = FileReport(source: source)
        report.error("duplicate-id", "duplicate id `\(id)`: another talk already uses it", at: .value(["id"]),
                     fix: "give the copy a new id: any text no other talk uses, such as the output of `cat /proc/sys/kernel/random/uuid` (keep the id of the talk already published: feed readers and calendars know it by it)",
                     notes: [FileReport(source: other).note("the other talk with this id", at: .value(["id"]))])
        return report.diagnostics[0]
    }
}

extension FileReadFailure {
    /// For a file the archive cannot do without (`seminar.json`): a folder in its place is
    /// an error, as a missing file is, so that `check` fails where `build` cannot publish.
    func requiredFileDiagnostic(for path: String, what: String) -> Diagnostic {
        guard code == EISDIR else { return diagnostic(for: path, what: what) }
        return .error("unreadable-file", "`\(path)` is a folder: the archive needs \(what) there, as a file",
                      at: FileLocation(path: path, line: 1, column: 1))
    }
}
