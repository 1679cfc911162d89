# Averages for each section; a section with no students divides by zero
# in an expression written over several lines.
sections = {"A": [90, 85, 77], "B": []}


def average(scores, curve=0):
    return (sum(scores)
            + curve * len(scores)) / len(
        scores
    )


def report(name, scores):
    label = f"{name}: {average(scores):.1f}"
    print(label)


for name in sorted(sections):
    report(name, sections[name])
