import Foundation
import SeminarArchive
import SeminarFeeds

extension Publisher {
    /// Recomputes every document from the archive and compares it with `feeds/` and with
    /// the digests of frozen years: a changed, truncated or missing file is reported by name.
    public func verify() throws -> [Diagnostic] {
        let checked = check()
        guard !checked.hasErrors, let seminar = checked.seminar else { return checked.diagnostics }
        let folderScan = FeedsFolderScan.scan(feedsRoot)
        var out = checked.diagnostics + folderScan.linkDiagnostics(root: feedsRoot) + folderScan.strayDiagnostics(root: feedsRoot)
        // Every document is rendered and compared with its file as it is rendered, as a
        // build does: neither is ever held whole in memory. Frozen years' documents are
        // hashed on the way, to compare with their records.
        let frozenPaths = Set(checked.records.values.flatMap(\.documents.keys))
        let planner = DocumentPlanner(checked: checked, seminar: seminar, includePrivateLinks: false)
        let deliveries = planner.render(planner.subscriptionJobs + planner.frozenYears.map { .archive(year: $0) }) {
            ComparingOutput(path: $0, root: feedsRoot, hashing: frozenPaths.contains($0))
        }
        if let error = deliveries.lazy.compactMap(\.error).first { throw error }
        var expectedPaths = Set<String>()
        // The digests of published files found byte for byte equal to their documents:
        // hashed on the way, so they need not be read and hashed again below.
        var publishedDigests: [String: String] = [:]
        for document in deliveries.flatMap(\.delivered) {
            expectedPaths.insert(document.path)
            if document.verdict == .same, let digest = document.digest { publishedDigests[document.path] = digest }
            let drift = frozenDrift(of: document.path, digest: document.digest, records: checked.records)
            out += drift
            let path = feedsRoot + "/" + document.path
            let at = FileLocation(path: path, line: 1, column: 1)
            switch document.verdict {
            case .same:
                break
            case .missing:
                out.append(.error("missing-file", "`\(path)` is missing", at: at, fix: "run `seminar build`"))
            case let .truncated(publishedBytes):
                out.append(.error("truncated-file", "`\(path)` is truncated (\(publishedBytes) of \(document.size) bytes)",
                                  at: at, fix: "run `seminar build`"))
            case .changed where !drift.isEmpty:
                // A frozen document that renders differently from what its record holds
                // is reported once, with how to amend the year: `build` would not change it.
                break
            case .changed:
                out.append(.error("changed-file", "`\(path)` does not match what the archive gives", at: at, fix: "run `seminar build`"))
            }
        }
        // Frozen documents must also match the digests recorded when their year was frozen:
        // the archive and the files could have been changed together.
        for (year, record) in checked.records.sorted(by: { $0.key < $1.key }) {
            for (path, digest) in record.documents.sorted(by: { $0.key < $1.key }) {
                let full = feedsRoot + "/" + path
                guard let published = publishedDigests[path] ?? publishedDigest(of: path) else { continue }  // reported above
                if published != digest {
                    out.append(.error("frozen-digest-mismatch",
                                      "`\(full)` does not match the digest recorded when \(year) was frozen",
                                      at: FileLocation(path: full, line: 1, column: 1)))
                }
                if !expectedPaths.contains(path) {
                    out.append(.error("missing-file", "frozen document `\(path)` is no longer produced",
                                      at: FileLocation(path: SnapshotStore(archiveRoot: archiveRoot).path(of: year), line: 1, column: 1)))
                }
            }
        }
        return out.sorted(by: Diagnostic.reportOrder)
    }
}
