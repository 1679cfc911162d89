class K:
    total = 1
    print(totl)
