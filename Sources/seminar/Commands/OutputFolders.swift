/// The organisers' folder (`--private-out`) must be apart from the public feeds folder:
/// inside it, the private meeting links would be published with the feeds; around it,
/// the private documents would land among (or over) the public ones.
enum PrivateOutputFolder {
    /// Why `privateOut` cannot hold the organisers' documents beside `feeds`, or nil.
    static func problem(privateOut: String, feeds: String) -> String? {
        let privateFolder = ResolvedFolder(privateOut), publicFolder = ResolvedFolder(feeds)
        let advice = "the organisers' private meeting links must stay out of what is published; choose a folder apart from `\(feeds)`"
        if privateFolder == publicFolder {
            return "--private-out `\(privateOut)` is the public feeds folder `\(feeds)`: \(advice)"
        }
        if privateFolder.isInside(publicFolder) {
            return "--private-out `\(privateOut)` is inside the public feeds folder `\(feeds)`: \(advice)"
        }
        if publicFolder.isInside(privateFolder) {
            return "--private-out `\(privateOut)` contains the public feeds folder `\(feeds)`: \(advice)"
        }
        return nil
    }
}
