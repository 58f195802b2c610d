// LaTeX: see the module's files.
