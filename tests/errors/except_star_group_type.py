def risky():
    raise ExceptionGroup("eg", [ValueError(1)])


try:
    risky()
except* ExceptionGroup:
    print("never")
