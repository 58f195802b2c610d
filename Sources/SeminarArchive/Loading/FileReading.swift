#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file could not be read, as the C library said it.
public struct FileReadFailure: Error, Sendable {
    public var code: Int32

    /// The system's words for it: "No such file or directory".
    public var reason: String { String(cString: strerror(code)) }

    func diagnostic(for path: String, what: String) -> Diagnostic {
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

/// The whole file, read with plain POSIX calls: one open, one fstat, usually one read.
/// Cheaper than Foundation's file APIs when reading thousands of small files, and unlike
/// them it says why a read failed.
public func readFile(_ path: String) -> Result<[UInt8], FileReadFailure> {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return .failure(FileReadFailure(code: errno)) }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else { return .failure(FileReadFailure(code: errno)) }
    if (info.st_mode & S_IFMT) == S_IFDIR { return .failure(FileReadFailure(code: EISDIR)) }
    // One spare byte lets the read that finds the end of the file happen without growing the buffer.
    var bytes = [UInt8](repeating: 0, count: max(Int(info.st_size), 0) + 1)
    var filled = 0
    while true {
        if filled == bytes.count { bytes.append(contentsOf: repeatElement(0, count: 4096)) }  // file grew
        let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + filled, $0.count - filled) }
        if n < 0 {
            if errno == EINTR { continue }
            return .failure(FileReadFailure(code: errno))
        }
        if n == 0 { break }
        filled += n
    }
    bytes.removeSubrange(filled...)
    return .success(bytes)
}

/// One entry of a folder listing.
struct FolderEntry {
    var name: String
    /// From the listing itself when the file system says (no stat needed); nil when unknown.
    var isFolder: Bool?
}

/// The entries of a folder, without `.` and `..`, in no particular order. Plain readdir:
/// a year folder may hold hundreds of files and FileManager's listing costs far more.
func listFolder(_ path: String) -> Result<[FolderEntry], FileReadFailure> {
    guard let dir = opendir(path) else { return .failure(FileReadFailure(code: errno)) }
    defer { closedir(dir) }
    var entries: [FolderEntry] = []
    while let entry = readdir(dir) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        if name == "." || name == ".." { continue }
        let type = entry.pointee.d_type
        entries.append(FolderEntry(name: name, isFolder: type == UInt8(DT_DIR) ? true : type == UInt8(DT_UNKNOWN) ? nil : false))
    }
    return .success(entries)
}

/// Whether `path` is a folder, following symbolic links.
func isFolder(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
}
