import LaTeX
import SeminarArchive

/// One talk on the web page: an `article` whose data attributes let the inline script
/// place it, holding what the presentation says about the talk.
enum WebPageTalk {
    /// - Parameters:
    ///   - heading: the title's element: `h3` in the seminar page's lists, `h1` on the talk's own page.
    ///   - pageURL: where the title links to (the talk's own page), if anywhere.
    static func write(_ talk: TalkPresentation, seminar: Seminar, heading: String = "h3", pageURL: String? = nil,
                      tree: MarkupTree, in parent: MarkupTree.Node) throws
    {
        let source = talk.talk
        let id = "talk-" + source.id
        var attributes = [("id", id), ("class", "talk " + source.status.rawValue), ("aria-labelledby", id + "-title")]
        if let start = talk.start, let local = source.start {
            attributes.append(("data-start", start.rfc3339))
            attributes.append(("data-end", (talk.end ?? start).rfc3339))
            attributes.append(("data-year", String(local.year)))
        }
        let article = try tree.element("article", attributes, in: parent)
        // h3 under "Talks" and "Upcoming talks"; the script makes it an h4 under a past year.
        if let pageURL {
            let title = try tree.element(heading, [("id", id + "-title")], in: article)
            try tree.element("a", [("href", pageURL)], text: talk.plainTitle, in: title)
        } else {
            try tree.element(heading, [("id", id + "-title")], text: talk.plainTitle, in: article)
        }

        let when = try tree.element("p", [("class", "when")], in: article)
        if let start = talk.start {
            try tree.element("time", [("datetime", start.rfc3339)], text: talk.when, in: when)
        } else {
            try tree.text(talk.when, in: when)
        }

        if let note = TalkPresentation.statusNote(source.status) {
            try tree.element("p", [("class", "status")], text: note, in: article)
        }

        if !source.speakers.isEmpty {
            let speakers = try tree.element("p", [("class", "speakers")], in: article)
            try tree.element("span", [("class", "label")], text: source.speakers.count > 1 ? "Speakers: " : "Speaker: ", in: speakers)
            for (i, person) in source.speakers.enumerated() {
                if i > 0 { try tree.text("; ", in: speakers) }
                try appendPerson(person, tree: tree, in: speakers)
            }
        }

        try writePlace(source, offersMeeting: talk.offersMeeting, seminar: seminar, tree: tree, in: article)

        let abstract = try tree.element("div", [("class", "abstract")], in: article)
        try appendHTML(talk.compactAbstract, formulas: talk.compactMathML, tree: tree, in: abstract)

        if !source.links.isEmpty {
            let list = try tree.element("ul", [("class", "links")], in: article)
            for link in source.links {
                let item = try tree.element("li", in: list)
                try tree.element("a", [("href", try PageText.checkedURL(link.url, context: tree.context))], text: link.title, in: item)
            }
        }
    }

    /// Room and meeting. A private meeting link (the talk's or the whole seminar's) is
    /// never written, even if the talk file has one: readers are told to ask for it. A
    /// talk cancelled or postponed offers no meeting: it is "online", no more.
    private static func writePlace(_ talk: Talk, offersMeeting: Bool, seminar: Seminar, tree: MarkupTree, in article: MarkupTree.Node) throws {
        let isPrivate = seminar.isMeetingPrivate(talk)
        guard talk.location != nil || talk.meeting != nil || isPrivate else { return }
        let place = try tree.element("p", [("class", "where")], in: article)
        try tree.element("span", [("class", "label")], text: "Where: ", in: place)
        if let room = talk.location {
            try tree.text(room, in: place)
            if talk.meeting != nil || isPrivate { try tree.text("; ", in: place) }
        }
        if !offersMeeting {
            try tree.text("online", in: place)
        } else if isPrivate {
            try tree.text("online, " + TalkPresentation.meetingOnRequest(seminar), in: place)
        } else if let meeting = talk.meeting {
            try tree.text("online, ", in: place)
            try tree.element("a", [("href", try PageText.checkedURL(meeting, context: tree.context)), ("class", "meeting")],
                             text: "join the meeting", in: place)
        }
    }

    /// "Name (Affiliation)", the name linked to the person's page when there is one.
    static func appendPerson(_ person: Person, tree: MarkupTree, in parent: MarkupTree.Node) throws {
        if let url = person.url {
            try tree.element("a", [("href", try PageText.checkedURL(url, context: tree.context))], text: person.name, in: parent)
        } else {
            try tree.text(person.name, in: parent)
        }
        if let affiliation = person.affiliation { try tree.text(" (" + affiliation + ")", in: parent) }
    }

    /// The abstract renderer's HTML, element by element. Only text-level markup is let
    /// through (no script, style, image or frame can reach the page from an abstract), and
    /// links are checked like every other link from the archive. Each math element of the
    /// HTML (`span class="math"`, `div class="math display"`) is replaced by the next
    /// `math` element of `formulas`, the same source's MathML (`MathMLRenderer.fragment`,
    /// which yields them in the same order).
    static func appendHTML<Events: Sequence<HTMLFragment.Event>>(
        _ html: Events, formulas: CompactHTML, tree: MarkupTree, in parent: MarkupTree.Node
    ) throws {
        var parents = [parent]
        var formulas = formulas.pieces()
        /// Open elements of the HTML math being skipped, 0 when not skipping.
        var skipping = 0
        for event in html {
            if skipping > 0 {
                switch event {
                case .start: skipping += 1
                case .end: skipping -= 1
                case .text: break
                }
                continue
            }
            switch event {
            case let .text(text):
                try tree.text(text, in: parents[parents.count - 1])
            case let .start(name, attributes):
                if attributes.contains(where: { $0.name == "class" && mathClasses.contains($0.value) }),
                   try appendNextFormula(&formulas, tree: tree, in: parents[parents.count - 1])
                {
                    skipping = 1
                    continue
                }
                guard allowedElements.contains(name) else { throw PageMarkupError.disallowedMarkup(name, context: tree.context) }
                let pairs = try attributes.map { attribute throws -> (String, String) in
                    guard allowedAttributes.contains(attribute.name) else {
                        throw PageMarkupError.disallowedMarkup(name + " " + attribute.name, context: tree.context)
                    }
                    let isLink = attribute.name == "href"
                    return (attribute.name, isLink ? try PageText.checkedURL(attribute.value, context: tree.context) : attribute.value)
                }
                parents.append(try tree.element(name, pairs, in: parents[parents.count - 1]))
            case .end:
                parents.removeLast()
            }
        }
    }

    static let mathClasses: Set<String> = ["math", "math display"]
    /// The same as bytes, for presentations that keep math elements empty (`CompactHTML`).
    static let mathClassesUTF8 = Set(mathClasses.map { Array($0.utf8) })

    /// Writes the next element of `formulas` (a `math` element from the LaTeX module's
    /// renderer, not from the archive's text: its names and attributes are the renderer's
    /// own, its text is checked like all text). False when there is none left.
    static func appendNextFormula(_ formulas: inout CompactHTML.Pieces, tree: MarkupTree, in parent: MarkupTree.Node) throws -> Bool {
        var parents = [parent]
        return try formulas.next { record throws(PageMarkupError) in
            switch record {
            case let .text(text):
                try tree.text(utf8: text, in: parents[parents.count - 1])
            case let .start(name):
                parents.append(try tree.element(utf8: name, in: parents[parents.count - 1]))
            case let .attribute(name, value):
                try tree.attribute(utf8: name, value: value, on: parents[parents.count - 1])
            case .end:
                parents.removeLast()
            }
        }
    }

    private static let allowedElements: Set<String> = [
        "a", "abbr", "b", "blockquote", "br", "cite", "code", "dd", "del", "dfn", "div", "dl", "dt", "em", "hr", "i", "ins",
        "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "u", "ul", "var",
    ]
    private static let allowedAttributes: Set<String> = ["href", "class", "title", "lang", "dir"]
}
