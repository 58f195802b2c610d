// How `seminar edit` changes a talk's lists, so that only what is given changes: a new
// spelling of a speaker's name keeps their affiliation and web page, and a new link
// leaves the other links alone. Pure, so that the rules are tested apart from the command.

/// A change to the speakers. `names` nil keeps them; `affiliations` and `urls`, when given,
/// hold one entry per speaker, in order, an empty string removing that speaker's value.
public struct SpeakerEdit: Sendable, Equatable {
    public var names: [String]?
    public var affiliations: [String]?
    public var urls: [String]?

    public init(names: [String]? = nil, affiliations: [String]? = nil, urls: [String]? = nil) {
        self.names = names
        self.affiliations = affiliations
        self.urls = urls
    }

    public var isEmpty: Bool { names == nil && affiliations == nil && urls == nil }

    /// A speaker of a new spelling that kept an old speaker's affiliation or web page
    /// (what it kept; nil for what it did not).
    public struct Carried: Sendable, Equatable {
        public var name: String
        /// The old speaker's name.
        public var from: String
        public var affiliation: String?
        public var url: String?
    }

    public enum Problem: Error, Equatable, CustomStringConvertible {
        /// `affiliations` or `urls` (`option`) has `given` entries for `speakers` speakers.
        case countMismatch(option: String, given: Int, speakers: Int)

        public var description: String {
            switch self {
            case let .countMismatch(option, given, speakers):
                return "the talk has \(speakers) speaker\(speakers == 1 ? "" : "s"): give \(option) once for each, in their order (\"\" for none), not \(given) time\(given == 1 ? "" : "s")"
            }
        }
    }

    /// The speakers after the edit, and those that kept an old speaker's values.
    ///
    /// A speaker without a given affiliation or web page keeps those of the old speaker
    /// of the same name (compared by `comparableName`: `jane doe` is `Jane Doe`). When the
    /// number of speakers is unchanged, the speakers left without a match take those of
    /// the old speakers left without one, in order (a corrected name: `Jane Doe` → `Jane
    /// Doe-Smith`, also when the order changed). Each old speaker's values go to one new
    /// speaker at most.
    public func applied(to old: [Person]) throws(Problem) -> (speakers: [Person], carried: [Carried]) {
        let names = self.names ?? old.map(\.name)
        for (option, values) in [("--affiliation", affiliations), ("--speaker-url", urls)] {
            if let values, values.count != names.count {
                throw .countMismatch(option: option, given: values.count, speakers: names.count)
            }
        }
        var source = [Int?](repeating: nil, count: names.count)
        var taken = [Bool](repeating: false, count: old.count)
        let oldKeys = old.map { comparableName($0.name) }
        for (i, name) in names.enumerated() {
            let key = comparableName(name)
            if let j = old.indices.first(where: { !taken[$0] && oldKeys[$0] == key }) {
                source[i] = j
                taken[j] = true
            }
        }
        if old.count == names.count {
            for (i, j) in zip(names.indices.filter { source[$0] == nil }, old.indices.filter { !taken[$0] }) {
                source[i] = j
                taken[j] = true
            }
        }
        var speakers: [Person] = []
        var carried: [Carried] = []
        for (i, name) in names.enumerated() {
            let previous = source[i].map { old[$0] }
            var speaker = Person(name: name, affiliation: previous?.affiliation, url: previous?.url, email: previous?.email)
            if let affiliations { speaker.affiliation = affiliations[i].isEmpty ? nil : affiliations[i] }
            if let urls { speaker.url = urls[i].isEmpty ? nil : urls[i] }
            if let previous, previous.name != name {
                let kept = Carried(name: name, from: previous.name,
                                   affiliation: affiliations == nil ? previous.affiliation : nil,
                                   url: urls == nil ? previous.url : nil)
                if kept.affiliation != nil || kept.url != nil { carried.append(kept) }
            }
            speakers.append(speaker)
        }
        return (speakers, carried)
    }
}

/// A change to the links: `removingAll` first, then each of `links` replaces the link of
/// the same title (compared without regard to case), or is added after the others; one
/// with an empty URL removes the link of its title.
public struct LinkEdit: Sendable, Equatable {
    public var removingAll: Bool
    public var links: [TalkLink]

    public init(removingAll: Bool = false, links: [TalkLink] = []) {
        self.removingAll = removingAll
        self.links = links
    }

    public var isEmpty: Bool { !removingAll && links.isEmpty }

    public enum Problem: Error, Equatable, CustomStringConvertible {
        /// An empty URL asked to remove a link that the talk does not have.
        case noSuchLink(title: String, existing: [String])

        public var description: String {
            switch self {
            case let .noSuchLink(title, existing):
                let have = existing.isEmpty ? "it has no links" : "its links are " + existing.map { "“\($0)”" }.joined(separator: ", ")
                return "the talk has no link titled “\(title)” to remove: \(have)"
            }
        }
    }

    public func applied(to old: [TalkLink]) throws(Problem) -> [TalkLink] {
        var result = removingAll ? [] : old
        for link in links {
            let same = result.firstIndex { $0.title.lowercased() == link.title.lowercased() }
            switch (same, link.url.isEmpty) {
            case let (i?, true): result.remove(at: i)
            case (nil, true): throw .noSuchLink(title: link.title, existing: result.map(\.title))
            case let (i?, false): result[i] = link
            case (nil, false): result.append(link)
            }
        }
        return result
    }
}
