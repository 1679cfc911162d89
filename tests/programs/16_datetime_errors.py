# Date arithmetic mistakes a student makes, and the messages CPython gives for them.
from datetime import date, datetime, time, timedelta, timezone

start = date(2024, 2, 27)
deadline = datetime(2024, 3, 1, 17, 30)
mistakes = [
    ("date + int", lambda: start + 3),
    ("int + date", lambda: 3 + start),
    ("date - int", lambda: start - 1),
    ("datetime - date", lambda: deadline - start),
    ("date < int", lambda: start < 20240227),
    ("timedelta + int", lambda: timedelta(days=1) + 1),
    ("timedelta * str", lambda: timedelta(hours=2) * "x"),
    ("len(date)", lambda: len(start)),
    ("date[0]", lambda: start[0]),
    ("iter(time)", lambda: iter(time(9, 0))),
    ("call a date", lambda: start()),
    ("missing attribute", lambda: deadline.weekday_name),
    ("date in a set of lists", lambda: {start: [1]}[[1]]),
    ("timezone + int", lambda: timezone.utc + 1),
    ("bad month", lambda: date(2024, 13, 1)),
    ("bad day", lambda: date(2023, 2, 29)),
]
for label, action in mistakes:
    try:
        result = action()
    except (TypeError, ValueError, AttributeError) as e:
        print(f"{label:24} {type(e).__name__}: {e}")
    else:
        print(f"{label:24} ok: {result!r}")
for i in range(4):
    day = start + timedelta(days=i)
    print(day, day.strftime("%A"), (deadline.date() - day).days, "days left")
print(type(start), type(deadline).__name__, type(timedelta()).__qualname__)
