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

    /// A new speaker that took what was not given from a speaker of the old list.
    public struct Carried: Sendable, Equatable {
        public var speaker: Person
        /// The name of the old speaker whose affiliation or web page it took.
        public var from: String
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
    /// of the same name, or else of the old speaker in the same position when the number
    /// of speakers is unchanged (a name corrected: `Jane Doe` → `Jane Doe-Smith`).
    public func applied(to old: [Person]) throws(Problem) -> (speakers: [Person], carried: [Carried]) {
        let names = self.names ?? old.map(\.name)
        for (option, values) in [("--affiliation", affiliations), ("--speaker-url", urls)] {
            if let values, values.count != names.count {
                throw .countMismatch(option: option, given: values.count, speakers: names.count)
            }
        }
        var speakers: [Person] = []
        var carried: [Carried] = []
        for (i, name) in names.enumerated() {
            let previous = old.first { $0.name == name } ?? (old.count == names.count ? old[i] : nil)
            var speaker = Person(name: name, affiliation: previous?.affiliation, url: previous?.url, email: previous?.email)
            if let affiliations { speaker.affiliation = affiliations[i].isEmpty ? nil : affiliations[i] }
            if let urls { speaker.url = urls[i].isEmpty ? nil : urls[i] }
            if let previous, previous.name != name,
               (speaker.affiliation != nil && affiliations == nil) || (speaker.url != nil && urls == nil) {
                carried.append(Carried(speaker: speaker, from: previous.name))
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
