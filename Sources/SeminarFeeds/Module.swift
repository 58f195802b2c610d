// SeminarFeeds: see the module's files.
