#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file could not be read, as the C library said it.
public struct FileReadFailure: Error, Sendable {
    public var code: Int32
    /// Why the file was refused before it was read, when the system did not refuse it:
    /// it is no regular file, or it is larger than the archive's files may be.
    public var refusal: String? = nil

    /// The system's words for it ("No such file or directory"), or the refusal.
    public var reason: String { refusal ?? String(cString: strerror(code)) }

    func diagnostic(for path: String, what: String) -> Diagnostic {
        if let refusal {
            return .error("unreadable-file", "refused `\(path)`: \(refusal)", at: FileLocation(path: path, line: 1, column: 1))
        }
        switch code {
        case ENOENT:
            return .error("missing-file", "missing `\(path)`: the archive needs \(what) there", at: nil)
        case EISDIR:
            return Diagnostic(.warning, code: "ignored-file",
                              message: "ignored folder `\(path)`: talk files are `.json` files directly in a year folder",
                              location: FileLocation(path: path, line: 1, column: 1))
        default:
            return .error("unreadable-file", "cannot read `\(path)`: \(reason)", at: nil)
        }
    }
}

/// The most an archive file may hold (a talk file, `seminar.json`, a snapshot record, an
/// abstract file): a talk of the longest real abstract is a few kilobytes, and a larger
/// file is a mistake (a pasted PDF, a log) whose reading and reporting would only cost
/// time and memory. `SEMINAR_MAX_FILE_SIZE` (bytes) sets another limit.
public let maximumFileSize: Int = {
    guard let text = getenv("SEMINAR_MAX_FILE_SIZE").map({ String(cString: $0) }), let bytes = Int(text), bytes > 0 else {
        return 1 << 20
    }
    return bytes
}()

/// The whole file, read with plain POSIX calls: one open, one fstat, one read.
/// Cheaper than Foundation's file APIs when reading thousands of small files, and unlike
/// them it says why a read failed.
///
/// Only a regular file of at most `limit` bytes is read: a FIFO would make the read wait
/// forever for a writer, and a device such as `/dev/zero` never ends. The file is opened
/// without blocking, so that opening a FIFO does not wait either.
public func readFile(_ path: String, limit: Int = maximumFileSize) -> Result<[UInt8], FileReadFailure> {
    let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    guard fd >= 0 else { return .failure(FileReadFailure(code: errno)) }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else { return .failure(FileReadFailure(code: errno)) }
    if (info.st_mode & S_IFMT) == S_IFDIR { return .failure(FileReadFailure(code: EISDIR)) }
    guard (info.st_mode & S_IFMT) == S_IFREG else {
        return .failure(FileReadFailure(code: EINVAL, refusal: "it is not a regular file (a pipe, a device or a socket), so it is not read"))
    }
    let size = Int(info.st_size)
    guard size <= limit else {
        return .failure(FileReadFailure(code: EFBIG, refusal: "it is larger than \(limit) bytes, the most an archive file may hold (SEMINAR_MAX_FILE_SIZE sets another limit)"))
    }
    // As many bytes as `fstat` said, and no more: reading on until the system says the
    // file has ended took a second `read` for every file (a fifth of the system calls of
    // a check). A file rewritten in place while it is read may come out cut short, as it
    // could before; the archive's own commands replace files whole, by renaming.
    var bytes = [UInt8](repeating: 0, count: size)
    var filled = 0
    while filled < size {
        let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + filled, size - filled) }
        if n < 0 {
            if errno == EINTR { continue }
            return .failure(FileReadFailure(code: errno))
        }
        if n == 0 { break }  // it shrank
        filled += n
    }
    bytes.removeSubrange(filled...)
    return .success(bytes)
}

/// One entry of a folder listing.
public struct FolderEntry: Sendable {
    public enum Kind: Sendable { case folder, symbolicLink, other }

    public var name: String
    /// The entry itself, not what a link leads to: from the listing when the file system
    /// says (no stat needed), else from `lstat`; nil when even that fails.
    public var kind: Kind?

    /// Nil when the listing does not say (the loader then asks `stat`, following links).
    var isFolder: Bool? { kind.map { $0 == .folder } }
}

/// The entries of a folder, without `.` and `..`, in no particular order. Plain readdir:
/// a year folder may hold hundreds of files, the feeds folder thousands of talk pages,
/// and FileManager's listing and attributes cost far more.
public func listFolder(_ path: String) -> Result<[FolderEntry], FileReadFailure> {
    guard let dir = opendir(path) else { return .failure(FileReadFailure(code: errno)) }
    defer { closedir(dir) }
    var entries: [FolderEntry] = []
    while let entry = readdir(dir) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        if name == "." || name == ".." { continue }
        entries.append(FolderEntry(name: name, kind: FolderEntry.Kind(direntType: entry.pointee.d_type)))
    }
    return .success(entries)
}

extension FolderEntry.Kind {
    init?(direntType type: UInt8) {
        switch Int32(type) {
        case Int32(DT_DIR): self = .folder
        case Int32(DT_LNK): self = .symbolicLink
        case Int32(DT_UNKNOWN): return nil
        default: self = .other
        }
    }

    /// The kind of the entry at `path`, not following a link; nil when it cannot be read.
    public init?(lstatOf path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: self = .folder
        case S_IFLNK: self = .symbolicLink
        default: self = .other
        }
    }
}

/// Whether `path` is a folder, following symbolic links.
func isFolder(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
}
