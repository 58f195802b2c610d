/// Where a writer puts a document's bytes, chunk by chunk, as they are produced: a feed of
/// thousands of talks then never has to be held in memory whole (the publisher's sink
/// writes each chunk straight to a temporary file).
///
/// A sink is used by one writer on one thread at a time.
public protocol ByteSink: AnyObject {
    /// Takes the next chunk of the document. `chunk` is valid only during the call. A sink
    /// that cannot take it (a full disk) throws; the writer then stops.
    func write(_ chunk: UnsafeRawBufferPointer) throws
}

extension ByteSink {
    /// The whole of `bytes` as one chunk: for documents still rendered in memory.
    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }
}

/// Keeps every byte it is given: what the writers' `[UInt8]` API, the tests and
/// `seminar verify` use.
public final class ByteCollector: ByteSink {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public func write(_ chunk: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: chunk)
    }
}
