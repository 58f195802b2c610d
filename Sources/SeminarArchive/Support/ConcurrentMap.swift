import Dispatch
import Foundation

/// `map` on every core, keeping the order of the input. For work that is pure and
/// independent per element (reading a talk file, rendering a talk), so the result is the
/// same as a serial map, whatever the scheduling.
public enum ConcurrentMap {
    public static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        guard items.count > 1 else { return items.map(transform) }
        // Chunks amortise the dispatch overhead while leaving enough pieces to balance cores.
        let chunkCount = min(items.count, ProcessInfo.processInfo.activeProcessorCount * 8)
        // Each result is put straight into the array returned, rather than into optionals
        // copied out at the end, which made a second array of every result.
        return [R](unsafeUninitializedCapacity: items.count) { buffer, initialized in
            let out = UnsafeSendable(buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
                let lower = items.count * chunk / chunkCount
                let upper = items.count * (chunk + 1) / chunkCount
                for i in lower..<upper {
                    (out.value + i).initialize(to: transform(items[i]))  // each index written by exactly one chunk
                }
            }
            initialized = items.count
        }
    }
}

/// Lets a pointer cross into `concurrentPerform`; safe because each task writes its own
/// disjoint range and the buffer outlives the call.
private struct UnsafeSendable<P>: @unchecked Sendable {
    let value: P
    init(_ value: P) { self.value = value }
}
