import SeminarArchive

/// What an announcement says about its talk, and which status the talk must have for it.
public enum AnnouncementKind: String, Sendable, Equatable, CaseIterable {
    /// The talk, a week ahead, say.
    case announcement
    /// The same talk again, on the day.
    case reminder
    /// The talk at its new date, time or place.
    case reschedule
    case cancellation
    case postponement

    /// The status the talk must have for this kind of announcement.
    public var requiredStatus: TalkStatus {
        switch self {
        case .announcement, .reminder, .reschedule: return .scheduled
        case .cancellation: return .cancelled
        case .postponement: return .postponed
        }
    }

    /// The kind that fits a talk of `status` when none is asked for.
    public static func `default`(for status: TalkStatus) -> AnnouncementKind {
        switch status {
        case .scheduled: return .announcement
        case .cancelled: return .cancellation
        case .postponed: return .postponement
        }
    }

    /// Whether the message follows up an earlier announcement of the talk, in its thread.
    var followsUp: Bool { self != .announcement }

    /// What the subject says before the talk.
    var subjectPrefix: String {
        switch self {
        case .announcement: return ""
        case .reminder: return "Reminder: "
        case .reschedule: return "Rescheduled: "
        case .cancellation: return "Cancelled: "
        case .postponement: return "Postponed: "
        }
    }

    /// The body's first paragraph; the talk's own status note follows for a talk that will
    /// not happen (see `TalkPresentation.statusNote`).
    var opening: String? {
        switch self {
        case .announcement, .cancellation, .postponement: return nil
        case .reminder: return "A reminder of the talk below."
        case .reschedule: return "This talk has been rescheduled: the date, time and place below are the new ones."
        }
    }
}
