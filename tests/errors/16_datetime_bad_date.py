# An invalid date from a course's age calculator: CPython's datetime is the C module
# `_datetime`, so the traceback ends at the caller's line.
from datetime import date, timedelta


def age_on(birthday, today):
    years = today.year - birthday.year
    if (today.month, today.day) < (birthday.month, birthday.day):
        years -= 1
    return years


people = {"Ada": (1815, 12, 10), "Alan": (1912, 6, 23), "Grace": (1906, 2, 30)}
today = date(2024, 3, 1)
for name, (y, m, d) in people.items():
    born = date(y, m, d)
    print(f"{name}: born {born:%d %B %Y}, {age_on(born, today)} on {today}",
          "| next week:", today + timedelta(weeks=1))
