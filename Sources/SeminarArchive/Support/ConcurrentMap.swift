import Dispatch

/// `map` on every core, keeping the order of the input. For work that is pure and
/// independent per element (reading a talk file, rendering a talk), so the result is the
/// same as a serial map, whatever the scheduling.
public enum ConcurrentMap {
    public static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        guard items.count > 1 else { return items.map(transform) }
        // One iteration per item: `concurrentPerform` hands out iterations one at a time to
        // whichever core is free, so cores finish together however unequal the items are (a
        // web page of every talk beside one talk's page). Chunks of items had left one core
        // alone for up to a chunk's time at the end.
        // Each result is put straight into the array returned, rather than into optionals
        // copied out at the end, which made a second array of every result.
        return [R](unsafeUninitializedCapacity: items.count) { buffer, initialized in
            let out = UnsafeSendable(buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: items.count) { i in
                (out.value + i).initialize(to: transform(items[i]))  // each index written by exactly one iteration
            }
            initialized = items.count
        }
    }
}

/// Lets a pointer cross into `concurrentPerform`; safe because each iteration writes its
/// own index and the buffer outlives the call.
private struct UnsafeSendable<P>: @unchecked Sendable {
    let value: P
    init(_ value: P) { self.value = value }
}
