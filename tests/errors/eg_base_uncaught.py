# A BaseExceptionGroup with a SystemExit inside is printed as a group, exit status 1.
import sys


def worker(n):
    if n == 2:
        sys.exit(3)
    raise OSError(n, "worker failed")


errors = []
for n in range(3):
    try:
        worker(n)
    except BaseException as e:
        errors.append(e)
raise BaseExceptionGroup("workers", errors)
