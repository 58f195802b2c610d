import Foundation
import Testing
@testable import SeminarArchive
#if canImport(Glibc)
import Glibc
#endif

/// Only regular files of a bounded size are read: a FIFO would wait forever for a writer,
/// `/dev/zero` never ends, and a huge file would only cost time and memory.
@Suite struct FileLimitTests {
    func archive() throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("limits-" + UUID().uuidString).path
        try FileManager.default.createDirectory(atPath: root + "/2021", withIntermediateDirectories: true)
        let seminar = #"{"title": "S", "description": "D", "homePage": "https://s.example.org/", "feedsBaseURL": "https://s.example.org/feeds/", "language": "en", "timezone": "Europe/Zurich", "defaultStartTime": "16:30", "defaultDuration": 60, "contact": {"name": "A", "email": "a@example.org"}, "organisers": [{"name": "A"}], "idPrefix": "tag:example.org,2021:s/"}"#
        try Data(seminar.utf8).write(to: URL(fileURLWithPath: root + "/seminar.json"))
        return root
    }

    func refusal(_ root: String, _ name: String) -> Diagnostic? {
        ArchiveLoader(root: root).load().diagnostics.first { $0.location?.path == root + "/2021/" + name }
    }

    @Test func aFIFOIsRefusedWithoutWaiting() throws {
        let root = try archive()
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(mkfifo(root + "/2021/2021-06-28-pipe.json", 0o644) == 0)
        // Without a writer, reading a FIFO would never return: the test would hang here.
        let d = try #require(refusal(root, "2021-06-28-pipe.json"))
        #expect(d.severity == .error && d.code == "unreadable-file")
        #expect(d.location?.line == 1 && d.location?.column == 1)
        #expect(d.message.contains("not a regular file"))
    }

    @Test func aLinkToADeviceIsRefused() throws {
        let root = try archive()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createSymbolicLink(atPath: root + "/2021/2021-06-28-zero.json", withDestinationPath: "/dev/zero")
        let d = try #require(refusal(root, "2021-06-28-zero.json"))
        #expect(d.message.contains("not a regular file"))
    }

    @Test func aFileOverTheLimitIsRefusedUnread() throws {
        let root = try archive()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let path = root + "/2021/2021-06-28-huge.json"
        try Data(repeating: 0x20, count: maximumFileSize + 1).write(to: URL(fileURLWithPath: path))
        let d = try #require(refusal(root, "2021-06-28-huge.json"))
        #expect(d.message.contains("larger than \(maximumFileSize) bytes"))
        // At the limit, the file is read (and here reported for what it holds instead).
        guard case .success(let bytes) = readFile(path, limit: maximumFileSize + 1) else {
            Issue.record("a file at the limit is read")
            return
        }
        #expect(bytes.count == maximumFileSize + 1)
        #expect(maximumFileSize == 1 << 20)  // the documented default
    }
}
