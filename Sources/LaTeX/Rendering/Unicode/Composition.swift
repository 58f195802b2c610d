import Foundation

/// Canonical composition (NFC) of a base character and one combining mark, the only case
/// accents need. Foundation's normalization bridges through NSString and costs microseconds
/// per call; accents are common in names (Gödel, Erdős) and formulas (θ̂), but an abstract
/// uses few distinct pairs, so each pair is normalized the first time it is met and looked
/// up afterwards.
enum Composition {
    /// `base` followed by `mark`, composed where Unicode has a precomposed character (ö);
    /// otherwise the two scalars (x̂ stays x + U+0302).
    static func compose(_ base: Unicode.Scalar, _ mark: Unicode.Scalar) -> String {
        // `\"\i` is how TeX writes ï: the dotless i exists only to carry the accent.
        let base: Unicode.Scalar = base == "ı" ? "i" : base == "ȷ" ? "j" : base
        return cache.composed(base, mark)
    }

    private static let cache = PairCache()

    /// The finished strings of the pairs met so far, keyed by `base << 32 | mark`. Storing
    /// strings, not scalars, saves assembling base and mark on every call (math accents
    /// mostly have no precomposed form). Filling the table lazily, rather than normalizing
    /// every letter with every accent up front, saves some 14 million instructions (a few
    /// milliseconds) on first use, which a command checking one abstract would pay in full.
    private final class PairCache: @unchecked Sendable {
        // `@unchecked`: `table` is only read and written while holding `lock`.
        private let lock = NSLock()
        /// Behind a pointer rather than in a stored `var`: a class's stored properties are
        /// checked for exclusive access at run time on every use, which cost about as much
        /// as the lookup, and the lock already guarantees it.
        private let table = UnsafeMutablePointer<[UInt64: String]>.allocate(capacity: 1)
        /// Bases come from the input, so the table is capped; past it, pairs are normalized
        /// on every call, which is only slower.
        private static let capacity = 4096

        init() {
            table.initialize(to: [:])
        }

        deinit {
            table.deinitialize(count: 1)
            table.deallocate()
        }

        func composed(_ base: Unicode.Scalar, _ mark: Unicode.Scalar) -> String {
            let key = UInt64(base.value) << 32 | UInt64(mark.value)
            lock.lock()
            defer { lock.unlock() }
            if let composed = table.pointee[key] { return composed }
            let composed = String(String.UnicodeScalarView([base, mark])).precomposedStringWithCanonicalMapping
            if table.pointee.count < Self.capacity { table.pointee[key] = composed }
            return composed
        }
    }
}
