/// "1 talk", "2 talks", "0 files": a count and its noun, in the plural unless the count is
/// one. Every summary counts through it, so none says "1 talks".
func counted(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}
