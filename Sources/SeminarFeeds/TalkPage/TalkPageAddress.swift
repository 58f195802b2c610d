/// Where a talk's own page and its one-event calendar live under `feeds/`: derived from the
/// talk's permanent id alone (never its date or title, which change), so that an address
/// once shared keeps leading to the talk. Ids hold only ASCII letters, digits and `-._~`,
/// so they are file names and URL paths as they are.
public enum TalkPageAddress {
    public static let folder = "talks/"

    public static func page(of id: String) -> String { folder + id + ".html" }
    public static func calendar(of id: String) -> String { folder + id + ".ics" }

    /// Whether `path` is a file of this folder, as a build publishes it (and may remove it
    /// once its talk is gone).
    public static func holds(_ path: String) -> Bool {
        // Bytes, not characters: asked of every published file, and a path's characters
        // are slow to find.
        path.hasPrefix(folder) && !path.utf8.dropFirst(folder.utf8.count).contains(UInt8(ascii: "/"))
    }
}
