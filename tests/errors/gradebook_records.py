# Helper module for gradebook_bad_import.py: a grade book's records.
PASSING = 60
RECORDS = {"ann": [91, 78], "bob": [55, 62]}


def average(name):
    marks = RECORDS[name]
    return sum(marks) / len(marks)


def passed(name):
    return average(name) >= PASSING


if __name__ == "__main__":
    for student in sorted(RECORDS):
        print(student, average(student), passed(student))
