/// The one table of known commands and environments. The parser reads argument counts from
/// it, the checker modes and names, the renderers the output: adding a command here is all it
/// takes to support it everywhere.
enum CommandTable {
    static let commands: [Command] = symbols + relations + binaries + operators + delimiters
        + accents + structure + spacing

    /// What the parser reads of each command, index for index with `commands`.
    static let parsing: [CommandParsing] = commands.map(CommandParsing.init)

    static let environments: [Environment] = [
        Environment("equation", .text, .displayMath), Environment("equation*", .text, .displayMath),
        Environment("align", .text, .displayMath), Environment("align*", .text, .displayMath),
        Environment("alignat", .text, .displayMath, arguments: 1), Environment("alignat*", .text, .displayMath, arguments: 1),
        Environment("gather", .text, .displayMath), Environment("gather*", .text, .displayMath),
        Environment("multline", .text, .displayMath), Environment("multline*", .text, .displayMath),
        Environment("flalign", .text, .displayMath), Environment("flalign*", .text, .displayMath),
        Environment("eqnarray", .text, .displayMath), Environment("eqnarray*", .text, .displayMath),
        Environment("displaymath", .text, .displayMath), Environment("math", .text, .inlineMath),
        Environment("itemize", .text, .itemize), Environment("enumerate", .text, .enumerate),
        Environment("description", .text, .description),
        Environment("matrix", .math, .matrix), Environment("smallmatrix", .math, .matrix),
        Environment("pmatrix", .math, .matrix, delimiters: ("(", ")")),
        Environment("bmatrix", .math, .matrix, delimiters: ("[", "]")),
        Environment("Bmatrix", .math, .matrix, delimiters: ("{", "}")),
        Environment("vmatrix", .math, .matrix, delimiters: ("|", "|")),
        Environment("Vmatrix", .math, .matrix, delimiters: ("‖", "‖")),
        Environment("array", .math, .matrix, arguments: 1, optional: true),
        Environment("cases", .math, .cases), Environment("dcases", .math, .cases),
        Environment("aligned", .math, .aligned), Environment("gathered", .math, .aligned),
        Environment("split", .math, .aligned), Environment("alignedat", .math, .aligned, arguments: 1),
        Environment("tabular", .text, .tabular, arguments: 1, optional: true),
        Environment("center", .text, .block), Environment("flushleft", .text, .block),
        Environment("flushright", .text, .block), Environment("quote", .text, .block),
        Environment("quotation", .text, .block), Environment("verse", .text, .block),
        Environment("abstract", .text, .block), Environment("proof", .text, .block, optional: true),
        Environment("theorem", .text, .block, optional: true), Environment("lemma", .text, .block, optional: true),
        Environment("proposition", .text, .block, optional: true), Environment("corollary", .text, .block, optional: true),
        Environment("definition", .text, .block, optional: true), Environment("remark", .text, .block, optional: true),
        Environment("example", .text, .block, optional: true), Environment("conjecture", .text, .block, optional: true),
    ]

    // MARK: Lookup

    /// Index into `commands` for a name given as scalars (no backslash), or nil.
    /// Hashes the scalars directly: building a `String` per command token would dominate
    /// parsing time for math-heavy abstracts.
    static func commandIndex(_ scalars: ArraySlice<Unicode.Scalar>) -> Int? {
        scalars.withUnsafeBufferPointer { commandLookup.find($0) }
    }

    /// `commandIndex(_:)` of a name in a buffer, for the parser: slicing its source array
    /// for every command cost a retain and a release.
    static func commandIndex(_ scalars: UnsafeBufferPointer<Unicode.Scalar>) -> Int? {
        commandLookup.find(scalars)
    }

    static func commandIndex(named name: String) -> Int? {
        commandIndex(ArraySlice(Array(name.unicodeScalars)))
    }

    static func environmentIndex(_ scalars: ArraySlice<Unicode.Scalar>) -> Int? {
        scalars.withUnsafeBufferPointer { environmentLookup.find($0) }
    }

    private static let commandLookup = ScalarHashTable(commands.map(\.name))
    private static let environmentLookup = ScalarHashTable(environments.map(\.name))
}

/// Open addressing over FNV-1a hashes of scalar values; built once, read-only afterwards.
struct ScalarHashTable: Sendable {
    private var slots: [Int32]
    private let mask: Int
    /// The names' scalars end to end; name `i` is `scalars[starts[i]..<starts[i + 1]]`. One
    /// flat array compares faster than an array per name (and one static holds it all).
    private let scalars: [Unicode.Scalar]
    private let starts: [Int]

    init(_ names: [String]) {
        var scalars: [Unicode.Scalar] = []
        var starts = [0]
        for name in names {
            scalars.append(contentsOf: name.unicodeScalars)
            starts.append(scalars.count)
        }
        self.scalars = scalars
        self.starts = starts
        var size = 16
        while size < names.count * 4 { size *= 2 }
        mask = size - 1
        slots = Array(repeating: -1, count: size)
        scalars.withUnsafeBufferPointer { scalars in
            for index in names.indices {
                let name = UnsafeBufferPointer(rebasing: scalars[starts[index]..<starts[index + 1]])
                var slot = Self.hash(name) & mask
                while slots[slot] >= 0 {
                    // Duplicate names would make lookups ambiguous; the first entry wins.
                    if self.name(Int(slots[slot]), equals: name) { break }
                    slot = (slot + 1) & mask
                }
                if slots[slot] < 0 { slots[slot] = Int32(index) }
            }
        }
    }

    static func hash(_ scalars: UnsafeBufferPointer<Unicode.Scalar>) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for scalar in scalars {
            hash = (hash ^ UInt64(scalar.value)) &* 0x100_0000_01b3
        }
        return Int(truncatingIfNeeded: hash ^ (hash >> 29))
    }

    private func name(_ entry: Int, equals other: UnsafeBufferPointer<Unicode.Scalar>) -> Bool {
        let start = starts[entry]
        guard starts[entry + 1] - start == other.count else { return false }
        for offset in 0..<other.count where scalars[start + offset] != other[offset] { return false }
        return true
    }

    func find(_ name: UnsafeBufferPointer<Unicode.Scalar>) -> Int? {
        var slot = Self.hash(name) & mask
        while true {
            let entry = Int(slots[slot])
            if entry < 0 { return nil }
            if self.name(entry, equals: name) { return entry }
            slot = (slot + 1) & mask
        }
    }
}

// MARK: - The entries

private func sym(_ name: String, _ output: String, _ mode: CommandMode = .math) -> Command {
    Command(name, mode, .symbol(output))
}

private func rel(_ name: String, _ output: String) -> Command { Command(name, .math, .relation(output)) }
private func bin(_ name: String, _ output: String) -> Command { Command(name, .math, .binary(output)) }
private func op(_ name: String, _ output: String) -> Command { Command(name, .math, .bigOperator(output)) }
private func word(_ name: String, _ output: String? = nil) -> Command {
    Command(name, .math, .operatorName(output ?? name))
}

extension CommandTable {
    static let symbols: [Command] = [
        sym("alpha", "α"), sym("beta", "β"), sym("gamma", "γ"), sym("delta", "δ"),
        sym("epsilon", "ϵ"), sym("varepsilon", "ε"), sym("zeta", "ζ"), sym("eta", "η"),
        sym("theta", "θ"), sym("vartheta", "ϑ"), sym("iota", "ι"), sym("kappa", "κ"),
        sym("varkappa", "ϰ"), sym("lambda", "λ"), sym("mu", "μ"), sym("nu", "ν"), sym("xi", "ξ"),
        sym("omicron", "ο"), sym("pi", "π"), sym("varpi", "ϖ"), sym("rho", "ρ"), sym("varrho", "ϱ"),
        sym("sigma", "σ"), sym("varsigma", "ς"), sym("tau", "τ"), sym("upsilon", "υ"),
        sym("phi", "ϕ"), sym("varphi", "φ"), sym("chi", "χ"), sym("psi", "ψ"), sym("omega", "ω"),
        sym("Gamma", "Γ"), sym("Delta", "Δ"), sym("Theta", "Θ"), sym("Lambda", "Λ"), sym("Xi", "Ξ"),
        sym("Pi", "Π"), sym("Sigma", "Σ"), sym("Upsilon", "Υ"), sym("Phi", "Φ"), sym("Psi", "Ψ"),
        sym("Omega", "Ω"), sym("varGamma", "Γ"), sym("varDelta", "Δ"), sym("varTheta", "Θ"),
        sym("varLambda", "Λ"), sym("varPi", "Π"), sym("varSigma", "Σ"), sym("varPhi", "Φ"),
        sym("varPsi", "Ψ"), sym("varOmega", "Ω"), sym("digamma", "ϝ"),
        sym("infty", "∞"), sym("partial", "∂"), sym("nabla", "∇"), sym("forall", "∀"),
        sym("exists", "∃"), sym("nexists", "∄"), sym("emptyset", "∅"), sym("varnothing", "∅"),
        sym("ell", "ℓ"), sym("hbar", "ℏ"), sym("hslash", "ℏ"), sym("imath", "ı"), sym("jmath", "ȷ"),
        sym("Re", "ℜ"), sym("Im", "ℑ"), sym("wp", "℘"), sym("aleph", "ℵ"), sym("beth", "ℶ"),
        sym("gimel", "ℷ"), sym("prime", "′"), sym("neg", "¬"), sym("lnot", "¬"), sym("top", "⊤"),
        sym("bot", "⊥"), sym("angle", "∠"), sym("triangle", "△"), sym("Box", "□"), sym("square", "□"),
        sym("blacksquare", "■"), sym("lozenge", "◊"), sym("clubsuit", "♣"), sym("diamondsuit", "♢"),
        sym("heartsuit", "♡"), sym("spadesuit", "♠"), sym("flat", "♭"), sym("sharp", "♯"),
        sym("natural", "♮"), sym("checkmark", "✓"), sym("surd", "√"), sym("cdots", "⋯"),
        sym("vdots", "⋮"), sym("ddots", "⋱"), sym("iddots", "⋰"), sym("backslash", "\\"), sym("complement", "∁"),
        sym("mho", "℧"), sym("eth", "ð"), sym("bigstar", "★"), sym("infin", "∞"),
        sym("dagger", "†", .both), sym("ddagger", "‡", .both), sym("dag", "†", .both), sym("ddag", "‡", .both),
        sym("S", "§", .both), sym("P", "¶", .both), sym("copyright", "©", .both), sym("pounds", "£", .both),
        sym("ldots", "…", .both), sym("dots", "…", .both), sym("dotsc", "…"), sym("dotsb", "⋯"),
        sym("dotsm", "⋯"), sym("dotsi", "⋯"), sym("dotso", "…"),
        sym("$", "$", .both), sym("%", "%", .both), sym("&", "&", .both), sym("#", "#", .both),
        sym("_", "_", .both), sym("|", "‖"),
        sym("textellipsis", "…", .text), sym("textendash", "–", .text), sym("textemdash", "—", .text),
        sym("textquoteleft", "‘", .text), sym("textquoteright", "’", .text),
        sym("textquotedblleft", "“", .text), sym("textquotedblright", "”", .text),
        sym("textregistered", "®", .text), sym("texttrademark", "™", .text),
        sym("textdegree", "°", .both), sym("textbackslash", "\\", .text), sym("textasciitilde", "~", .text),
        sym("textasciicircum", "^", .text), sym("textunderscore", "_", .text), sym("textbar", "|", .text),
        sym("textless", "<", .text), sym("textgreater", ">", .text), sym("textbullet", "•", .text),
        sym("textbraceleft", "{", .text), sym("textbraceright", "}", .text), sym("textdollar", "$", .text),
        sym("textsection", "§", .text), sym("textparagraph", "¶", .text), sym("textperiodcentered", "·", .text),
        sym("textasteriskcentered", "∗", .text), sym("textexclamdown", "¡", .text), sym("textquestiondown", "¿", .text),
        sym("guillemotleft", "«", .text), sym("guillemotright", "»", .text),
        sym("LaTeX", "LaTeX", .text), sym("TeX", "TeX", .text), sym("LaTeXe", "LaTeX2ε", .text),
        sym("BibTeX", "BibTeX", .text), sym("AmS", "AMS", .text),
        sym("i", "ı", .text), sym("j", "ȷ", .text), sym("ss", "ß", .text), sym("o", "ø", .text),
        sym("O", "Ø", .text), sym("ae", "æ", .text), sym("AE", "Æ", .text), sym("oe", "œ", .text),
        sym("OE", "Œ", .text), sym("aa", "å", .text), sym("AA", "Å", .text), sym("l", "ł", .text),
        sym("L", "Ł", .text), sym("dh", "ð", .text), sym("DH", "Ð", .text), sym("th", "þ", .text),
        sym("TH", "Þ", .text), sym("ng", "ŋ", .text), sym("NG", "Ŋ", .text),
        // Symbols that print nothing: hyphenation hint, italic correction, end of sentence.
        sym("-", "", .text), sym("/", "", .text), sym("@", "", .both),
    ]

    static let relations: [Command] = [
        rel("le", "≤"), rel("leq", "≤"), rel("ge", "≥"), rel("geq", "≥"), rel("ne", "≠"), rel("neq", "≠"),
        rel("lt", "<"), rel("gt", ">"), rel("ll", "≪"), rel("gg", "≫"), rel("lll", "⋘"), rel("ggg", "⋙"),
        rel("leqslant", "⩽"), rel("geqslant", "⩾"), rel("leqq", "≦"), rel("geqq", "≧"),
        rel("lesssim", "≲"), rel("gtrsim", "≳"), rel("lessapprox", "⪅"), rel("gtrapprox", "⪆"),
        rel("nless", "≮"), rel("ngtr", "≯"), rel("nleq", "≰"), rel("ngeq", "≱"),
        rel("in", "∈"), rel("notin", "∉"), rel("ni", "∋"), rel("owns", "∋"),
        rel("subset", "⊂"), rel("subseteq", "⊆"), rel("supset", "⊃"), rel("supseteq", "⊇"),
        rel("subsetneq", "⊊"), rel("supsetneq", "⊋"), rel("nsubseteq", "⊈"), rel("nsupseteq", "⊉"),
        rel("sqsubset", "⊏"), rel("sqsupset", "⊐"), rel("sqsubseteq", "⊑"), rel("sqsupseteq", "⊒"),
        rel("to", "→"), rel("gets", "←"), rel("mapsto", "↦"), rel("longmapsto", "⟼"),
        rel("rightarrow", "→"), rel("leftarrow", "←"), rel("leftrightarrow", "↔"),
        rel("Rightarrow", "⇒"), rel("Leftarrow", "⇐"), rel("Leftrightarrow", "⇔"),
        rel("longrightarrow", "⟶"), rel("longleftarrow", "⟵"), rel("longleftrightarrow", "⟷"),
        rel("Longrightarrow", "⟹"), rel("Longleftarrow", "⟸"), rel("Longleftrightarrow", "⟺"),
        rel("iff", "⟺"), rel("implies", "⟹"), rel("impliedby", "⟸"),
        rel("hookrightarrow", "↪"), rel("hookleftarrow", "↩"), rel("uparrow", "↑"), rel("downarrow", "↓"),
        rel("updownarrow", "↕"), rel("Uparrow", "⇑"), rel("Downarrow", "⇓"), rel("nearrow", "↗"),
        rel("searrow", "↘"), rel("swarrow", "↙"), rel("nwarrow", "↖"), rel("leadsto", "⇝"),
        rel("rightharpoonup", "⇀"), rel("leftharpoonup", "↼"), rel("rightleftharpoons", "⇌"),
        rel("twoheadrightarrow", "↠"), rel("rightrightarrows", "⇉"),
        rel("approx", "≈"), rel("sim", "∼"), rel("simeq", "≃"), rel("cong", "≅"), rel("equiv", "≡"),
        rel("approxeq", "≊"), rel("nsim", "≁"), rel("ncong", "≇"),
        rel("propto", "∝"), rel("perp", "⊥"), rel("parallel", "∥"), rel("nparallel", "∦"),
        rel("mid", "∣"), rel("nmid", "∤"), rel("prec", "≺"), rel("succ", "≻"), rel("preceq", "⪯"),
        rel("succeq", "⪰"), rel("vdash", "⊢"), rel("dashv", "⊣"), rel("models", "⊨"), rel("vDash", "⊨"),
        rel("coloneqq", "≔"), rel("coloneq", "≔"), rel("eqqcolon", "≕"), rel("asymp", "≍"),
        rel("doteq", "≐"), rel("triangleq", "≜"), rel("bowtie", "⋈"), rel("smile", "⌣"), rel("frown", "⌢"),
        rel("lhd", "⊲"), rel("rhd", "⊳"), rel("unlhd", "⊴"), rel("unrhd", "⊵"),
        rel("trianglelefteq", "⊴"), rel("trianglerighteq", "⊵"), rel("vartriangleleft", "⊲"),
    ]

    static let binaries: [Command] = [
        bin("pm", "±"), bin("mp", "∓"), bin("times", "×"), bin("cdot", "·"), bin("div", "÷"),
        bin("ast", "∗"), bin("star", "⋆"), bin("circ", "∘"), bin("bullet", "∙"), bin("cup", "∪"),
        bin("cap", "∩"), bin("setminus", "∖"), bin("smallsetminus", "∖"), bin("wedge", "∧"), bin("land", "∧"),
        bin("vee", "∨"), bin("lor", "∨"), bin("oplus", "⊕"), bin("ominus", "⊖"), bin("otimes", "⊗"),
        bin("odot", "⊙"), bin("oslash", "⊘"), bin("sqcup", "⊔"), bin("sqcap", "⊓"), bin("uplus", "⊎"),
        bin("amalg", "⨿"), bin("diamond", "⋄"), bin("wr", "≀"), bin("bigtriangleup", "△"),
        bin("bigtriangledown", "▽"), bin("triangleleft", "◁"), bin("triangleright", "▷"),
        bin("ltimes", "⋉"), bin("rtimes", "⋊"), bin("boxtimes", "⊠"), bin("boxplus", "⊞"),
        bin("cdotp", "·"), bin("bmod", "mod"), bin("mod", "mod"),
    ]

    static let operators: [Command] = [
        op("sum", "∑"), op("prod", "∏"), op("coprod", "∐"), op("int", "∫"), op("iint", "∬"),
        op("iiint", "∭"), op("oint", "∮"), op("bigcup", "⋃"), op("bigcap", "⋂"), op("bigoplus", "⨁"),
        op("bigotimes", "⨂"), op("bigodot", "⨀"), op("bigvee", "⋁"), op("bigwedge", "⋀"),
        op("bigsqcup", "⨆"), op("biguplus", "⨄"),
        word("log"), word("ln"), word("lg"), word("exp"), word("sin"), word("cos"), word("tan"),
        word("cot"), word("sec"), word("csc"), word("arcsin"), word("arccos"), word("arctan"),
        word("sinh"), word("cosh"), word("tanh"), word("coth"), word("min"), word("max"), word("sup"),
        word("inf"), word("lim"), word("liminf", "lim inf"), word("limsup", "lim sup"), word("det"),
        word("dim"), word("ker"), word("arg"), word("deg"), word("gcd"), word("Pr"), word("hom"),
        word("argmin", "arg min"), word("argmax", "arg max"), word("injlim", "inj lim"),
        word("projlim", "proj lim"), word("varlimsup", "lim sup"), word("varliminf", "lim inf"),
    ]

    static let delimiters: [Command] = [
        Command("langle", .math, .opening("⟨")), Command("rangle", .math, .closing("⟩")),
        Command("lvert", .math, .opening("|")), Command("rvert", .math, .closing("|")),
        Command("lVert", .math, .opening("‖")), Command("rVert", .math, .closing("‖")),
        Command("vert", .math, .symbol("|")), Command("Vert", .math, .symbol("‖")),
        Command("lfloor", .math, .opening("⌊")), Command("rfloor", .math, .closing("⌋")),
        Command("lceil", .math, .opening("⌈")), Command("rceil", .math, .closing("⌉")),
        Command("{", .both, .opening("{")), Command("}", .both, .closing("}")),
        Command("lbrace", .math, .opening("{")), Command("rbrace", .math, .closing("}")),
        Command("lbrack", .math, .opening("[")), Command("rbrack", .math, .closing("]")),
        Command("llbracket", .math, .opening("⟦")), Command("rrbracket", .math, .closing("⟧")),
        Command("ulcorner", .math, .opening("⌜")), Command("urcorner", .math, .closing("⌝")),
        Command("colon", .math, .punctuation(":")), Command("ldotp", .math, .punctuation(".")),
    ]

    static let accents: [Command] = [
        Command("\"", .text, .textAccent("\u{0308}"), arguments: 1),
        Command("'", .text, .textAccent("\u{0301}"), arguments: 1),
        Command("`", .text, .textAccent("\u{0300}"), arguments: 1),
        Command("^", .text, .textAccent("\u{0302}"), arguments: 1),
        Command("~", .text, .textAccent("\u{0303}"), arguments: 1),
        Command("=", .text, .textAccent("\u{0304}"), arguments: 1),
        Command(".", .text, .textAccent("\u{0307}"), arguments: 1),
        Command("u", .text, .textAccent("\u{0306}"), arguments: 1),
        Command("v", .text, .textAccent("\u{030C}"), arguments: 1),
        Command("H", .text, .textAccent("\u{030B}"), arguments: 1),
        Command("c", .text, .textAccent("\u{0327}"), arguments: 1),
        Command("k", .text, .textAccent("\u{0328}"), arguments: 1),
        Command("r", .text, .textAccent("\u{030A}"), arguments: 1),
        Command("d", .text, .textAccent("\u{0323}"), arguments: 1),
        Command("b", .text, .textAccent("\u{0331}"), arguments: 1),
        Command("t", .text, .textAccent("\u{0361}"), arguments: 1),
        Command("hat", .math, .mathAccent("\u{0302}"), arguments: 1),
        Command("widehat", .math, .mathAccent("\u{0302}"), arguments: 1),
        Command("bar", .math, .mathAccent("\u{0304}"), arguments: 1),
        Command("tilde", .math, .mathAccent("\u{0303}"), arguments: 1),
        Command("widetilde", .math, .mathAccent("\u{0303}"), arguments: 1),
        Command("vec", .math, .mathAccent("\u{20D7}"), arguments: 1),
        Command("dot", .math, .mathAccent("\u{0307}"), arguments: 1),
        Command("ddot", .math, .mathAccent("\u{0308}"), arguments: 1),
        Command("dddot", .math, .mathAccent("\u{20DB}"), arguments: 1),
        Command("check", .math, .mathAccent("\u{030C}"), arguments: 1),
        Command("breve", .math, .mathAccent("\u{0306}"), arguments: 1),
        Command("acute", .math, .mathAccent("\u{0301}"), arguments: 1),
        Command("grave", .math, .mathAccent("\u{0300}"), arguments: 1),
        Command("mathring", .math, .mathAccent("\u{030A}"), arguments: 1),
        Command("overline", .math, .lineAccent("\u{0305}"), arguments: 1),
        Command("underline", .both, .lineAccent("\u{0332}"), arguments: 1),
        Command("overrightarrow", .math, .mathAccent("\u{20D7}"), arguments: 1),
    ]

    static let structure: [Command] = [
        Command("mathbb", .math, .mathFont(.doubleStruck), arguments: 1),
        Command("mathcal", .math, .mathFont(.script), arguments: 1),
        Command("mathscr", .math, .mathFont(.script), arguments: 1),
        Command("mathfrak", .math, .mathFont(.fraktur), arguments: 1),
        Command("mathbf", .math, .mathFont(.bold), arguments: 1),
        Command("boldsymbol", .math, .mathFont(.bold), arguments: 1),
        Command("bm", .math, .mathFont(.bold), arguments: 1),
        Command("mathrm", .math, .mathFont(.roman), arguments: 1),
        Command("mathsf", .math, .mathFont(.roman), arguments: 1),
        Command("mathtt", .math, .mathFont(.roman), arguments: 1),
        Command("mathit", .math, .mathFont(.italic), arguments: 1),
        Command("mathnormal", .math, .mathFont(.italic), arguments: 1),
        Command("operatorname", .math, .operatorNameCommand, arguments: 1, starred: true),
        Command("emph", .text, .textStyle(.emphasis), arguments: 1),
        Command("textit", .both, .textStyle(.emphasis), arguments: 1),
        Command("textsl", .both, .textStyle(.emphasis), arguments: 1),
        Command("textbf", .both, .textStyle(.strong), arguments: 1),
        Command("texttt", .both, .textStyle(.code), arguments: 1),
        Command("textrm", .both, .textStyle(.plain), arguments: 1),
        Command("textsf", .both, .textStyle(.plain), arguments: 1),
        Command("textsc", .both, .textStyle(.plain), arguments: 1),
        Command("textup", .both, .textStyle(.plain), arguments: 1),
        Command("textmd", .both, .textStyle(.plain), arguments: 1),
        Command("textnormal", .both, .textStyle(.plain), arguments: 1),
        Command("text", .both, .textBox, arguments: 1),
        Command("mbox", .both, .textBox, arguments: 1),
        Command("hbox", .both, .textBox, arguments: 1),
        Command("frac", .math, .fraction, arguments: 2),
        Command("dfrac", .math, .fraction, arguments: 2),
        Command("tfrac", .math, .fraction, arguments: 2),
        Command("cfrac", .math, .fraction, arguments: 2),
        Command("binom", .math, .binomial, arguments: 2),
        Command("dbinom", .math, .binomial, arguments: 2),
        Command("tbinom", .math, .binomial, arguments: 2),
        Command("sqrt", .math, .squareRoot, arguments: 1, optional: true),
        Command("left", .math, .left), Command("right", .math, .right),
        Command("middle", .math, .middle, arguments: 1),
        Command("big", .math, .sizedDelimiter, arguments: 1), Command("Big", .math, .sizedDelimiter, arguments: 1),
        Command("bigg", .math, .sizedDelimiter, arguments: 1), Command("Bigg", .math, .sizedDelimiter, arguments: 1),
        Command("bigl", .math, .sizedDelimiter, arguments: 1), Command("bigr", .math, .sizedDelimiter, arguments: 1),
        Command("Bigl", .math, .sizedDelimiter, arguments: 1), Command("Bigr", .math, .sizedDelimiter, arguments: 1),
        Command("biggl", .math, .sizedDelimiter, arguments: 1), Command("biggr", .math, .sizedDelimiter, arguments: 1),
        Command("Biggl", .math, .sizedDelimiter, arguments: 1), Command("Biggr", .math, .sizedDelimiter, arguments: 1),
        Command("bigm", .math, .sizedDelimiter, arguments: 1), Command("Bigm", .math, .sizedDelimiter, arguments: 1),
        Command("begin", .both, .begin), Command("end", .both, .end),
        Command("url", .text, .url, arguments: 1, verbatim: 0b1),
        Command("href", .text, .href, arguments: 2, verbatim: 0b1),
        Command("footnote", .text, .footnote, arguments: 1),
        Command("cite", .text, .cite, arguments: 1, optional: true, verbatim: 0b1),
        Command("citep", .text, .cite, arguments: 1, optional: true, verbatim: 0b1),
        Command("citet", .text, .cite, arguments: 1, optional: true, verbatim: 0b1),
        Command("ref", .both, .reference, arguments: 1, verbatim: 0b1),
        Command("eqref", .both, .equationReference, arguments: 1, verbatim: 0b1),
        Command("label", .both, .ignored, arguments: 1, verbatim: 0b1),
        Command("tag", .math, .tag, arguments: 1, starred: true),
        Command("item", .text, .item, optional: true),
        Command("section", .text, .section, arguments: 1, starred: true),
        Command("subsection", .text, .section, arguments: 1, starred: true),
        Command("subsubsection", .text, .section, arguments: 1, starred: true),
        Command("paragraph", .text, .section, arguments: 1, starred: true),
        Command("\\", .both, .lineBreak, optional: true, starred: true),
        Command("newline", .both, .lineBreak),
        Command("par", .text, .paragraph),
        Command("not", .math, .negation, arguments: 1),
        Command("pmod", .math, .parenthesizedMod, arguments: 1),
        Command("stackrel", .math, .overset, arguments: 2),
        Command("overset", .math, .overset, arguments: 2),
        Command("underset", .math, .underset, arguments: 2),
        Command("boxed", .math, .passThrough, arguments: 1),
        Command("mathop", .math, .passThrough, arguments: 1),
        Command("mathrel", .math, .passThrough, arguments: 1),
        Command("mathbin", .math, .passThrough, arguments: 1),
        Command("mathord", .math, .passThrough, arguments: 1),
        Command("overbrace", .math, .passThrough, arguments: 1),
        Command("underbrace", .math, .passThrough, arguments: 1),
        Command("substack", .math, .passThrough, arguments: 1),
        Command("displaystyle", .math, .ignored), Command("textstyle", .math, .ignored),
        Command("scriptstyle", .math, .ignored), Command("scriptscriptstyle", .math, .ignored),
        Command("limits", .math, .ignored), Command("nolimits", .math, .ignored),
        Command("nonumber", .math, .ignored), Command("notag", .math, .ignored),
        Command("noindent", .text, .ignored), Command("indent", .text, .ignored),
        Command("centering", .text, .ignored), Command("hline", .both, .ignored),
        Command("vspace", .text, .ignored, arguments: 1, verbatim: 0b1, starred: true),
        Command("smallskip", .text, .ignored), Command("medskip", .text, .ignored),
        Command("bigskip", .text, .ignored), Command("clearpage", .text, .ignored),
        Command("newpage", .text, .ignored), Command("protect", .both, .ignored),
        Command("em", .both, .ignored), Command("it", .both, .ignored), Command("bf", .both, .ignored),
        Command("rm", .both, .ignored), Command("sf", .both, .ignored), Command("tt", .both, .ignored),
        Command("sc", .text, .ignored), Command("sl", .text, .ignored),
        Command("itshape", .text, .ignored), Command("bfseries", .text, .ignored),
        Command("ttfamily", .text, .ignored), Command("rmfamily", .text, .ignored),
        Command("sffamily", .text, .ignored), Command("scshape", .text, .ignored),
        Command("upshape", .text, .ignored), Command("normalfont", .text, .ignored),
        Command("tiny", .text, .ignored), Command("scriptsize", .text, .ignored),
        Command("footnotesize", .text, .ignored), Command("small", .text, .ignored),
        Command("normalsize", .text, .ignored), Command("large", .text, .ignored),
        Command("Large", .text, .ignored), Command("LARGE", .text, .ignored),
        Command("huge", .text, .ignored), Command("Huge", .text, .ignored),
    ]

    static let spacing: [Command] = [
        Command(",", .both, .spacing(" ")), Command(":", .math, .spacing(" ")),
        Command(";", .both, .spacing(" ")), Command(">", .math, .spacing(" ")),
        Command(" ", .both, .spacing(" ")), Command("\n", .both, .spacing(" ")),
        Command("\t", .both, .spacing(" ")), Command("!", .math, .spacing("")),
        Command("quad", .both, .spacing(" ")), Command("qquad", .both, .spacing("  ")),
        Command("enspace", .both, .spacing(" ")), Command("thinspace", .both, .spacing(" ")),
        Command("medspace", .math, .spacing(" ")), Command("thickspace", .math, .spacing(" ")),
        Command("negthinspace", .both, .spacing("")), Command("hfill", .text, .spacing(" ")),
        Command("hspace", .both, .spacing(" "), arguments: 1, verbatim: 0b1, starred: true),
    ]
}

/// What the parser (and the checker's loop over every command) reads of a command, as plain
/// values: reading each field from `CommandTable.commands` cost a lazy-initialization check
/// and a bounds check, and reading the kind a retain of its payload.
struct CommandParsing: Sendable {
    enum Role: UInt8, Sendable { case other, begin, end, left, right }
    var role: Role
    var arguments: Int
    var optionalArgument: Bool
    var starred: Bool
    var verbatimArguments: UInt8
    /// `\text{…}` and its kin: arguments are read in text mode, even in math.
    var textArguments: Bool
    /// `\url` and `\href`: the first argument is a link target, which the checker tests.
    var takesURL: Bool

    init(_ command: Command) {
        switch command.kind {
        case .begin: role = .begin
        case .end: role = .end
        case .left: role = .left
        case .right: role = .right
        default: role = .other
        }
        switch command.kind {
        case .textBox, .textStyle, .url, .href, .footnote, .cite, .section: textArguments = true
        default: textArguments = false
        }
        switch command.kind {
        case .url, .href: takesURL = true
        default: takesURL = false
        }
        arguments = command.arguments
        optionalArgument = command.optionalArgument
        starred = command.starred
        verbatimArguments = command.verbatimArguments
    }
}
