print("smile: \N{HAPPY FACE}")
