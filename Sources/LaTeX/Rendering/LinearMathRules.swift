/// Which rules the linear (plain-text) form of math follows, and with it the grouping of
/// the HTML form. Documents frozen in a snapshot keep the rules they were rendered with,
/// byte for byte; everything else takes `.unambiguous`. The rules are written down in
/// `LaTeX.docc/LinearText.md`.
public enum LinearMathRules: Sendable, Hashable {
    /// The rendering of snapshot formats 1–3: fraction parts in parentheses unless they are
    /// letters and digits, scripts in Unicode forms for Latin letters and digits only, and
    /// no grouping of a fraction with its neighbours.
    case original
    /// The rules of `LinearText.md`: a fraction, root or script never reads as something
    /// else (fractions grouped next to factors, operator names and bare scripts set apart,
    /// every Unicode script letter used).
    case unambiguous
}
