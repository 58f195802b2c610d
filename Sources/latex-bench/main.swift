print("latex-bench: not written yet")
