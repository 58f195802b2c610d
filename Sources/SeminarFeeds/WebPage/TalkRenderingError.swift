/// A writer failed on one talk: the build reports it at that talk's file, as a diagnostic,
/// not as a bare error (see `Publisher`).
public struct TalkRenderingError: Error, Sendable, CustomStringConvertible {
    public let talkID: String
    /// The talk file's key whose text failed, when known (`abstract`).
    public let field: String?
    /// What failed (a `PageMarkupError`, which already names the talk).
    public let underlying: any Error

    public init(talkID: String, field: String?, underlying: any Error) {
        self.talkID = talkID
        self.field = field
        self.underlying = underlying
    }

    public var description: String { String(describing: underlying) }
}
