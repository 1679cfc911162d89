# datetime.strptime, time.strptime (CPython's _strptime) over locale's C locales.
from datetime import datetime, date
import time, locale
d = datetime.strptime("2024-03-15 14:30:05", "%Y-%m-%d %H:%M:%S")
print(d, repr(d))
print(datetime.strptime("15/03/24", "%d/%m/%y").date())
print(datetime.strptime("Mar 5 2021 7:04PM", "%b %d %Y %I:%M%p"))
print(datetime.strptime("Tuesday, 01 February 2022", "%A, %d %B %Y"))
print(datetime.strptime("2024-03-15T14:30:05+0200", "%Y-%m-%dT%H:%M:%S%z"))
print(time.strptime("30 Nov 00", "%d %b %y"))
for bad in [("2024-13-01", "%Y-%m-%d"), ("2024-01-01 extra", "%Y-%m-%d"), ("x", "%Q")]:
    try:
        datetime.strptime(*bad)
    except ValueError as e:
        print("ValueError:", e)
print(locale.getlocale(), locale.getlocale(locale.LC_TIME), locale.setlocale(locale.LC_ALL))
print(locale.setlocale(locale.LC_ALL, "C"), locale.getlocale())
try:
    locale.setlocale(locale.LC_ALL, "de_DE.UTF-8")
except locale.Error as e:
    print(type(e).__name__, e)
print(locale.localeconv()["decimal_point"], locale.format_string("%.2f", 3.14159), locale.atof("2.5"))
import calendar
print(calendar.month_name[3], calendar.day_abbr[0])
print(sorted(date(2024, m, 1).strftime("%b") for m in range(1, 4)))
from time import strptime
print(strptime("2024-02-29", "%Y-%m-%d").tm_yday)
import calendar
print(calendar.LocaleTextCalendar(locale="C").formatmonth(2024, 3))
print(calendar.LocaleHTMLCalendar(locale="C").formatweekday(0))
