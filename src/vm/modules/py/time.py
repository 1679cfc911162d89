"""`time`: the native clocks and `sleep` (`_time`), and CPython's calendar functions over the
C library's conversions: `struct_time`, `gmtime`, `localtime`, `mktime`, `strftime`
(the C locale's directives, as glibc formats them), `asctime`, `ctime`."""

import _time
import _structseq

time = _time.time
time_ns = _time.time_ns
perf_counter = _time.perf_counter
perf_counter_ns = _time.perf_counter_ns
monotonic = _time.monotonic
monotonic_ns = _time.monotonic_ns
process_time = _time.process_time
process_time_ns = _time.process_time_ns
thread_time = _time.thread_time
thread_time_ns = _time.thread_time_ns
sleep = _time.sleep

tzname, timezone, altzone, daylight = (lambda t: ((t[0], t[1]), t[2], t[3], t[4]))(
    _time._tzinfo())

struct_time = _structseq.make(
    'time', 'struct_time',
    ('tm_year', 'tm_mon', 'tm_mday', 'tm_hour', 'tm_min', 'tm_sec', 'tm_wday', 'tm_yday',
     'tm_isdst', 'tm_zone', 'tm_gmtoff'),
    9)


def gmtime(seconds=None):
    return struct_time(_time._gmtime(seconds))


def localtime(seconds=None):
    return struct_time(_time._localtime(seconds))


def _ints(t, what):
    """`gettmarg`: the nine ints of a tuple or struct_time (and its zone and offset, or None
    and 0 for a plain tuple)."""
    if isinstance(t, struct_time):
        zone, gmtoff = t.tm_zone, t.tm_gmtoff
        t = t._t
    elif type(t) is tuple:
        zone, gmtoff = None, 0
    else:
        raise TypeError('Tuple or struct_time argument required')
    if len(t) != 9:
        raise TypeError(f'{what}: illegal time tuple argument')
    out = []
    for v in t:
        if not isinstance(v, int):
            raise TypeError(f"'{type(v).__name__}' object cannot be interpreted as an integer")
        out.append(int(v))
    return out, zone, gmtoff


def _checked(t, what):
    """`gettmarg` then `checktm`: C's `struct tm` fields (month 0-11, weekday 0 = Sunday,
    day of year 0-365), with CPython's range errors and its zero defaults."""
    (y, mon, mday, hour, mn, sec, wday, yday, isdst), zone, gmtoff = _ints(t, what)
    mon -= 1
    wday = _cmod(wday + 1, 7)
    yday -= 1
    if mon == -1:
        mon = 0
    elif mon < 0 or mon > 11:
        raise ValueError('month out of range')
    if mday == 0:
        mday = 1
    elif mday < 0 or mday > 31:
        raise ValueError('day of month out of range')
    if hour < 0 or hour > 23:
        raise ValueError('hour out of range')
    if mn < 0 or mn > 59:
        raise ValueError('minute out of range')
    if sec < 0 or sec > 61:
        raise ValueError('seconds out of range')
    if wday < 0:
        raise ValueError('day of week out of range')
    if yday == -1:
        yday = 0
    elif yday < 0 or yday > 365:
        raise ValueError('day of year out of range')
    return [y, mon, mday, hour, mn, sec, wday, yday, isdst, zone, gmtoff]


def _cmod(a, b):
    """C's `%`: the remainder takes the dividend's sign."""
    r = abs(a) % b
    return -r if a < 0 else r


def mktime(t):
    (y, mon, mday, hour, mn, sec, wday, yday, isdst), _, _ = _ints(t, 'mktime()')
    return _time._mktime((y, mon, mday, hour, mn, sec, wday, yday, isdst))


_DAYS = ('Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday')
_MONTHS = ('January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
           'September', 'October', 'November', 'December')


def _asctime(tm):
    y, mon, mday, hour, mn, sec, wday = tm[:7]
    return '%s %s%3d %.2d:%.2d:%.2d %d' % (_DAYS[wday][:3], _MONTHS[mon][:3], mday,
                                          hour, mn, sec, y)


def asctime(t=None):
    if t is None:
        t = localtime()
    return _asctime(_checked(t, 'asctime()'))


def ctime(seconds=None):
    return _asctime(_checked(localtime(seconds), 'asctime()'))


def _iso_week(y, wday, yday):
    """glibc's ISO 8601 year and week (`%G`, `%V`): wday 0 = Sunday, yday 0-based."""
    def days(year, yd, wd):
        # The days since the Monday of `year`'s first ISO week (negative: before it).
        return yd - (yd - wd + 382) % 7 + 3

    def leap(year):
        return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)

    year = y
    d = days(year, yday, wday)
    if d < 0:
        year -= 1
        d = days(year, yday + (366 if leap(year) else 365), wday)
    else:
        d2 = days(year, yday - (366 if leap(year) else 365), wday)
        if d2 >= 0:
            year += 1
            d = d2
    return year, d // 7 + 1


def _num(v, width, pad, flag):
    if flag == '-':
        return str(v)
    if flag == '_':
        pad = ' '
    elif flag == '0':
        pad = '0'
    s = str(abs(v))
    s = s.rjust(width - (1 if v < 0 else 0), pad)
    return ('-' + s) if v < 0 else s


def _directive(c, tm, flag):
    y, mon, mday, hour, mn, sec, wday, yday, isdst, zone, gmtoff = tm
    if c == 'Y':
        return _num(y, 1, '0', flag)
    if c == 'm':
        return _num(mon + 1, 2, '0', flag)
    if c == 'd':
        return _num(mday, 2, '0', flag)
    if c == 'e':
        return _num(mday, 2, ' ', flag)
    if c == 'H':
        return _num(hour, 2, '0', flag)
    if c == 'k':
        return _num(hour, 2, ' ', flag)
    if c == 'I':
        return _num((hour % 12) or 12, 2, '0', flag)
    if c == 'l':
        return _num((hour % 12) or 12, 2, ' ', flag)
    if c == 'M':
        return _num(mn, 2, '0', flag)
    if c == 'S':
        return _num(sec, 2, '0', flag)
    if c == 'j':
        return _num(yday + 1, 3, '0', flag)
    if c == 'y':
        return _num(y % 100, 2, '0', flag)
    if c == 'C':
        return _num(y // 100, 1, '0', flag)
    if c == 'a':
        return _DAYS[wday][:3]
    if c == 'A':
        return _DAYS[wday]
    if c in 'bh':
        return _MONTHS[mon][:3]
    if c == 'B':
        return _MONTHS[mon]
    if c == 'p':
        return 'PM' if hour >= 12 else 'AM'
    if c == 'P':
        return 'pm' if hour >= 12 else 'am'
    if c == 'w':
        return _num(wday, 1, '0', flag)
    if c == 'u':
        return _num(wday or 7, 1, '0', flag)
    if c == 'U':
        return _num((yday - wday + 7) // 7, 2, '0', flag)
    if c == 'W':
        return _num((yday - (wday - 1 + 7) % 7 + 7) // 7, 2, '0', flag)
    if c in 'GgV':
        iy, week = _iso_week(y, wday, yday)
        if c == 'G':
            return _num(iy, 1, '0', flag)
        if c == 'g':
            return _num(iy % 100, 2, '0', flag)
        return _num(week, 2, '0', flag)
    if c == 'c':
        return _format('%a %b %e %H:%M:%S %Y', tm)
    if c in 'xD':
        return _format('%m/%d/%y', tm)
    if c == 'X' or c == 'T':
        return _format('%H:%M:%S', tm)
    if c == 'R':
        return _format('%H:%M', tm)
    if c == 'r':
        return _format('%I:%M:%S %p', tm)
    if c == 'F':
        return _format('%Y-%m-%d', tm)
    if c == 'n':
        return '\n'
    if c == 't':
        return '\t'
    if c == '%':
        return '%'
    if c == 'Z':
        if zone is None:
            return tzname[1 if isdst > 0 else 0]
        return zone
    if c == 'z':
        off = gmtoff or 0
        sign = '-' if off < 0 else '+'
        off = abs(off) // 60
        return '%s%02d%02d' % (sign, off // 60, off % 60)
    if c == 's':
        return str(int(_time._mktime((y, mon + 1, mday, hour, mn, sec, 0, yday + 1, isdst))))
    return None


def _format(fmt, tm):
    out = []
    i = 0
    n = len(fmt)
    while i < n:
        ch = fmt[i]
        if ch != '%':
            out.append(ch)
            i += 1
            continue
        j = i + 1
        flag = ''
        while j < n and fmt[j] in '-_0^#':
            flag = fmt[j] if fmt[j] in '-_0' else flag
            j += 1
        upper = '^' in fmt[i + 1:j]
        swap = '#' in fmt[i + 1:j]
        k = j
        while j < n and fmt[j].isdigit():
            j += 1
        width = int(fmt[k:j]) if j > k else 0
        if j + 1 < n and fmt[j] in 'EO':
            j += 1  # the alternative forms: the same as the plain ones in the C locale
        if j >= n:
            out.append(fmt[i:])
            break
        c = fmt[j]
        s = _directive(c, tm, flag)
        if s is None:
            out.append(fmt[i:j + 1])
        else:
            if upper:
                s = s.upper()
            elif swap:
                s = s.lower() if c in 'Zp' else s.upper()
            if len(s) < width:
                zero = flag == '0' or (flag == '' and c in 'YmdHIMSjyCwuUWGgVs')
                if zero and s.startswith('-'):
                    s = '-' + s[1:].rjust(width - 1, '0')
                else:
                    s = s.rjust(width, '0' if zero else ' ')
            out.append(s)
        i = j + 1
    return ''.join(out)


def strftime(format, t=None):
    if not isinstance(format, str):
        raise TypeError(f'strftime() argument 1 must be str, not {type(format).__name__}')
    if t is None:
        t = localtime()
    tm = _checked(t, 'strftime()')
    if tm[8] < -1:
        tm[8] = -1
    elif tm[8] > 1:
        tm[8] = 1
    return _format(format, tm)
