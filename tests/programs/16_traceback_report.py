# A grading script that must not stop at the first broken submission: each failure is
# reported with its traceback (to stdout here, so the report is one stream), then it goes on.
import sys
import traceback


class GradingError(Exception):
    pass


def parse_score(text):
    return int(text)


def grade(name, answers):
    total = 0
    for a in answers:
        total += parse_score(a)
    if total > 100:
        raise GradingError(f"{name}: total {total} is over 100")
    return total


submissions = {
    "ada": ["40", "50"],
    "bob": ["30", "x"],
    "cy": ["60", "70"],
}

for name, answers in submissions.items():
    try:
        print(name, grade(name, answers))
    except ValueError:
        print(f"{name}: could not parse")
        traceback.print_exc(file=sys.stdout)
    except GradingError as e:
        print("".join(traceback.format_exception_only(e)), end="")
        lines = traceback.format_exception(e)
        print(lines[0], end="")
        print(lines[-1], end="")

# Chained: the report shows both, as an uncaught one would.
try:
    try:
        {}["missing"]
    except KeyError as e:
        raise RuntimeError("lookup failed") from e
except RuntimeError:
    report = traceback.format_exc()
    print(report, end="")
    print("chain=False:")
    traceback.print_exc(chain=False, file=sys.stdout)

print(traceback.format_exc(), end="")
traceback.print_exception(ValueError("made, never raised"), file=sys.stdout)
print("done")
