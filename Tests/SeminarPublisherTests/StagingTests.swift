import Foundation
import SeminarArchive
import Testing
@testable import SeminarPublisher

/// Documents are streamed to their place chunk by chunk (`StagingOutput`): compared with
/// the published file on the way, staged only from the first difference, hashed if asked.
@Suite struct StagingTests {
    /// A folder with one published file, `doc.txt`.
    struct Folder {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("staging-test-" + UUID().uuidString).path
        var file: String { root + "/doc.txt" }

        init(published: [UInt8]?) throws {
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            if let published { try Data(published).write(to: URL(fileURLWithPath: file)) }
        }

        /// Every name in the folder, temporary files included.
        var names: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).sorted() }
        var content: [UInt8]? { FileManager.default.contents(atPath: file).map { [UInt8]($0) } }
        var inode: Int? { (try? FileManager.default.attributesOfItem(atPath: file))?[.systemFileNumber] as? Int }

        func remove() { try? FileManager.default.removeItem(atPath: root) }
    }

    /// `bytes` written in chunks of `chunk` bytes, then finished.
    func stream(_ bytes: [UInt8], chunk: Int, to output: StagingOutput) throws -> StagingOutput.Result {
        try output.complete { output in
            for start in stride(from: 0, to: bytes.count, by: chunk) {
                try output.write(Array(bytes[start..<min(start + chunk, bytes.count)]))
            }
        }
    }

    static let old = [UInt8]((0..<700_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) })

    @Test(arguments: [1, 4000, 300_000, 1_000_000])
    func anUnchangedDocumentIsNotWritten(chunk: Int) throws {
        let folder = try Folder(published: Self.old)
        defer { folder.remove() }
        let inode = folder.inode
        let result = try stream(Self.old, chunk: chunk, to: StagingOutput(path: "doc.txt", root: folder.root, hashing: false))
        #expect(result.staged.file == nil)
        #expect(folder.names == ["doc.txt"])
        #expect(folder.inode == inode)
    }

    /// Ways a document can differ from the published one.
    enum Change: CaseIterable {
        case early, late, shorter, longer, empty

        func apply(_ bytes: [UInt8]) -> [UInt8] {
            var b = bytes
            switch self {
            case .early: b[10] ^= 1
            case .late: b[b.count - 3] ^= 1
            case .shorter: b.removeLast(5)
            case .longer: b += [1, 2, 3]
            case .empty: b = []
            }
            return b
        }
    }

    /// Whichever way the document differs (early, late, shorter, longer), the staged file
    /// holds exactly its bytes, and the published file changes only on commit.
    @Test(arguments: Change.allCases)
    func aChangedDocumentIsStagedWhole(_ how: Change) throws {
        let new = how.apply(Self.old)
        for chunk in [4000, 1_000_000] {
            let folder = try Folder(published: Self.old)
            defer { folder.remove() }
            let result = try stream(new, chunk: chunk, to: StagingOutput(path: "doc.txt", root: folder.root, hashing: false))
            let staged = try #require(result.staged.file, "\(how)")
            #expect(folder.content == Self.old, "\(how)")
            #expect(folder.names.count == 2, "\(how): the published file and one temporary file")
            try staged.commit()
            #expect(folder.content == new, "\(how), chunks of \(chunk)")
            #expect(folder.names == ["doc.txt"])
        }
    }

    @Test func aNewDocumentIsStagedInAFolderMadeForIt() throws {
        let folder = try Folder(published: nil)
        defer { folder.remove() }
        let output = try StagingOutput(path: "archive/2019/doc.txt", root: folder.root, hashing: false)
        let result = try stream(Self.old, chunk: 5000, to: output)
        try #require(result.staged.file).commit()
        #expect(FileManager.default.contents(atPath: folder.root + "/archive/2019/doc.txt").map { [UInt8]($0) } == Self.old)
    }

    /// The digest is that of the document, whether it changed or not.
    @Test func theDigestIsComputedOnTheWay() throws {
        let folder = try Folder(published: Self.old)
        defer { folder.remove() }
        let same = try stream(Self.old, chunk: 4096, to: StagingOutput(path: "doc.txt", root: folder.root, hashing: true))
        #expect(same.digest == sha256Digest(Self.old))
        let changed = Self.old + [0]
        let staged = try stream(changed, chunk: 4096, to: StagingOutput(path: "doc.txt", root: folder.root, hashing: true))
        #expect(staged.digest == sha256Digest(changed))
        staged.staged.file?.discard()
        #expect(try stream(Self.old, chunk: 4096, to: StagingOutput(path: "doc.txt", root: folder.root, hashing: false)).digest == nil)
    }

    /// A document whose rendering fails half-way leaves no temporary file behind, and the
    /// writer's error is the one reported.
    @Test func aFailedDocumentLeavesNothing() throws {
        struct RenderingFailed: Error {}
        let folder = try Folder(published: Self.old)
        defer { folder.remove() }
        #expect(throws: RenderingFailed.self) {
            try StagingOutput(path: "doc.txt", root: folder.root, hashing: false).complete { output in
                try output.write([9, 9, 9])  // differs: a temporary file now exists
                #expect(folder.names.count == 2)
                throw RenderingFailed()
            }
        }
        #expect(folder.names == ["doc.txt"])
        #expect(folder.content == Self.old)
    }

    /// An archive of 40 talks whose abstracts repeat a sentence, large enough for every
    /// document to be handed over in many chunks.
    static func archive(abstract sentence: (Int) -> String) throws -> ArchiveFixture {
        let a = try ArchiveFixture()
        for i in 0..<40 {
            try a.talk("2021-06-\(10 + i % 18)-speaker-\(i)", year: 2021, id: "t\(i)", start: "2021-06-\(10 + i % 18)T16:30",
                       speaker: "Speaker \(i)", abstract: String(repeating: sentence(i), count: 50))
        }
        return a
    }

    /// A second build of the same archive leaves every published file as it was: same
    /// content, same file (no rename over it), same modification time.
    @Test func aBuildWithNothingChangedTouchesNoFile() throws {
        let a = try Self.archive(abstract: { "We prove that $x_\($0)^2 \\ge 0$ for every real number. " })
        defer { a.remove() }
        _ = try Publisher(archiveRoot: a.archive, feedsRoot: a.feeds).build()
        func stamps() throws -> [String: [FileAttributeKey: Any]] {
            try Dictionary(uniqueKeysWithValues: a.outputs().keys.map { ($0, try FileManager.default.attributesOfItem(atPath: a.feeds + "/" + $0)) })
        }
        let before = try stamps()
        let bytes = try a.outputs()
        let again = try Publisher(archiveRoot: a.archive, feedsRoot: a.feeds).build()
        #expect(again.report?.written == [])
        let after = try stamps()
        #expect(try a.outputs() == bytes)
        for (name, attributes) in before {
            #expect(after[name]?[.systemFileNumber] as? Int == attributes[.systemFileNumber] as? Int, "\(name) was replaced")
            #expect(after[name]?[.modificationDate] as? Date == attributes[.modificationDate] as? Date, "\(name) was touched")
        }
    }

    /// What the build streams to disk is what `documents(of:)` renders in memory.
    @Test func streamedFilesMatchTheDocumentsRenderedInMemory() throws {
        let a = try Self.archive(abstract: { "Let $\\alpha_\($0) \\in (0,1)$, \"quoted\" <b>. " })
        defer { a.remove() }
        let publisher = Publisher(archiveRoot: a.archive, feedsRoot: a.feeds)
        let build = try publisher.build()
        #expect(build.diagnostics.isEmpty, "\(build.diagnostics)")
        let files = try a.outputs()
        let documents = try publisher.documents(of: publisher.check())
        #expect(Set(files.keys) == Set(documents.map(\.path)))
        for document in documents {
            let same = files[document.path].map { [UInt8]($0) == document.bytes } ?? false
            #expect(same, "\(document.path)")
        }
    }

    /// An output that fails like a full disk once it has taken `limit` bytes, and notes
    /// what became of it.
    final class FailingOutput: DocumentOutput {
        struct DiskFull: Error {}
        final class Log: @unchecked Sendable {
            private let lock = NSLock()
            private var events: [String] = []
            func note(_ event: String) { lock.withLock { events.append(event) } }
            var all: [String] { lock.withLock { events } }
        }

        let path: String
        let limit: Int
        let log: Log
        var taken = 0
        private(set) var failure: (any Error)?

        init(path: String, limit: Int, log: Log) {
            self.path = path
            self.limit = limit
            self.log = log
        }

        func write(_ chunk: UnsafeRawBufferPointer) throws {
            taken += chunk.count
            if taken > limit {
                failure = DiskFull()
                throw DiskFull()
            }
        }
        func finish() -> String {
            log.note("finished " + path)
            return path
        }
        func discard() { log.note("discarded " + path) }
    }

    /// A document whose output fails half-way is discarded, the output's own error is the
    /// one reported (not the writer's account of it), and the other documents are delivered.
    @Test(arguments: [FeedsLayout.atom, FeedsLayout.rss, FeedsLayout.jsonFeed, FeedsLayout.calendar, FeedsLayout.webPage])
    func aDocumentWhoseOutputFailsIsDiscarded(_ failing: String) throws {
        let a = try Self.archive(abstract: { "We prove that $x_\($0)^2 \\ge 0$ for every real number. " })
        defer { a.remove() }
        let checked = Publisher(archiveRoot: a.archive, feedsRoot: a.feeds).check()
        let planner = DocumentPlanner(checked: checked, seminar: try #require(checked.seminar), includePrivateLinks: false)
        let log = FailingOutput.Log()
        let deliveries = planner.render(DocumentPlanner.subscriptionJobs) { path in
            FailingOutput(path: path, limit: path == failing ? 20_000 : .max, log: log)
        }
        let failed = deliveries.filter { $0.error != nil }
        #expect(failed.count == 1)
        #expect(failed.first?.error is FailingOutput.DiskFull, "\(String(describing: failed.first?.error))")
        #expect(failed.first?.delivered == [])
        #expect(log.all.filter { $0.hasPrefix("discarded") } == ["discarded " + failing])
        #expect(Set(deliveries.flatMap(\.delivered)) == Set(["atom.xml", "rss.xml", "feed.json", "calendar.ics", "index.html", "feed.xsl"]).subtracting([failing]))
    }
}

/// `verify` compares each document with its published file as it is rendered
/// (`ComparingOutput`), whatever the size of the chunks the writers hand over.
@Suite struct ComparingTests {
    func compare(_ bytes: [UInt8], chunk: Int, with published: [UInt8]?, hashing: Bool = false) throws -> ComparingOutput.Result {
        let folder = try StagingTests.Folder(published: published)
        defer { folder.remove() }
        let output = ComparingOutput(path: "doc.txt", root: folder.root, hashing: hashing)
        for start in stride(from: 0, to: bytes.count, by: chunk) {
            try output.write(Array(bytes[start..<min(start + chunk, bytes.count)]))
        }
        let result = output.finish()
        #expect(folder.names == ["doc.txt"] || published == nil && folder.names.isEmpty)  // nothing written
        #expect(result.size == bytes.count)
        return result
    }

    static let document = StagingTests.old

    @Test(arguments: [1, 4000, 300_000, 1_000_000])
    func verdicts(chunk: Int) throws {
        let d = Self.document
        #expect(try compare(d, chunk: chunk, with: d).verdict == .same)
        #expect(try compare(d, chunk: chunk, with: nil).verdict == .missing)
        // Cut inside a chunk, at a chunk boundary, and to nothing.
        #expect(try compare(d, chunk: chunk, with: Array(d.prefix(123_457))).verdict == .truncated(publishedBytes: 123_457))
        #expect(try compare(d, chunk: chunk, with: Array(d.prefix(chunk < d.count ? chunk * 2 : 600_000))).verdict
                    == .truncated(publishedBytes: chunk < d.count ? chunk * 2 : 600_000))
        #expect(try compare(d, chunk: chunk, with: []).verdict == .truncated(publishedBytes: 0))
        var flipped = d
        flipped[654_321] ^= 1
        #expect(try compare(d, chunk: chunk, with: flipped).verdict == .changed)
        // A cut file whose last byte differs is changed, not truncated.
        var cut = Array(d.prefix(500_000))
        cut[cut.count - 1] ^= 1
        #expect(try compare(d, chunk: chunk, with: cut).verdict == .changed)
        // A published file that goes on past the document.
        #expect(try compare(d, chunk: chunk, with: d + [0x0A]).verdict == .changed)
        #expect(try compare(Array(d.prefix(1000)), chunk: chunk, with: d).verdict == .changed)
    }

    @Test func hashesWhatPassesThrough() throws {
        let d = Self.document
        #expect(try compare(d, chunk: 4000, with: nil, hashing: true).digest == sha256Digest(d))
        #expect(try compare(d, chunk: 4000, with: d).digest == nil)
    }
}
