/// Renderers build nested lists (an element's children, a fraction's numerator) at the end of
/// one scratch array and cut them off when the nesting closes: one allocation of exactly the
/// right size per list, instead of a growing array each.
extension Array {
    /// Removes the elements from `start` on and returns them, moved rather than copied:
    /// copying would retain their strings and arrays only to release them again with the
    /// originals. `placeholder`, a value with nothing to release, fills the vacated slots
    /// until they are removed.
    mutating func removeSuffix(from start: Int, placeholder: Element) -> [Element] {
        let count = self.count - start
        guard count > 0 else { return [] }
        // Allocated with `reserveCapacity`, then filled by appends: `Array(unsafeUninitializedCapacity:)`
        // allocates through an unspecialized standard-library function that looks up the
        // storage class's generic metadata on every call (about 190 instructions, two thirds
        // of an allocation).
        var suffix: [Element] = []
        suffix.reserveCapacity(count)
        withUnsafeMutableBufferPointer { elements in
            let base = elements.baseAddress!
            for index in start..<(start + count) {
                // `move` and `initialize` move bits: nothing is retained or released.
                suffix.append((base + index).move())
                (base + index).initialize(to: placeholder)
            }
        }
        // One at a time: the placeholders cost nothing to destroy, and `removeLast(_:)` goes
        // through the general `replaceSubrange`, several times dearer for a few elements.
        for _ in 0..<count { removeLast() }
        return suffix
    }
}
