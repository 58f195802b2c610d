/// Where a command may be used. TeX itself would accept some text commands in math and
/// vice versa with odd results; the checker follows what produces sensible output.
public enum CommandMode: UInt8, Sendable {
    case text, math, both

    func allows(_ mode: Mode) -> Bool {
        switch self {
        case .both: return true
        case .text: return mode == .text
        case .math: return mode == .math
        }
    }
}

/// The mode a node was parsed in.
public enum Mode: UInt8, Sendable { case text, math }

/// Unicode math alphabets reachable from `\mathbb` and friends.
public enum MathFont: UInt8, Sendable {
    case doubleStruck, script, fraktur, bold
    /// Upright: letters lose their italic (in HTML, no `i` element).
    case roman
    /// Letters stay italic, as by default.
    case italic
}

/// Text styles that become HTML elements (`em`, `strong`, `code`); the others render plainly.
public enum TextStyle: UInt8, Sendable {
    case emphasis, strong, code, plain
}

/// What a command means, for the renderers, and implicitly its math class for spacing.
public enum CommandKind: Sendable, Equatable {
    /// An ordinary symbol, in math and/or text: `\alpha`, `\infty`, `\ss`, `\%`.
    case symbol(String)
    /// A relation: spaced on both sides in math.
    case relation(String)
    /// A binary operator: spaced on both sides unless unary.
    case binary(String)
    /// A word such as `log`, followed by a space before letters.
    case operatorName(String)
    /// `\sum`, `\int`: followed by a space when anything follows.
    case bigOperator(String)
    case opening(String)
    case closing(String)
    case punctuation(String)
    /// `\"`, `\'`: a combining mark on the argument, then NFC.
    case textAccent(Unicode.Scalar)
    /// `\hat`, `\vec`: a combining mark on a single character, `name(…)` otherwise.
    case mathAccent(Unicode.Scalar)
    /// `\overline`, `\underline` in math: the mark after every character.
    case lineAccent(Unicode.Scalar)
    case mathFont(MathFont)
    /// `\emph{…}` and friends: the argument in a style.
    case textStyle(TextStyle)
    /// `\text{…}`, `\mbox{…}`: text inside math.
    case textBox
    /// Spacing: the output is spaces (or nothing for `\!`).
    case spacing(String)
    /// Renders as nothing: `\displaystyle`, `\label{…}`, `\bf`, `\noindent`.
    case ignored
    case fraction
    case binomial
    case squareRoot
    case operatorNameCommand
    /// `\big(`: the argument is a delimiter.
    case sizedDelimiter
    case left, right, middle
    case begin, end
    case url, href, footnote, cite, reference, equationReference, tag
    case item
    case section
    /// `\\` and `\newline`.
    case lineBreak
    case paragraph
    /// `\not=`: the argument with U+0338 (NFC turns `=` into `≠`).
    case negation
    /// `\pmod{n}` -> " (mod n)".
    case parenthesizedMod
    /// `\stackrel{a}{b}`, `\overset{a}{b}`: b with a as a superscript.
    case overset
    case underset
    /// `\boxed{…}`, `\mathop{…}` and such: the argument, unchanged.
    case passThrough
}

/// One entry of the command table.
public struct Command: Sendable {
    public var name: String
    public var mode: CommandMode
    public var kind: CommandKind
    /// Required arguments.
    public var arguments: Int
    /// Whether an optional `[…]` argument may come first.
    public var optionalArgument: Bool
    /// Bit i set: required argument i is read verbatim (URLs, labels, keys).
    public var verbatimArguments: UInt8
    /// Whether `\name*` is the same command.
    public var starred: Bool

    public init(
        _ name: String, _ mode: CommandMode, _ kind: CommandKind, arguments: Int = 0,
        optional: Bool = false, verbatim: UInt8 = 0, starred: Bool = false
    ) {
        self.name = name
        self.mode = mode
        self.kind = kind
        self.arguments = arguments
        self.optionalArgument = optional
        self.verbatimArguments = verbatim
        self.starred = starred
    }

    /// Control words swallow the spaces after them; control symbols (`\,`, `\%`) do not.
    public var isControlWord: Bool { name.unicodeScalars.first.map(\.isASCIILetter) ?? false }
}

/// How an environment behaves.
public enum EnvironmentKind: UInt8, Sendable {
    /// `equation`, `align`, ...: display math, rows separated by newlines.
    case displayMath
    /// `math`: inline math.
    case inlineMath
    case itemize, enumerate, description
    /// `pmatrix` and friends, `cases`, `aligned`: math inside math.
    case matrix, cases, aligned
    /// `tabular`: cells in text.
    case tabular
    /// `center`, `quote`, `proof`: just their content, as a block.
    case block
}

public struct Environment: Sendable {
    public var name: String
    /// The mode the `\begin` must appear in.
    public var mode: CommandMode
    public var kind: EnvironmentKind
    /// Verbatim `{…}` arguments after `\begin{name}` (`tabular`'s column spec).
    public var arguments: Int
    public var optionalArgument: Bool
    /// Left and right delimiters for matrices.
    public var delimiters: (String, String)

    public init(
        _ name: String, _ mode: CommandMode, _ kind: EnvironmentKind, arguments: Int = 0,
        optional: Bool = false, delimiters: (String, String) = ("", "")
    ) {
        self.name = name
        self.mode = mode
        self.kind = kind
        self.arguments = arguments
        self.optionalArgument = optional
        self.delimiters = delimiters
    }

    /// The mode of the body.
    var bodyMode: Mode? {
        switch kind {
        case .displayMath, .inlineMath, .matrix, .cases, .aligned: return .math
        case .itemize, .enumerate, .description, .tabular, .block: return .text
        }
    }

    /// Whether `&` separates cells here rather than being a stray special character.
    var allowsAlignment: Bool {
        switch kind {
        case .displayMath, .matrix, .cases, .aligned, .tabular: return true
        default: return false
        }
    }
}
