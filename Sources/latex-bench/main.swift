// Throughput of the LaTeX module: check + plain text + HTML (and, beside them, the web page's
// MathML) for synthetic ~1 KB abstracts,
// single-threaded. Usage: latex-bench [--count N]
import Foundation
import LaTeX

/// SplitMix64: deterministic across platforms and runs, so numbers are comparable.
struct Generator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
}

let prose = [
    "We study", "the convergence of", "stochastic gradient descent", "in the overparameterized regime",
    "and show that", "the loss decays", "at a polynomial rate", "under mild assumptions on the data",
    "Our analysis relies on", "a new concentration inequality", "for martingales", "with heavy tails",
    "joint work with", "Paul Erd\\H{o}s and Kurt G\\\"odel", "(see also \\cite{smith2020})",
    "This answers a question of", "\\emph{Lov\\'asz}", "--- in a strong sense ---", "``surprisingly''",
    "the bound is tight", "up to \\ldots{} logarithmic factors", "\\textbf{without} regularisation",
]

let formulas = [
    "$p$", "$\\mathbb{R}^d$", "$x_{k+1} = x_k - \\eta \\nabla f(x_k)$", "$\\frac{1}{\\sqrt{n}}$",
    "$O(n^{-1/2})$", "$\\alpha \\in (0,1)$", "$\\|x\\|_2 \\le 1$", "$f: \\mathbb{R}^d \\to \\mathbb{R}$",
    "$\\sum_{i=1}^n x_i^2$", "$\\hat{\\theta}_n$", "$\\mathcal{O}(\\log n)$", "$e^{i\\pi} + 1 = 0$",
    "$\\bar{x} = \\frac{a+b}{2}$", "$\\lim_{n \\to \\infty} a_n = 0$", "$[0,1)$", "$\\varepsilon > 0$",
    "$\\langle x, y \\rangle$", "$\\mathbf{E}[X] \\ge \\tilde{c}$", "$\\int_0^1 f(x)\\,dx$",
]

func abstract(_ generator: inout Generator) -> String {
    var text = ""
    while text.utf8.count < 1000 {
        for _ in 0..<3 { text += generator.pick(prose) + " " }
        text += generator.pick(formulas)
        text += generator.next() % 7 == 0 ? ".\n\n" : ", "
    }
    return text
}

var count = 20_000
var phases = false
var only: String?
var stress = false
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    if argument == "--count", let value = arguments.popFirst().flatMap({ Int($0) }), value > 0 {
        count = value
    } else if argument == "--stress" {
        stress = true
    } else if argument == "--phases" {
        phases = true
    } else if argument == "--only", let stage = arguments.popFirst() {
        // For profiling one stage: parse, check, plain text or HTML.
        phases = true
        only = stage
    } else {
        print("usage: latex-bench [--count N] [--phases] [--stress] [--only parse|check|plain text|HTML]")
        exit(2)
    }
}

if stress {
    // Hostile ~1 MB inputs: each must finish in about linear time (depth is capped at 200).
    let cases: [(String, String)] = [
        ("open braces", String(repeating: "{", count: 1_000_000)),
        ("close braces", String(repeating: "}", count: 1_000_000)),
        ("dollars", String(repeating: "$", count: 1_000_000)),
        ("nested roots", "$" + String(repeating: "\\sqrt", count: 200_000) + "$"),
        ("scripts", "$" + String(repeating: "x^", count: 500_000) + "$"),
        ("line breaks", "$$" + String(repeating: "\\\\", count: 500_000) + "$$"),
        ("items", "\\begin{itemize}" + String(repeating: "\\item a ", count: 120_000) + "\\end{itemize}"),
        ("stray ends", String(repeating: "\\end{itemize}", count: 80_000)),
        ("begins", String(repeating: "\\begin{itemize}", count: 70_000)),
        ("lefts", "$" + String(repeating: "\\left(", count: 160_000) + "$"),
        ("rights", "$" + String(repeating: "\\right)", count: 140_000) + "$"),
        ("unknown commands", String(repeating: "\\foo{x}", count: 140_000)),
        ("fractions", "$" + String(repeating: "\\frac{a}{", count: 110_000) + "$"),
        ("comments", String(repeating: "%\n", count: 500_000)),
        ("ampersands", String(repeating: "&", count: 1_000_000)),
        ("optional arguments", String(repeating: "\\sqrt[", count: 160_000)),
        ("text in math", "$" + String(repeating: "\\text{$", count: 120_000)),
        ("primes", "$f" + String(repeating: "'", count: 1_000_000) + "$"),
        ("accents", String(repeating: "\\\"", count: 500_000)),
        ("matrix cells", "$\\begin{pmatrix}" + String(repeating: "a & ", count: 250_000) + "\\end{pmatrix}$"),
    ]
    for (name, source) in cases {
        let time = ContinuousClock().measure {
            _ = LaTeXChecker.check(source)
            _ = PlainTextRenderer.render(source)
            _ = HTMLRenderer.fragment(source)
            _ = MathMLRenderer.fragment(source)
        }
        print("  \(name) (\(source.utf8.count / 1000) KB): \(time)")
    }
    exit(0)
}

var generator = Generator(state: 42)
let abstracts = (0..<count).map { _ in abstract(&generator) }
let bytes = abstracts.reduce(0) { $0 + $1.utf8.count }

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

if phases {
    // Where the time goes: each stage alone over the same abstracts.
    var sink = 0
    let stages: [(String, (String) -> Int)] = [
        ("parse", { LaTeXParser.parse($0).nodes.count }),
        ("check", { LaTeXChecker.check($0).count }),
        ("plain text", { PlainTextRenderer.render($0).utf8.count }),
        ("HTML", { HTMLRenderer.fragment($0).endIndex }),
        ("MathML", { MathMLRenderer.fragment($0).endIndex }),
    ]
    // The renderers alone, on trees parsed beforehand.
    let trees = abstracts.map { LaTeXParser.parse($0) }
    var index = 0
    func nextTree() -> SyntaxTree {
        index = (index + 1) % trees.count
        return trees[index]
    }
    let treeStages: [(String, (String) -> Int)] = [
        ("check (tree)", { _ in LaTeXChecker.check(nextTree()).count }),
        ("plain text (tree)", { _ in PlainTextRenderer.render(nextTree()).utf8.count }),
        ("HTML (tree)", { _ in HTMLRenderer.fragment(nextTree()).endIndex }),
        ("MathML (tree)", { _ in MathMLRenderer.fragment(nextTree()).endIndex }),
        ("both renderings (tree)", { _ in
            let (text, html) = LaTeXDocument(tree: nextTree()).renderings()
            return text.utf8.count &+ html.endIndex
        }),
    ]
    for (name, stage) in stages + treeStages where only == nil || only == name {
        let time = ContinuousClock().measure { for source in abstracts { sink &+= stage(source) } }
        print("  \(name): \(Int(Double(count) / seconds(time))) abstracts/s")
    }
    print("  [checksum \(sink)]")
    if only != nil { exit(0) }
}

// A checksum keeps the optimizer from discarding the work.
var checksum = 0
let clock = ContinuousClock()
// Parse once, check, and render the plain text, the HTML and the page's MathML in one walk
// (each formula's linear pieces built once for all three).
// Timed in five rounds of a fifth of the abstracts each: on a shared machine the rounds'
// spread shows how much of a slow run is the machine's.
let rounds = 5
var roundRates: [Double] = []
let elapsed = clock.measure {
    for round in 0..<rounds {
        let slice = abstracts[(round * count / rounds)..<((round + 1) * count / rounds)]
        let time = clock.measure {
            for source in slice {
                let document = LaTeXDocument(source)
                checksum &+= document.diagnostics().count
                let (text, html, mathML) = document.renderingsWithMathML()
                // `endIndex`, where the events end, costs nothing; `count` would walk them.
                checksum &+= text.utf8.count &+ html.endIndex &+ mathML.endIndex
            }
        }
        roundRates.append(Double(slice.count) / seconds(time))
    }
}
// Everything the publisher does with an abstract, as it does it: the check and the feeds'
// two renderings from one parse and one walk, then the page's MathML from a parse of its
// own when it writes the page (keeping every talk's MathML until then would cost memory).
let withMathML = clock.measure {
    for source in abstracts {
        let document = LaTeXDocument(source)
        checksum &+= document.diagnostics().count
        let (text, html) = document.renderings()
        checksum &+= text.utf8.count &+ html.endIndex &+ MathMLRenderer.fragment(source).endIndex
    }
}
// The three independent entry points, each parsing on its own.
let separate = clock.measure {
    for source in abstracts {
        checksum &+= LaTeXChecker.check(source).count
        checksum &+= PlainTextRenderer.render(source).utf8.count
        checksum &+= HTMLRenderer.fragment(source).endIndex
    }
}

let average = Double(bytes) / Double(count) / 1000
func format(_ value: Double, _ digits: Int) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    return digits == 0 ? String(Int(rounded)) : String(rounded)
}
print("latex: \(count) abstracts (\(format(average, 1)) KB avg) in \(format(seconds(elapsed), 2)) s = \(format(Double(count) / seconds(elapsed), 0)) abstracts/s (check + plain text + HTML + MathML, one core) [goal: 20,000]")
let sortedRates = roundRates.sorted()
print("latex: \(rounds) rounds of \(count / rounds): slowest \(format(sortedRates[0], 0)), median \(format(sortedRates[rounds / 2], 0)), fastest \(format(sortedRates[rounds - 1], 0)) abstracts/s")
// The web page's MathML, on trees parsed beforehand: the page renders it beside the feeds' HTML.
let trees = abstracts.map { LaTeXParser.parse($0) }
let mathML = clock.measure {
    for tree in trees { checksum &+= MathMLRenderer.fragment(tree).endIndex }
}
print("latex: MathML for the page (MathMLRenderer.fragment, parsed tree): \(format(seconds(mathML), 2)) s = \(format(Double(count) / seconds(mathML), 0)) abstracts/s")
print("latex: check + plain text + HTML + the page's MathML, as the publisher runs them: \(format(seconds(withMathML), 2)) s = \(format(Double(count) / seconds(withMathML), 0)) abstracts/s")
print("latex: separate LaTeXChecker.check + PlainTextRenderer.render + HTMLRenderer.fragment (three parses): \(format(seconds(separate), 2)) s = \(format(Double(count) / seconds(separate), 0)) abstracts/s [checksum \(checksum)]")
