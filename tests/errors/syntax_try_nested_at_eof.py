def work():
    try:
        return 1
