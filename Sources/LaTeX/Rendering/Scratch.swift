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
        let suffix = [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            withUnsafeMutableBufferPointer { elements in
                let moved = elements.baseAddress! + start
                buffer.baseAddress!.moveInitialize(from: moved, count: count)
                moved.initialize(repeating: placeholder, count: count)
            }
            initialized = count
        }
        removeLast(count)
        return suffix
    }
}
