# A loader logs what went wrong with traceback.print_exc() and the program carries on; the
# last failure is not caught, so the run ends with the interpreter's own report.
import traceback


def load(path):
    raise FileNotFoundError(2, "No such file or directory", path)


def worker(paths):
    done = 0
    for p in paths:
        try:
            load(p)
        except OSError:
            traceback.print_exc()
        else:
            done += 1
    return done


print("loaded", worker(["a.csv", "b.csv"]))
print(traceback.format_exc(), end="")
load("c.csv")
