import Crypto
import Foundation
import SeminarArchive
import SeminarFeeds

/// One document streamed to its place under an output folder. Each chunk is compared
/// with the file already published there; from the first difference on, the document is
/// written to a temporary file beside it (with the equal part copied over first). So an
/// unchanged document is never written at all (the published file and its timestamp
/// stay), a changed one is staged without ever being held in memory whole, and a failed
/// one leaves nothing behind.
///
/// It can also hash what passes through: frozen years' documents must match the digests
/// recorded when the year was frozen.
final class StagingOutput: DocumentOutput {
    struct Result: Sendable {
        var staged: OutputWriter.StagedDocument
        /// `sha256:…` of the document, when asked for.
        var digest: String?
    }

    private let path: String
    private let target: String
    /// The published file, as long as the document agrees with it.
    private var published: PublishedFile?
    /// The temporary file, from the first difference on.
    private var pending: AtomicFile.Pending?
    /// Chunks on their way to `pending`: libxml2 hands over a few kilobytes at a time.
    private var buffered: [UInt8] = []
    private var hasher: SHA256?
    private(set) var failure: (any Error)?

    private static let bufferSize = 256 * 1024

    /// - Parameters:
    ///   - path: the document's path under `root`.
    ///   - hashing: whether `finish` should give the document's digest.
    init(path: String, root: String, hashing: Bool) throws {
        self.path = path
        target = root + "/" + path
        hasher = hashing ? SHA256() : nil
        published = PublishedFile(path: target)
        // Nothing to compare with: the document is new from its first byte.
        if published == nil { pending = try AtomicFile.begin(for: target) }
    }

    func write(_ chunk: UnsafeRawBufferPointer) throws {
        hasher?.update(bufferPointer: chunk)
        do {
            if let published {
                if published.continues(with: chunk) { return }
                try diverge(from: published)
            }
            try buffer(chunk)
        } catch {
            failure = error
            throw error
        }
    }

    func finish() throws -> Result {
        let digest = hasher.map { sha256Digest($0.finalize()) }
        if let published {
            if published.isComplete {
                discard()
                return Result(staged: OutputWriter.StagedDocument(path: path, file: nil), digest: digest)
            }
            // The published file goes on: the document is a prefix of it.
            try diverge(from: published)
        }
        guard let pending else { preconditionFailure("a document either matches the published file or is being staged") }
        try flushBuffer()
        let staged = try pending.finish()
        self.pending = nil
        return Result(staged: OutputWriter.StagedDocument(path: path, file: staged), digest: digest)
    }

    func discard() {
        published = nil
        pending?.discard()
        pending = nil
    }

    /// The document differs from the published file after what matched so far: stage it,
    /// starting with that equal part.
    private func diverge(from published: PublishedFile) throws {
        let file = try AtomicFile.begin(for: target)
        pending = file
        self.published = nil
        try published.copyMatched(to: file)
    }

    private func buffer(_ chunk: UnsafeRawBufferPointer) throws {
        if buffered.count + chunk.count > Self.bufferSize { try flushBuffer() }
        if chunk.count >= Self.bufferSize {
            try pending?.write(chunk)
        } else {
            buffered.append(contentsOf: chunk)
        }
    }

    private func flushBuffer() throws {
        try buffered.withUnsafeBytes { try pending?.write($0) }
        buffered.removeAll(keepingCapacity: true)
    }
}

/// A published file, read block by block alongside the new bytes of its document, to
/// find out whether they differ without holding either in memory.
///
/// The file stays open: if another publish renames a new file over it meanwhile, this one
/// still reads the old content, which is what was compared.
final class PublishedFile {
    private let path: String
    private let fd: Int32
    let size: Int
    /// How many leading bytes are known to equal the document's.
    private(set) var matched = 0
    /// A window of the file, at `windowStart`, holding `windowCount` bytes. No larger than
    /// the file: most published files are talk pages of a few kilobytes, and a 256 KB
    /// window zeroed for each of them was most of the time of a build that changed nothing.
    private var window: [UInt8]
    private var windowStart = 0
    private var windowCount = 0

    /// Nil when there is no regular file at `path` to compare with.
    init?(path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            return nil
        }
        self.path = path
        self.fd = fd
        size = Int(info.st_size)
        window = [UInt8](repeating: 0, count: max(1, min(size, 256 * 1024)))
    }

    deinit { close(fd) }

    /// Every byte of the file matched.
    var isComplete: Bool { matched == size }

    /// How many bytes of the file are left to match.
    var remaining: Int { size - matched }

    /// Whether the file goes on with `chunk`; if it does, `chunk` counts as matched.
    func continues(with chunk: UnsafeRawBufferPointer) -> Bool {
        guard matched + chunk.count <= size else { return false }
        var done = 0
        while done < chunk.count {
            let at = matched + done
            if at < windowStart || at >= windowStart + windowCount {
                guard fill(from: at) else { return false }
            }
            let n = min(windowStart + windowCount - at, chunk.count - done)
            let same = window.withUnsafeBytes { memcmp($0.baseAddress! + (at - windowStart), chunk.baseAddress! + done, n) == 0 }
            guard same else { return false }
            done += n
        }
        matched += chunk.count
        return true
    }

    /// Writes the matched bytes to `file`: they are the document's first bytes too.
    func copyMatched(to file: AtomicFile.Pending) throws {
        var offset = 0
        while offset < matched {
            guard fill(from: offset) else { throw PublishedFileError(path: path, code: errno) }
            let n = min(windowCount, matched - offset)
            try window.withUnsafeBytes { try file.write(UnsafeRawBufferPointer(rebasing: $0[..<n])) }
            offset += n
        }
    }

    private func fill(from offset: Int) -> Bool {
        while true {
            let n = window.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, $0.count, off_t(offset)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return false }
            windowStart = offset
            windowCount = n
            return true
        }
    }
}

struct PublishedFileError: Error, CustomStringConvertible {
    var path: String
    var code: Int32
    var description: String { "cannot read `\(path)` again: \(String(cString: strerror(code)))" }
}
