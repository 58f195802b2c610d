/// A place in the source, as a person would point at it: line and column are 1-based and
/// counted in Unicode scalars, so that a caret under the column lines up in any terminal
/// that shows one scalar per cell, and so that `offset` can index `Array(source.unicodeScalars)`.
public struct SourcePosition: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var offset: Int
    public var line: Int
    public var column: Int

    public init(offset: Int, line: Int, column: Int) {
        self.offset = offset
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column)" }
}

/// Maps scalar offsets to lines and columns. The lexer records where each line starts
/// while it scans anyway, so that nodes can carry bare offsets (cheap) and positions are
/// only computed for the few offsets that end up in a diagnostic.
public struct LineTable: Sendable {
    /// Offset of the first scalar of each line; `starts[0] == 0`.
    public private(set) var starts: [Int] = []

    /// Room for a few lines up front: abstracts have several, and growing one by one
    /// reallocates at each power of two.
    public init() {
        starts.reserveCapacity(16)
        starts.append(0)
    }

    mutating func recordLineStart(at offset: Int) {
        // The lexer may pass over the same newline twice (peeking), so keep it monotonic.
        if offset > starts[starts.count - 1] { starts.append(offset) }
    }

    public func position(at offset: Int) -> SourcePosition {
        var low = 0
        var high = starts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return SourcePosition(offset: offset, line: low + 1, column: offset - starts[low] + 1)
    }
}
