/// The folders a build writes must be apart from each other and from the archive:
/// - the organisers' folder (`--private-out`) inside the public feeds folder would publish
///   the private meeting links with the feeds; around it, the private documents would land
///   among (or over) the public ones;
/// - the feeds folder at, inside or around the archive would mix the published documents
///   with the talk files, and publishing it would publish those files, private meeting
///   links included; the organisers' folder at or inside the archive would mix them too.
enum OutputFolders {
    /// Why the build cannot write `feeds` (and `privateOut`) beside `archive`, or nil.
    static func problem(archive: String, feeds: String, privateOut: String?) -> String? {
        let archiveFolder = ResolvedPath(archive), publicFolder = ResolvedPath(feeds)
        if let problem = overlap("--feeds `\(feeds)`", publicFolder, "the archive folder `\(archive)`", archiveFolder,
                                 advice: "the published documents must stay apart from the talk files; choose another folder for --feeds") {
            return problem
        }
        guard let privateOut else { return nil }
        let privateFolder = ResolvedPath(privateOut)
        if let problem = overlap("--private-out `\(privateOut)`", privateFolder, "the public feeds folder `\(feeds)`", publicFolder,
                                 advice: "the organisers' private meeting links must stay out of what is published; choose a folder apart from `\(feeds)`") {
            return problem
        }
        if privateFolder == archiveFolder || privateFolder.isInside(archiveFolder) {
            return "--private-out `\(privateOut)` is \(privateFolder == archiveFolder ? "" : "inside ")the archive folder `\(archive)`: the organisers' documents must stay apart from the talk files; choose another folder"
        }
        return nil
    }

    /// "`name` is `other`", "is inside", or "contains" it, with `advice`; nil when apart.
    private static func overlap(_ name: String, _ folder: ResolvedPath, _ otherName: String, _ other: ResolvedPath,
                                advice: String) -> String? {
        if folder == other { return "\(name) is \(otherName): \(advice)" }
        if folder.isInside(other) { return "\(name) is inside \(otherName): \(advice)" }
        if other.isInside(folder) { return "\(name) contains \(otherName): \(advice)" }
        return nil
    }
}
