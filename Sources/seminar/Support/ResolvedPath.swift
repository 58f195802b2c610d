#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A file or folder named on the command line, as the file system sees it: absolute,
/// without `.` and `..`, and with symbolic links resolved as far as the path exists (a
/// folder still to be created resolves through its nearest existing ancestor). Two
/// spellings of one path (`feeds`, `./feeds/`, `/home/…/feeds`, a link to it) give the
/// same components.
struct ResolvedPath: Equatable {
    let components: [String]

    init(_ path: String, workingFolder: String = FileManager.default.currentDirectoryPath) {
        let absolute = path.hasPrefix("/") ? path : workingFolder + "/" + path
        var resolved: [String] = []
        for component in absolute.split(separator: "/").map(String.init) {
            switch component {
            case ".":
                continue
            case "..":
                // What came before is already free of links, so its parent is the real one.
                _ = resolved.popLast()
            default:
                resolved.append(component)
                if let real = Self.realPath("/" + resolved.joined(separator: "/")) {
                    resolved = real.split(separator: "/").map(String.init)
                }
            }
        }
        components = resolved
    }

    /// Whether `self` is `other` or lies somewhere inside it.
    func isInside(_ other: ResolvedPath) -> Bool {
        components.starts(with: other.components)
    }

    /// The path with every link resolved, or nil when it does not exist.
    private static func realPath(_ path: String) -> String? {
        guard let real = realpath(path, nil) else { return nil }
        defer { free(real) }
        return String(cString: real)
    }
}
