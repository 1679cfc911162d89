import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from enum import IntEnum


class Day(IntEnum):
    MON = calendar.MONDAY
    TUE = calendar.TUESDAY
    WED = calendar.WEDNESDAY
    THU = calendar.THURSDAY
    FRI = calendar.FRIDAY
    SAT = calendar.SATURDAY
    SUN = calendar.SUNDAY


@dataclass
class Lesson:
    title: str
    weekday: Day

    def dates_in(self, year, month):
        for week in calendar.monthcalendar(year, month):
            if week[self.weekday]:
                yield date(year, month, week[self.weekday])


lessons = [Lesson("Python", Day.TUE), Lesson("Maths", Day.FRI)]
year, month = 2025, 9
print(calendar.month(year, month))
for lesson in lessons:
    ds = list(lesson.dates_in(year, month))
    print(f"{lesson.title:>8}: {len(ds)} sessions, first {ds[0]:%a %d %b}, last {ds[-1].isoformat()}")

print("leap years 2000-2030:", [y for y in range(2000, 2031) if calendar.isleap(y)])
print("leap days 1900-2100:", calendar.leapdays(1900, 2100))
for m in (2, 4, 12):
    first, ndays = calendar.monthrange(2024, m)
    print(f"{calendar.month_name[m]:<9} 2024 starts on {calendar.day_name[first]}, {ndays} days")

tc = calendar.TextCalendar(firstweekday=calendar.SUNDAY)
print(tc.formatmonth(2024, 2, w=3, l=1))
print(tc.formatweekheader(2))
print(calendar.calendar(2024, w=2, l=1, c=3, m=6)[:400])
weeks = calendar.Calendar().monthdatescalendar(2024, 12)
print(len(weeks), weeks[0][0], weeks[-1][-1])
friday13 = [(y, m) for y in range(2024, 2027) for m in range(1, 13)
            if calendar.weekday(y, m, 13) == calendar.FRIDAY]
print("Friday 13th:", friday13)
print(calendar.timegm((2000, 1, 1, 12, 0, 0, 0, 0, 0)))
d = date(2024, 1, 31)
for _ in range(3):
    nd = calendar.monthrange(d.year, d.month % 12 + 1)[1]
    d = (d.replace(day=1) + timedelta(days=32)).replace(day=min(d.day, nd))
    print("next month-end-ish:", d)
print(list(calendar.Calendar(6).iterweekdays()))
print(calendar.HTMLCalendar().formatmonthname(2024, 5))
try:
    calendar.month_name[13]
except IndexError as e:
    print("IndexError:", e)
try:
    calendar.monthrange(2024, 0)
except ValueError as e:
    print(type(e).__name__, "-", e, isinstance(e, calendar.IllegalMonthError))
try:
    calendar.setfirstweekday(9)
except calendar.IllegalWeekdayError as e:
    print(type(e).__qualname__, e)
