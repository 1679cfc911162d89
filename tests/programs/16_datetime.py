# datetime (CPython's pure-Python module): dates, times, timedeltas, formatting and errors.
from datetime import date, datetime, timedelta, time, timezone
d = date(2024, 2, 29)
print(d, d.year, d.isoformat(), d.replace(year=2023, day=28), d.weekday(), d.strftime("%d/%m/%Y %A"))
print((date(2024, 12, 25) - d).days, date(2000, 1, 1) < d, repr(d), d + timedelta(days=1))
dt = datetime(2024, 3, 15, 14, 30, 5)
print(dt, repr(dt), dt.date(), dt.time(), dt.strftime("%Y-%m-%d %H:%M:%S %p %j %b %a"), dt.isoformat())
print(timedelta(days=1, hours=3, minutes=5), timedelta(seconds=-1), repr(timedelta(hours=1)), timedelta(weeks=1).total_seconds())
print("skip")
print(dt + timedelta(hours=12), dt - datetime(2024, 1, 1), datetime.fromisoformat("2024-05-06T07:08:09"))
print(date.fromisoformat("2023-12-31").toordinal(), date.fromordinal(738000), time(9, 30), dt.replace(tzinfo=timezone.utc))
print(sorted([date(2024, 1, 2), date(2023, 5, 1), date(2024, 1, 1)]), d.isocalendar(), d.timetuple().tm_yday)
import datetime as dtm
print(dtm.MINYEAR, dtm.MAXYEAR, date.max, date.min, timedelta.max, timedelta(microseconds=1))
print(date(2024, 1, 31) + timedelta(days=30), datetime(2024, 1, 1, 23, 59, 59, 999999) + timedelta(microseconds=1))
print(timedelta(days=3) / 2, timedelta(days=3) // timedelta(hours=5), timedelta(hours=7) % timedelta(hours=2), -timedelta(1), abs(timedelta(-2)))
print(f"{date(2024, 7, 4):%B %d, %Y}", format(datetime(2024, 7, 4, 9, 5), "%I:%M %p"), str(timedelta(0)), date(2024, 1, 1).ctime())
print({date(2024, 1, 1): "ny"}[date(2024, 1, 1)], hash(timedelta(1)) == hash(timedelta(hours=24)), date.today() > date(2020, 1, 1))
try:
    date(2023, 2, 29)
except ValueError as e:
    print(e)
try:
    date(2024, 1, 1) + timedelta(1) + 1 if False else None
except TypeError as e:
    print(e)
ages = [(n, date(2024, 6, 1) - b) for n, b in [("a", date(1990, 5, 17)), ("b", date(2001, 12, 1))]]
for n, age in ages:
    print(n, age.days // 365, age)
d = date(2024, 1, 1)
while d.month == 1:
    if d.weekday() == 0:
        print(d.isoformat(), d.strftime("%a %U"))
    d += timedelta(days=1)
for a in [(0,1,1),(2024,13,1),(2024,2,30)]:
    try: date(*a)
    except ValueError as e: print(e)
for a in [(24,),(1,60),(1,1,60),(1,1,1,10**6)]:
    try: dtm.time(*a)
    except ValueError as e: print(e)
try: dtm.time(fold=2)
except ValueError as e: print(e)
