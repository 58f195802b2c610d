import Foundation
import SeminarArchive

/// Which program is running, down to its libraries: the stamps of the executable and of
/// every shared library mapped into the process (libxml2, Foundation, the Swift runtime).
/// A rebuilt `seminar`, or an upgraded libxml2 or toolchain, may render documents
/// differently, so a record of an earlier build made by another program does not count.
enum ToolIdentity {
    static let current: String? = read()

    static func read() -> String? {
        var files: Set<String> = []
        #if os(Linux)
        // The process's own list of mapped files: the executable and each library. Read to
        // its end: the kernel makes it as it is read, and its size says nothing.
        guard let handle = FileHandle(forReadingAtPath: "/proc/self/maps"),
              let data = try? handle.readToEnd() else { return nil }
        try? handle.close()
        let maps = String(decoding: data, as: UTF8.self)
        for line in maps.split(separator: "\n") {
            // address perms offset dev inode pathname: a path starts at the first `/`.
            guard let slash = line.firstIndex(of: "/") else { continue }
            let path = String(line[slash...])
            // Replaced on disk since it was loaded: what runs is not what the stamp would say.
            if path.hasSuffix(" (deleted)") { return nil }
            files.insert(path)
        }
        #else
        files.insert(CommandLine.arguments[0])
        #endif
        var parts: [String] = []
        for path in files.sorted() {
            guard let stamp = FileStamp.of(path) else { return nil }
            parts.append(path + "=" + stamp.description)
        }
        return parts.isEmpty ? nil : parts.joined(separator: "\n")
    }
}
