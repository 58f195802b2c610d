/// A writer failed on one talk: the build reports it at that talk's file, as a diagnostic,
/// not as a bare error (see `Publisher`).
public struct TalkRenderingError: Error, Sendable, CustomStringConvertible {
    public let talkID: String
    /// The talk file's key whose text failed, when known (`abstract`).
    public let field: String?
    public let message: String

    public var description: String { "talk \(talkID): \(message)" }
}
