// SeminarPublisher: see the module's files.
