try:
    x = int("a")
except ValueError, TypeError:
    print("bad")
