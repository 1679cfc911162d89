# os._exit(n): the status is n, whatever handlers surround the call.
import os
import sys


def leave(status):
    try:
        with open(os.devnull, "w") as f:
            print("leaving with", status)
            sys.stdout.flush()
            os._exit(status)
    except SystemExit:
        print("not a SystemExit")
    finally:
        print("finally never runs")


try:
    os._exit("three")
except TypeError as e:
    print("TypeError:", e)
try:
    leave(42)
except BaseException as e:
    print("never caught", e)
