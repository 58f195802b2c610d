import FeedTestSupport
import Testing
@testable import LaTeX

/// Rendering never drops or reorders the operands of a fraction, script or root: random
/// formulas are rendered to linear text and read back by a reader of the test's own, which
/// reads as a person would (a bare fraction with a factor beside it, or a bare script or
/// root running into a letter, is refused as ambiguous), and the trees must be equal.
@Suite("Linear text: operands survive")
struct LinearTextPropertyTests {
    @Test("random formulas read back as the same tree", arguments: 0..<8)
    func roundTrip(seed: UInt64) throws {
        var generator = FormulaGenerator(seed: seed &* 0x9E37_79B9_7F4A_7C15 &+ 1)
        for _ in 0..<250 {
            let formula = generator.expression(depth: 4)
            let source = "$" + formula.latex + "$"
            let text = PlainTextRenderer.render(source)
            var reader = LinearReader(text)
            let read = reader.readAll()
            #expect(read == formula.normalized, "\(source) renders as \(text), read back as \(read.map(\.description) ?? "nothing: \(reader.failure)")")
        }
    }

    /// The reader tells the rules apart: the original rules, which snapshot formats 1–3
    /// keep, write some random formulas in a way it refuses or reads otherwise.
    @Test func theOriginalRulesDoNotPass() {
        var generator = FormulaGenerator(seed: 42)
        var misread = 0
        for _ in 0..<250 {
            let formula = generator.expression(depth: 4)
            var reader = LinearReader(PlainTextRenderer.render("$" + formula.latex + "$", rules: .original))
            if reader.readAll() != formula.normalized { misread += 1 }
        }
        #expect(misread > 25)
    }

    @Test func theReaderRefusesWhatAPersonWouldMisread() {
        for ambiguous in ["1/2n", "a/bc", "1/n log", "x_θf", "√nx", "a b/c"] {
            var reader = LinearReader(ambiguous)
            #expect(reader.readAll() == nil, "\(ambiguous) should be refused")
        }
    }
}

/// A formula of atoms, products, sums, fractions, roots and scripts.
indirect enum Formula: Equatable, CustomStringConvertible {
    case atom(String)
    case product([Formula])
    case sum([Formula])
    case fraction(Formula, Formula)
    case root(Formula)
    case script(base: Formula, superscript: Bool, Formula)

    var description: String {
        switch self {
        case .atom(let a): return a
        case .product(let parts): return "·(" + parts.map(\.description).joined(separator: " ") + ")"
        case .sum(let parts): return "+(" + parts.map(\.description).joined(separator: " ") + ")"
        case .fraction(let a, let b): return "frac(\(a), \(b))"
        case .root(let a): return "root(\(a))"
        case .script(let base, let up, let s): return "\(up ? "sup" : "sub")(\(base), \(s))"
        }
    }

    /// Nested products and sums flattened, one-element ones dropped: what linear text can say.
    var normalized: Formula {
        switch self {
        case .atom: return self
        case .product(let parts):
            let flat = parts.flatMap { part -> [Formula] in
                if case .product(let inner) = part.normalized { return inner }
                return [part.normalized]
            }
            return flat.count == 1 ? flat[0] : .product(flat)
        case .sum(let parts):
            let flat = parts.flatMap { part -> [Formula] in
                if case .sum(let inner) = part.normalized { return inner }
                return [part.normalized]
            }
            return flat.count == 1 ? flat[0] : .sum(flat)
        case .fraction(let a, let b): return .fraction(a.normalized, b.normalized)
        case .root(let a): return .root(a.normalized)
        case .script(let base, let up, let s): return .script(base: base.normalized, superscript: up, s.normalized)
        }
    }
}

struct FormulaGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    /// SplitMix64: seeded, so a failure names the formula and can be replayed.
    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }

    /// Letters with and without script forms, digits, Greek with and without them.
    static let atoms: [(latex: String, text: String)] =
        ["a", "b", "c", "d", "f", "g", "k", "n", "q", "t", "w", "x", "y", "z", "A", "B", "Q", "T"].map { ($0, $0) }
        + ["0", "1", "2", "7"].map { ($0, $0) }
        + [("\\alpha ", "α"), ("\\beta ", "β"), ("\\gamma ", "γ"), ("\\delta ", "δ"), ("\\theta ", "θ"),
           ("\\rho ", "ρ"), ("\\phi ", "ϕ"), ("\\chi ", "χ"), ("\\mu ", "μ"), ("\\sigma ", "σ")]

    /// A formula and its source: sums only where something delimits them (top level, a
    /// fraction part, a radicand, a script), as in TeX, where `a{b+c}` reads ab + c.
    mutating func expression(depth: Int) -> (latex: String, normalized: Formula) {
        let (latex, formula) = sum(depth: depth)
        return (latex, formula.normalized)
    }

    mutating func sum(depth: Int) -> (String, Formula) {
        guard depth > 0, next(3) == 0 else { return product(depth: depth) }
        let (a, fa) = product(depth: depth - 1)
        let (b, fb) = product(depth: depth - 1)
        return (a + " + " + b, .sum([fa, fb]))
    }

    mutating func product(depth: Int) -> (String, Formula) {
        guard depth > 0, next(3) == 0 else { return factor(depth: depth) }
        var parts: [(String, Formula)] = []
        for _ in 0..<(2 + next(2)) {
            var part = factor(depth: depth - 1)
            // Digits side by side are one number in TeX (`1 2` is 12): a letter instead.
            if let last = parts.last?.0.unicodeScalars.last, ("0"..."9").contains(last),
               let first = part.0.unicodeScalars.first, ("0"..."9").contains(first) {
                part = ("x", .atom("x"))
            }
            parts.append(part)
        }
        return (parts.map(\.0).joined(separator: " "), .product(parts.map(\.1)))
    }

    mutating func factor(depth: Int) -> (String, Formula) {
        let choice = depth > 0 ? next(6) : 0
        switch choice {
        case 1:
            let (a, fa) = sum(depth: depth - 1)
            let (b, fb) = sum(depth: depth - 1)
            return ("\\frac{" + a + "}{" + b + "}", .fraction(fa, fb))
        case 2:
            let (a, fa) = sum(depth: depth - 1)
            return ("\\sqrt{" + a + "}", .root(fa))
        case 3, 4:
            // A script on an atom, a fraction or a root (braced or not).
            let up = next(2) == 0
            let (s, fs) = sum(depth: depth - 1)
            let (base, fbase): (String, Formula)
            switch next(4) {
            case 0:
                let (a, fa) = sum(depth: depth - 1)
                let (b, fb) = sum(depth: depth - 1)
                base = (next(2) == 0 ? "{\\frac{" + a + "}{" + b + "}}" : "\\frac{" + a + "}{" + b + "}")
                fbase = .fraction(fa, fb)
            case 1:
                let (a, fa) = sum(depth: depth - 1)
                base = "{\\sqrt{" + a + "}}"
                fbase = .root(fa)
            default:
                let atom = Self.atoms[next(Self.atoms.count)]
                (base, fbase) = (atom.latex, .atom(atom.text))
            }
            return (base + (up ? "^{" : "_{") + s + "}", .script(base: fbase, superscript: up, fs))
        default:
            let atom = Self.atoms[next(Self.atoms.count)]
            return (atom.latex, .atom(atom.text))
        }
    }
}

/// Reads linear text back into a `Formula`, the way a careful person would, refusing what is
/// ambiguous: `1/2n` (a bare fraction beside a factor), `x_θf` and `√nx` (a bare script or
/// root running into a letter).
///
///     sum     := product (" + " product)*
///     product := factor (" "? factor)*          a bare fraction only alone
///     factor  := primary ("/" primary)?
///     primary := ("(" sum ")" | "√" primary | atom) scripts
///     scripts := (run of script characters | ("^" | "_") (char | "(" sum ")"))*
struct LinearReader {
    let scalars: [Unicode.Scalar]
    var position = 0
    var failure = ""

    init(_ text: String) { scalars = Array(text.unicodeScalars) }

    /// Plain character to script character, in pairs: the test's own tables, read backwards.
    static let superscripts = inverse(of: "0⁰1¹2²3³4⁴5⁵6⁶7⁷8⁸9⁹+⁺(⁽)⁾aᵃbᵇcᶜdᵈeᵉfᶠgᵍhʰiⁱjʲkᵏlˡmᵐnⁿoᵒpᵖrʳsˢtᵗuᵘvᵛwʷxˣyʸzᶻAᴬBᴮDᴰEᴱGᴳHᴴIᴵJᴶKᴷLᴸMᴹNᴺOᴼPᴾRᴿTᵀUᵁVⱽWᵂαᵅβᵝγᵞδᵟϵᵋθᶿιᶥϕᵠχᵡCꟲFꟳQꟴq\u{107A5}")
    static let subscripts = inverse(of: "0₀1₁2₂3₃4₄5₅6₆7₇8₈9₉+₊(₍)₎aₐeₑhₕiᵢjⱼkₖlₗmₘnₙoₒpₚrᵣsₛtₜuᵤvᵥxₓβᵦγᵧρᵨϕᵩχᵪ")

    static func inverse(of pairs: String) -> [Unicode.Scalar: Unicode.Scalar] {
        let list = Array(pairs.unicodeScalars)
        return Dictionary(uniqueKeysWithValues: stride(from: 0, to: list.count, by: 2).map { (list[$0 + 1], list[$0]) })
    }

    var current: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

    static func isAtom(_ s: Unicode.Scalar) -> Bool {
        s.properties.isAlphabetic || ("0"..."9").contains(s)
    }

    mutating func fail(_ why: String) -> Formula? {
        if failure.isEmpty { failure = why + " at \(position)" }
        return nil
    }

    mutating func readAll() -> Formula? {
        guard let formula = sum(), position == scalars.count else { return fail("trailing text") }
        return formula.normalized
    }

    mutating func skipSpaces() { while current == " " { position += 1 } }

    mutating func sum() -> Formula? {
        var terms: [Formula] = []
        repeat {
            skipSpaces()
            guard let term = product() else { return nil }
            terms.append(term)
            skipSpaces()
        } while consume("+")
        return terms.count == 1 ? terms[0] : .sum(terms)
    }

    mutating func consume(_ s: Unicode.Scalar) -> Bool {
        guard current == s else { return false }
        position += 1
        return true
    }

    mutating func product() -> Formula? {
        var factors: [(Formula, bareFraction: Bool)] = []
        while let c = current, c != "+", c != ")" {
            if c == " " {
                let save = position
                skipSpaces()
                if current == "+" || current == ")" || current == nil { position = save; break }
                continue
            }
            let spaced = position > 0 && scalars[position - 1] == " "
            if let last = factors.last, !spaced, endsBare(before: position), Self.isAtom(c) || c == "√" {
                _ = last
                return fail("a bare script or root runs into a letter")
            }
            guard let f = factor() else { return nil }
            factors.append(f)
        }
        guard !factors.isEmpty else { return fail("empty product") }
        if factors.count > 1, factors.contains(where: \.bareFraction) { return fail("a bare fraction beside a factor") }
        return factors.count == 1 ? factors[0].0 : .product(factors.map(\.0))
    }

    /// Whether the text before `index` ends in a bare script (`_θ`, `^α`) or a bare root (`√n`).
    func endsBare(before index: Int) -> Bool {
        guard index >= 2 else { return false }
        let marker = scalars[index - 2]
        if marker == "_" || marker == "^" { return scalars[index - 1] != ")" }
        // `√n`: a radical, then atoms with script characters only
        var i = index - 1
        while i >= 0, Self.superscripts[scalars[i]] != nil || Self.subscripts[scalars[i]] != nil { i -= 1 }
        return i >= 1 && scalars[i - 1] == "√" && Self.isAtom(scalars[i])
    }

    mutating func factor() -> (Formula, bareFraction: Bool)? {
        guard let numerator = primary() else { return nil }
        guard consume("/") else { return (numerator, false) }
        guard let denominator = primary() else { return nil }
        return (.fraction(numerator, denominator), true)
    }

    mutating func primary() -> Formula? {
        guard let c = current else { return fail("primary expected") }
        var base: Formula
        if c == "(" {
            position += 1
            guard let inner = sum(), consume(")") else { return fail("unclosed parenthesis") }
            base = inner
        } else if c == "√" {
            position += 1
            guard let radicand = primary() else { return nil }
            return .root(radicand)
        } else if Self.isAtom(c) {
            position += 1
            base = .atom(String(c))
        } else {
            return fail("unexpected \(c)")
        }
        return scripts(on: base)
    }

    mutating func scripts(on base: Formula) -> Formula? {
        var base = base
        while let c = current {
            if c == "^" || c == "_" {
                position += 1
                let script: Formula
                if consume("(") {
                    guard let inner = sum(), consume(")") else { return fail("unclosed script") }
                    script = inner
                } else if let s = current, Self.isAtom(s) {
                    position += 1
                    script = .atom(String(s))
                } else {
                    return fail("script expected")
                }
                base = .script(base: base, superscript: c == "^", script)
            } else if Self.superscripts[c] != nil || Self.subscripts[c] != nil {
                let superscript = Self.superscripts[c] != nil
                let table = superscript ? Self.superscripts : Self.subscripts
                var run: [Unicode.Scalar] = []
                while let s = current, let plain = table[s] {
                    run.append(plain)
                    position += 1
                }
                var inner = LinearReader(String(String.UnicodeScalarView(run)))
                guard let script = inner.readAll() else { return fail("unreadable script: " + inner.failure) }
                base = .script(base: base, superscript: superscript, script)
            } else {
                break
            }
        }
        return base
    }
}

@Suite("Linear text: the rules")
struct LinearTextRuleTests {
    /// The cases that made the rules, each under both rules: format 4 and later read right,
    /// formats 1–3 keep their bytes.
    @Test(arguments: [
        (#"$\frac{1}{2n}\sum_{i=1}^n x_i$"#, "(1/(2n))∑_(i=1)ⁿ xᵢ", "1/2n∑_(i=1)ⁿ xᵢ"),
        (#"$\frac{a+b}{c}d$"#, "((a + b)/c)d", "(a + b)/cd"),
        (#"$\frac{1}{n}\log\frac{1}{\delta}$"#, "(1/n) log(1/δ)", "1/nlog 1/δ"),
        (#"$\sqrt{d\log n/n}$"#, "√(d log n/n)", "√(dlog n/n)"),
        (#"$\nabla_\theta f(x)$"#, "∇_θ f(x)", "∇_θf(x)"),
        (#"$Z_\beta$, $w^\top x$, $x^*$, $A^T$"#, "Zᵦ, wᵀx, x*, Aᵀ", "Z_β, w^⊤x, x^*, Aᵀ"),
        (#"$x^{a \bmod b}$, $\sqrt{2}^k$"#, "x^(a mod b), (√2)ᵏ", "xᵃᵐᵒᵈᵇ, √2ᵏ"),
    ])
    func bothRules(source: String, unambiguous: String, original: String) {
        #expect(PlainTextRenderer.render(source) == unambiguous)
        #expect(PlainTextRenderer.render(source, rules: .original) == original)
    }

    @Test func greekScriptLetters() {
        #expect(plain("$x_\\beta x_\\gamma x_\\rho x_\\phi x_\\chi$") == "xᵦxᵧxᵨxᵩxᵪ")
        #expect(plain("$x^\\beta x^\\gamma x^\\delta x^\\phi x^\\chi x^\\theta$") == "xᵝxᵞxᵟxᵠxᵡxᶿ")
        // A raised mark is a superscript of its own only: inside a longer script the star
        // would lose its level.
        #expect(plain("$L^{p^*}$, $U^\\dagger$, $90^\\circ$, $f'$") == "L^(p*), U†, 90°, f′")
    }

    @Test func htmlGroupsAsTheLinearText() {
        #expect(html("$\\frac{1}{n}\\log\\frac{1}{\\delta}$") == [p(math(.text("(1/"), i("n"), .text(") log(1/δ)")))])
        #expect(html("$\\nabla_\\theta f$") == [p(math(.text("∇"), element("sub", .text("θ")), .text(" "), i("f")))])
        #expect(HTMLRenderer.render("$\\frac{1}{n}\\log n$", rules: .original)
                == [p(math(.text("1/"), i("n"), .text("log "), i("n")))])
    }
}
