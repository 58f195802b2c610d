import SeminarFeeds

/// Where the planner writes one document: its bytes arrive in chunks (`ByteSink`), then
/// `finish` says the document is complete. When rendering fails, `discard` is called
/// instead, so that nothing of a half-written document is left anywhere.
///
/// Each output is made and used on the thread rendering its document; only its type is
/// shared with the threads (`SendableMetatype`).
protocol DocumentOutput: ByteSink, SendableMetatype {
    associatedtype Delivered: Sendable
    func finish() throws -> Delivered
    func discard()
    /// Why taking a chunk failed, if it did. Writers report a failing sink in their own
    /// terms (and as the fault of the talk being written); this is the real error.
    var failure: (any Error)? { get }
}

/// A document kept in memory: for `verify`, the tests and freezing a year.
final class CollectedDocument: DocumentOutput {
    private let path: String
    private let collector = ByteCollector()

    init(path: String) { self.path = path }

    func write(_ chunk: UnsafeRawBufferPointer) { collector.write(chunk) }
    func finish() -> OutputDocument { OutputDocument(path: path, bytes: collector.bytes) }
    func discard() {}
    var failure: (any Error)? { nil }
}

extension DocumentOutput {
    /// Writes the document with `write`, then finishes it; on any failure discards it and
    /// throws the output's own error when it has one.
    func complete(_ write: (Self) throws -> Void) throws -> Delivered {
        do {
            try write(self)
            return try finish()
        } catch {
            discard()
            throw failure ?? error
        }
    }
}
