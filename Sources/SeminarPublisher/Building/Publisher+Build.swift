import Foundation
import SeminarArchive
import SeminarFeeds

extension Publisher {
    /// Checks everything; if there is no error, renders every document, staging each to a
    /// temporary file as soon as it is rendered, and renames them all into place only
    /// when every one is ready. A build that finds an error writes nothing.
    ///
    /// Frozen years are not rendered again when their published files are intact (checked
    /// against the record's digests). The talk files of such a year that are byte for byte
    /// as frozen are not even parsed (see `PinnedTalkFiles`); any other talk of a frozen
    /// year is checked against the record's fingerprints. A missing or damaged document is
    /// rendered again, from its year's talks, and must then match its digest.
    ///
    /// The talk pages the `previously` recorded build published and this one did not (a
    /// talk deleted, or moved to another id) are then removed: only those, never any other
    /// file of the folder.
    func buildEverything(privateOut: String?, previously: BuildManifest? = nil) throws -> (result: BuildResult, read: ReadAlso) {
        // Field fingerprints are needed only for the talks of frozen years that are read
        // again (`check` reads those records whole); the organisers' set reads every talk.
        let wholeRecords = privateOut != nil
        let (frozen, problems) = SnapshotStore(archiveRoot: archiveRoot).load(withFieldFingerprints: wholeRecords)
        let snapshots = (records: frozen, diagnostics: problems, withFieldFingerprints: wholeRecords)
        // Hashing every frozen document is a good part of the build: each year on its own core.
        let frozenYears = snapshots.records.keys.sorted()
        let intact = ConcurrentMap.map(frozenYears) { publishedFilesMatch(snapshots.records[$0]!) }
        let damaged = zip(frozenYears, intact).filter { !$0.1 }.map(\.0)
        // Years rendered again need their talks; so does the organisers' set, which
        // renders every frozen year.
        // The newest frozen year's talks are read when its record is older than records
        // that keep the newest `updated`: the subscription documents' date needs it once
        // every year is frozen (see `DocumentPlanner.archivedTalksUpdated`).
        let undated = frozenYears.last.map { snapshots.records[$0]?.updated == nil ? [$0] : [] } ?? []
        let pinnable = privateOut == nil ? Set(frozenYears).subtracting(damaged).subtracting(undated) : []

        // The check lets go of the talk files' bytes once it has placed its problems.
        var checked = check(snapshots: snapshots, pinningFilesOf: pinnable, presenting: true)
        guard let seminar = checked.seminar, !checked.hasErrors else {
            return (BuildResult(diagnostics: checked.diagnostics, report: nil, privateReport: nil, talkCount: checked.talkCount), ReadAlso())
        }

        // A link in a published folder is refused before anything is written; what a
        // stopped build left behind is removed once this build has published.
        let folderScan = FeedsFolderScan.scan(feedsRoot)
        let links = folderScan.linkDiagnostics(root: feedsRoot) + (privateOut.map { FeedsFolderScan.scan($0).linkDiagnostics(root: $0) } ?? [])
        guard links.isEmpty else {
            return (BuildResult(diagnostics: checked.diagnostics + links, report: nil, privateReport: nil, talkCount: checked.talkCount), ReadAlso())
        }

        let publicSet = OutputWriter(root: feedsRoot)
        let privateSet = privateOut.map(OutputWriter.init(root:))
        let records = checked.records
        let frozenPaths = Set(records.values.flatMap(\.documents.keys))
        var publicStaged: [OutputWriter.StagedDocument] = []
        var privateStaged: [OutputWriter.StagedDocument] = []
        var drift: [Diagnostic] = []
        var failure: (any Error)?
        do {
            let planner = DocumentPlanner(checked: checked, seminar: seminar, includePrivateLinks: false, talkPages: talkPages)
            let jobs = planner.subscriptionJobs + damaged.map { .archive(year: $0) }
            // Each document is streamed to its temporary file as it is rendered, and hashed
            // on the way when it must match the digest of a frozen year.
            for delivery in planner.render(jobs, open: { try publicSet.output(for: $0, hashing: frozenPaths.contains($0)) }) {
                publicStaged += delivery.delivered.map(\.staged)
                drift += delivery.delivered.flatMap { frozenDrift(of: $0.staged.path, digest: $0.digest, records: records) }
                failure = failure ?? delivery.error
            }
            if let privateSet, failure == nil, drift.isEmpty {
                let organisers = DocumentPlanner(checked: checked, seminar: seminar, includePrivateLinks: true, talkPages: talkPages)
                let jobs = organisers.subscriptionJobs + frozenYears.map { .archive(year: $0) }
                for delivery in organisers.render(jobs, open: { try privateSet.output(for: $0, hashing: false) }) {
                    privateStaged += delivery.delivered.map(\.staged)
                    failure = failure ?? delivery.error
                }
            }
        }
        // Every document is rendered: the presentations (the planners' went with them) are
        // let go before the commit, whose journal of renames would otherwise come on top
        // of them (14 MB for the 20,000 files of 10,000 talks, the peak of such a build).
        checked.presentations = [:]
        guard failure == nil, drift.isEmpty else {
            OutputWriter.discard(publicStaged + privateStaged)
            if let failure, let problem = Self.unpublishable(failure, talks: checked.talks) {
                return (BuildResult(diagnostics: checked.diagnostics + [problem], report: nil, privateReport: nil, talkCount: checked.talkCount), ReadAlso())
            }
            if let failure { throw failure }
            return (BuildResult(diagnostics: checked.diagnostics + drift, report: nil, privateReport: nil, talkCount: checked.talkCount), ReadAlso())
        }
        var report = try publicSet.commit(publicStaged)
        for path in folderScan.strayTemporaryFiles where unlink(feedsRoot + "/" + path) == 0 {
            report.removedTemporaryFiles.append(path)
        }
        var privateReport = try privateSet?.commit(privateStaged)
        report.removed = publicSet.removeStaleTalkPages(published: previously?.published ?? [], keeping: report, frozen: frozenPaths)
        if let set = privateSet, let previous = previously?.privatelyPublished, let kept = privateReport {
            privateReport?.removed = set.removeStaleTalkPages(published: previous, keeping: kept, frozen: [])
        }
        let result = BuildResult(diagnostics: checked.diagnostics, report: report, privateReport: privateReport, talkCount: checked.talkCount)
        return (result, ReadAlso(zones: checked.zones.keys.sorted(), frozenDocuments: frozenPaths.sorted()))
    }

    /// A document that could not be written because of what one talk holds, reported at
    /// that talk's file like every other problem of the archive (the check should have
    /// caught it: this is the safety net, so that an editor can still jump to the talk).
    static func unpublishable(_ error: any Error, talks: [LoadedTalk]) -> Diagnostic? {
        guard let markup = error as? PageMarkupError, let context = markup.context, context.hasPrefix("talk "),
              let talk = talks.first(where: { "talk " + $0.talk.id == context }) else { return nil }
        return Diagnostic(.error, code: "unpublishable-talk", message: markup.description,
                          location: FileLocation(path: talk.source.path, line: 1, column: 1))
    }
}
