import Foundation
import SeminarArchive

/// Writes a set of documents into a folder so that no reader ever sees a half-written
/// file: every changed document is first written in full to a temporary file beside its
/// target, and only when all of them are written are they renamed into place. A document
/// whose bytes would not change is not touched at all (its timestamp stays, so web servers
/// and `make`-like tools see no change).
public struct OutputWriter: Sendable {
    public let root: String

    public init(root: String) { self.root = root }

    public struct Report: Sendable, Equatable {
        public var written: [String] = []
        public var unchanged: [String] = []
    }

    public func write(_ documents: [OutputDocument]) throws -> Report {
        var report = Report()
        var staged: [(temporary: String, final: String, path: String)] = []
        let fm = FileManager.default
        do {
            for document in documents.sorted(by: { $0.path < $1.path }) {
                let target = root + "/" + document.path
                if let existing = fm.contents(atPath: target), existing == Data(document.bytes) {
                    report.unchanged.append(document.path)
                    continue
                }
                let folder = (target as NSString).deletingLastPathComponent
                try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
                let temporary = folder + "/." + (target as NSString).lastPathComponent + ".tmp-" + UUID().uuidString
                guard fm.createFile(atPath: temporary, contents: Data(document.bytes)) else {
                    throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary])
                }
                staged.append((temporary, target, document.path))
            }
        } catch {
            for s in staged { try? fm.removeItem(atPath: s.temporary) }
            throw error
        }
        for s in staged {
            guard rename(s.temporary, s.final) == 0 else {
                let code = errno
                for rest in staged { try? fm.removeItem(atPath: rest.temporary) }
                throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)
            }
            report.written.append(s.path)
        }
        return report
    }
}
