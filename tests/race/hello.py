print("hello from a race")
