/// The lexical units of TeX's default catcodes, as far as abstracts need them.
struct Token: Sendable, Equatable {
    enum Kind: UInt8, Sendable {
        /// A run of letters and digits (ASCII, or any non-ASCII scalar that is not a space).
        /// Runs keep prose cheap: one token per word instead of one per scalar.
        case word
        /// One ASCII punctuation scalar (`(`, `-`, `'`, `=`, ...): ligatures and math classes
        /// depend on them individually.
        case other
        /// `\` followed by ASCII letters.
        case controlWord
        /// `\` followed by one non-letter scalar (`\$`, `\,`, `\\`).
        case controlSymbol
        case beginGroup, endGroup, mathShift, superscript, `subscript`, alignment, parameter
        /// `~`, the unbreakable space.
        case active
        /// Spaces and tabs with at most one newline.
        case space
        /// Whitespace containing a blank line.
        case paragraphBreak
        /// `%` up to (not including) the end of its line.
        case comment
        /// A `\` that is the very last scalar.
        case trailingBackslash
        case endOfInput
    }

    var kind: Kind
    /// Scalar offsets of the token in the source, `start..<end`.
    var start: Int
    var end: Int
    var position: SourcePosition

    init(kind: Kind, start: Int, end: Int, position: SourcePosition) {
        self.kind = kind
        self.start = start
        self.end = end
        self.position = position
    }
}

/// A token as the parser reads it: `Token` without the position, which the parser looks up
/// in the line table only for the tokens that get a diagnostic.
struct LexToken {
    var kind: Token.Kind
    /// Scalar offsets of the token in the source, `start..<end`.
    var start: Int
    var end: Int
}
