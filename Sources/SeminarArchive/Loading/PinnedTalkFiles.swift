/// Talk files known byte for byte: the files of frozen years, pinned by their snapshot
/// records. The loader reads a pinned file to compare its bytes but does not parse it,
/// because a build with a long frozen history would otherwise spend most of its time
/// parsing and checking talks that cannot have changed.
///
/// A file is left unparsed only while its place, its bytes and the seminar's talk
/// defaults (which fill in what a talk file leaves out) are all as they were pinned: the
/// same inputs give the same talk. Any difference and the file is read as usual, so that
/// whatever changed is reported as precisely as before.
public struct PinnedTalkFiles: Sendable {
    public struct Pin: Sendable {
        /// The digest of the file's bytes, as `digest` makes it.
        public var digest: String
        /// The id of the talk in the file: ids must stay unique across the archive.
        public var id: String
        /// `ArchiveLoadResult.talkDefaults` when the file was pinned.
        public var talkDefaults: String

        public init(digest: String, id: String, talkDefaults: String) {
            self.digest = digest
            self.id = id
            self.talkDefaults = talkDefaults
        }
    }

    /// By path relative to the archive folder: `2021/2021-06-28-scott-pesme.json`.
    public var files: [String: Pin]
    public var digest: @Sendable ([UInt8]) -> String

    public init(files: [String: Pin], digest: @escaping @Sendable ([UInt8]) -> String) {
        self.files = files
        self.digest = digest
    }

    /// The pin of the file, if the file still matches it.
    func pin(for relativePath: String, bytes: [UInt8], talkDefaults: String) -> Pin? {
        guard let pin = files[relativePath], pin.talkDefaults == talkDefaults, digest(bytes) == pin.digest else { return nil }
        return pin
    }
}

/// A talk file left unparsed because it matched its pin.
public struct PinnedTalk: Sendable, Equatable {
    public var path: String
    public var year: Int
    public var id: String
}
