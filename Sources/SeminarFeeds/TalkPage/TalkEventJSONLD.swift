import Foundation
import SeminarArchive

/// The talk as a schema.org `Event` in JSON-LD, the metadata search engines and link
/// previews read from a page (https://schema.org/Event).
///
/// Encoded by Foundation with sorted keys, so the bytes depend only on the talk. Slashes
/// stay escaped (`\/`): the JSON sits in a `script` element, and `</script>` in a title
/// or an abstract must not end it.
enum TalkEventJSONLD {
    static func json(_ talk: TalkPresentation, seminar: Seminar, zone: ZoneInfo?, pageURL: String) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(event(talk, seminar: seminar, zone: zone, pageURL: pageURL)), as: UTF8.self)
    }

    static func event(_ p: TalkPresentation, seminar: Seminar, zone: ZoneInfo?, pageURL: String) -> Event {
        let talk = p.talk
        let online = talk.meeting != nil || seminar.isMeetingPrivate(talk)
        var locations: [Location] = []
        if online {
            // The meeting when it is offered; otherwise the page, which says how to get it.
            let url = p.offersMeeting ? (talk.meeting ?? pageURL) : pageURL
            locations.append(Location(type: "VirtualLocation", name: nil, url: url))
        }
        if let room = talk.location { locations.append(Location(type: "Place", name: room, url: nil)) }
        let mode = switch (online, talk.location != nil) {
        case (true, true): "MixedEventAttendanceMode"
        case (false, true): "OfflineEventAttendanceMode"
        default: "OnlineEventAttendanceMode"
        }
        let status = switch talk.status {
        case .scheduled: "EventScheduled"
        case .cancelled: "EventCancelled"
        case .postponed: "EventPostponed"
        }
        return Event(
            name: p.plainTitle, description: p.plainAbstract, url: pageURL,
            startDate: zip(p.start, zone).map { withOffset($0, in: $1) },
            endDate: zip(p.end, zone).map { withOffset($0, in: $1) },
            eventStatus: schema + status, eventAttendanceMode: schema + mode,
            location: locations,
            performer: talk.speakers.map { person in
                Performer(name: person.name, url: person.url,
                          affiliation: person.affiliation.map { Organization(name: $0, url: nil) })
            },
            organizer: Organization(name: seminar.title, url: seminar.homePage))
    }

    private static func zip<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
        guard let a, let b else { return nil }
        return (a, b)
    }

    /// `2021-06-28T16:30:00+02:00`: the talk's own wall-clock time and offset (ISO 8601).
    static func withOffset(_ instant: Instant, in zone: ZoneInfo) -> String {
        let (local, type) = zone.localDateTime(at: instant)
        let offset = abs(type.utcOffset) / 60
        let sign = type.utcOffset < 0 ? "-" : "+"
        return local.description + ":" + twoDigits(local.second) + sign + twoDigits(offset / 60) + ":" + twoDigits(offset % 60)
    }

    static let schema = "https://schema.org/"

    struct Event: Encodable {
        let context = "https://schema.org"
        let type = "Event"
        var name: String
        var description: String
        var url: String
        var startDate: String?
        var endDate: String?
        var eventStatus: String
        var eventAttendanceMode: String
        var location: [Location]
        var performer: [Performer]
        var organizer: Organization

        enum CodingKeys: String, CodingKey {
            case context = "@context", type = "@type"
            case name, description, url, startDate, endDate, eventStatus, eventAttendanceMode, location, performer, organizer
        }
    }

    struct Location: Encodable {
        var type: String
        var name: String?
        var url: String?
        enum CodingKeys: String, CodingKey {
            case type = "@type", name, url
        }
    }

    struct Performer: Encodable {
        let type = "Person"
        var name: String
        var url: String?
        var affiliation: Organization?
        enum CodingKeys: String, CodingKey {
            case type = "@type", name, url, affiliation
        }
    }

    struct Organization: Encodable {
        let type = "Organization"
        var name: String
        var url: String?
        enum CodingKeys: String, CodingKey {
            case type = "@type", name, url
        }
    }
}
