import Crypto
import SeminarFeeds

/// One document compared, chunk by chunk as it is rendered, with the file published at
/// its path, writing nothing and holding neither in memory: how `verify` checks a
/// published file against what the archive gives.
final class ComparingOutput: DocumentOutput {
    /// How the published file compares with the document.
    enum Verdict: Sendable, Equatable {
        case same
        /// No regular file at the path.
        case missing
        /// The published file is the beginning of the document, `publishedBytes` long.
        case truncated(publishedBytes: Int)
        case changed
    }

    struct Result: Sendable {
        var path: String
        var verdict: Verdict
        /// The document's length in bytes.
        var size: Int
        /// `sha256:…` of the document, when asked for.
        var digest: String?
    }

    private let path: String
    /// The published file, while it agrees with the document so far.
    private var published: PublishedFile?
    /// The published file's length, or nil when there is none.
    private let publishedSize: Int?
    /// Every byte of the published file matched, and the document went on.
    private var outgrewPublished = false
    private var differs = false
    private var size = 0
    private var hasher: SHA256?
    var failure: (any Error)? { nil }

    init(path: String, root: String, hashing: Bool) {
        self.path = path
        published = PublishedFile(path: root + "/" + path)
        publishedSize = published?.size
        hasher = hashing ? SHA256() : nil
    }

    func write(_ chunk: UnsafeRawBufferPointer) {
        hasher?.update(bufferPointer: chunk)
        size += chunk.count
        guard let published, !published.continues(with: chunk) else { return }
        // The chunk may run past the end of the published file: the file is then only
        // truncated if it matches the chunk up to its own end.
        let rest = published.remaining
        outgrewPublished = rest < chunk.count && published.continues(with: UnsafeRawBufferPointer(rebasing: chunk[..<rest]))
        differs = !outgrewPublished
        self.published = nil
    }

    func finish() -> Result {
        let verdict: Verdict
        if let publishedSize {
            if outgrewPublished {
                verdict = .truncated(publishedBytes: publishedSize)
            } else if differs || published?.isComplete != true {
                // Also a published file that goes on past the end of the document.
                verdict = .changed
            } else {
                verdict = .same
            }
        } else {
            verdict = .missing
        }
        return Result(path: path, verdict: verdict, size: size, digest: hasher.map { sha256Digest($0.finalize()) })
    }

    func discard() { published = nil }
}
