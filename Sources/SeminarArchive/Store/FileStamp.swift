#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `stat` says about a file or folder: enough to tell, without reading it, that it
/// has not changed since the stamp was taken. This is how `make` and git's index decide
/// what to look at again.
///
/// The status-change time (`ctime`) is the part that makes it trustworthy: every write,
/// rename, permission change or `touch` of a file sets it to the current time, and no
/// program can set it back. A folder's stamp changes whenever an entry is added to it,
/// removed from it or renamed in it.
public struct FileStamp: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    public var device: UInt64
    public var inode: UInt64
    public var size: Int64
    /// Nanoseconds since 1970 of the last change of the content (`mtime`).
    public var modified: Int64
    /// Nanoseconds since 1970 of the last change of the content or metadata (`ctime`).
    public var changed: Int64

    public init(device: UInt64, inode: UInt64, size: Int64, modified: Int64, changed: Int64) {
        self.device = device
        self.inode = inode
        self.size = size
        self.modified = modified
        self.changed = changed
    }

    /// The stamp of `path`, following symbolic links; nil if there is nothing there.
    public static func of(_ path: String) -> FileStamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileStamp(info)
    }

    init(_ info: stat) {
        #if canImport(Darwin)
        let (m, c) = (info.st_mtimespec, info.st_ctimespec)
        #else
        let (m, c) = (info.st_mtim, info.st_ctim)
        #endif
        self.init(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
                  modified: Int64(m.tv_sec) * 1_000_000_000 + Int64(m.tv_nsec),
                  changed: Int64(c.tv_sec) * 1_000_000_000 + Int64(c.tv_nsec))
    }

    public var description: String { "\(device):\(inode):\(size):\(modified):\(changed)" }

    /// The file system's own notion of "now", in the units of `changed`: the status-change
    /// time of a file created for the purpose in `folder` (and removed at once). Nil if
    /// `folder` is not writable.
    ///
    /// Comparing stamps with this, rather than with the system clock, is what tells
    /// whether a file changed before or after a given moment: file systems keep coarse
    /// times (a few milliseconds), which the clock would not match.
    public static func fileSystemTime(in folder: String) -> Int64? {
        for attempt in 0..<16 {
            let probe = folder + "/.seminar-time-" + String(UInt64.random(in: 0...UInt64.max), radix: 36) + String(attempt)
            let fd = open(probe, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            if fd < 0 {
                if errno == EEXIST { continue }
                return nil
            }
            var info = stat()
            let ok = fstat(fd, &info) == 0
            close(fd)
            unlink(probe)
            return ok ? FileStamp(info).changed : nil
        }
        return nil
    }
}
