class Empty:
    pass


print(Empty().something_quite_different)
