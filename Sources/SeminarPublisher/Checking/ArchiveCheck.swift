import LaTeX
import SeminarArchive

/// The archive as the check found it: what loaded, the snapshot records, and every
/// problem. Building and verifying start from here.
public struct CheckedArchive: Sendable {
    public var seminar: Seminar?
    public var seminarSource: JSONSourceFile?
    /// Every talk that loaded, in `Talk.feedOrder`.
    public var talks: [LoadedTalk]
    public var records: [Int: SnapshotRecord]
    public var zones: [String: ZoneInfo]
    public var diagnostics: [Diagnostic]

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

extension Publisher {
    /// Loads the archive and checks everything: the archive checks, the LaTeX of every
    /// title and abstract, and that no frozen year has changed.
    public func check() -> CheckedArchive {
        let loaded = ArchiveLoader(root: archiveRoot, zones: zoneDatabase).load()
        let (records, recordProblems) = SnapshotStore(archiveRoot: archiveRoot).load()
        var diagnostics = loaded.diagnostics + recordProblems

        var zones: [String: ZoneInfo] = [:]
        if let seminar = loaded.seminar, let z = try? zoneDatabase.zone(seminar.timeZone) { zones[seminar.timeZone] = z }
        for t in loaded.talks where zones[t.talk.timeZone] == nil {
            if let z = try? zoneDatabase.zone(t.talk.timeZone) { zones[t.talk.timeZone] = z }
        }

        let macros = Set(loaded.seminar?.extraMacros ?? [])
        diagnostics += latexDiagnostics(loaded.talks, macros: macros)
        for source in loaded.rejectedTalkFiles {
            diagnostics += LaTeXFieldCheck.diagnostics(forRejected: source, extraMacros: macros)
        }
        if let seminar = loaded.seminar, let source = loaded.seminarSource {
            diagnostics += LaTeXFieldCheck.diagnostics(in: seminar.description, at: [.key("description")], source: source, extraMacros: macros)
        }

        var checked = CheckedArchive(
            seminar: loaded.seminar, seminarSource: loaded.seminarSource, talks: loaded.talks,
            records: records, zones: zones, diagnostics: diagnostics
        )
        if !records.isEmpty {
            checked.diagnostics += FrozenYearCheck(archiveRoot: archiveRoot, failedFiles: Set(loaded.diagnostics.compactMap { $0.severity == .error ? $0.location?.path : nil }))
                .diagnostics(for: checked)
        }
        checked.diagnostics.sort(by: Diagnostic.reportOrder)
        return checked
    }

    /// The LaTeX check is the costliest part of a build, so talks are checked on every core.
    private func latexDiagnostics(_ talks: [LoadedTalk], macros: Set<String>) -> [Diagnostic] {
        let results = ConcurrentMap.map(talks) { LaTeXFieldCheck.diagnostics(for: $0, extraMacros: macros) }
        return results.flatMap { $0 }
    }
}
