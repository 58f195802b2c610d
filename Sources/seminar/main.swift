print("seminar: under construction")
