import Dispatch

/// `map` over every core, keeping the order of the input. Each element's work is
/// independent and pure, so the result is the same as a serial map.
enum ConcurrentMap {
    static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        if items.count < 64 { return items.map(transform) }
        let box = ResultBox<R>(count: items.count)
        let chunks = min(items.count, 8 * 4)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let lower = items.count * chunk / chunks
            let upper = items.count * (chunk + 1) / chunks
            for i in lower..<upper { box.set(i, transform(items[i])) }
        }
        return box.values()
    }
}

/// Each index is written by exactly one worker, so the slots need no lock.
private final class ResultBox<R>: @unchecked Sendable {
    private var storage: [R?]
    init(count: Int) { storage = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: R) { storage.withUnsafeMutableBufferPointer { $0[i] = value } }
    func values() -> [R] { storage.map { $0! } }
}
