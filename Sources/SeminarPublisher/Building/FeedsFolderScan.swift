import Foundation
import SeminarArchive

/// What the feeds folder holds that no build publishes and that must not stay: a symbolic
/// link (which a web server would follow out of the folder, to the organisers' private
/// documents, say), and the temporary files of a build that was killed before it could
/// remove them (each a whole document's size, never used again).
struct FeedsFolderScan {
    /// Paths relative to the feeds folder.
    var symbolicLinks: [String] = []
    var strayTemporaryFiles: [String] = []

    /// The name `AtomicFile` gives a temporary file: `.atom.xml.tmp-k3j9x`.
    static func isTemporaryName(_ name: String) -> Bool {
        name.hasPrefix(".") && name.contains(".tmp-")
    }

    /// Walks `root` without following links; a missing folder holds nothing.
    static func scan(_ root: String) -> FeedsFolderScan {
        var found = FeedsFolderScan()
        var folders = [""]
        while let relative = folders.popLast() {
            let folder = relative.isEmpty ? root : root + "/" + relative
            guard case .success(let entries) = listFolder(folder) else { continue }
            for entry in entries {
                let path = relative.isEmpty ? entry.name : relative + "/" + entry.name
                switch entry.kind ?? FolderEntry.Kind(lstatOf: root + "/" + path) {
                case .symbolicLink: found.symbolicLinks.append(path)
                case .folder: folders.append(path)
                case .other, nil: if isTemporaryName(entry.name) { found.strayTemporaryFiles.append(path) }
                }
            }
        }
        found.symbolicLinks.sort()
        found.strayTemporaryFiles.sort()
        return found
    }

    func linkDiagnostics(root: String) -> [Diagnostic] {
        symbolicLinks.map { path in
            .error("symbolic-link-in-feeds", "`\(root)/\(path)` is a symbolic link: a web server serving the feeds would follow it out of the folder",
                   at: FileLocation(path: root + "/" + path, line: 1, column: 1), fix: "remove it; the feeds folder holds only what `seminar build` publishes")
        }
    }

    func strayDiagnostics(root: String) -> [Diagnostic] {
        strayTemporaryFiles.map { path in
            .error("stray-temporary-file", "`\(root)/\(path)` is a temporary file left by a build that was stopped",
                   at: FileLocation(path: root + "/" + path, line: 1, column: 1), fix: "run `seminar build --full`, which removes it")
        }
    }
}
