import csv, io
def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)
t(lambda: csv.reader([], delimiter=''))
t(lambda: csv.reader([], delimiter=5))
t(lambda: csv.reader([], delimiter='ab'))
t(lambda: csv.reader([], quotechar=5))
t(lambda: csv.reader([], escapechar='ab'))
t(lambda: csv.reader([], quoting=7))
t(lambda: csv.reader([], quoting='a'))
t(lambda: csv.reader([], lineterminator=5))
t(lambda: csv.reader([], quotechar=None).dialect.quoting)
t(lambda: csv.reader([], quotechar=None, quoting=csv.QUOTE_ALL))
t(lambda: csv.reader([], bogus=1))
t(lambda: csv.reader([], delimiter=None))
t(lambda: csv.reader(5))
t(lambda: csv.writer(5))
t(lambda: csv.get_dialect('nope'))
t(lambda: csv.register_dialect(5))
t(lambda: csv.unregister_dialect('nope'))
t(lambda: csv.list_dialects())
t(lambda: csv.field_size_limit())
t(lambda: csv.field_size_limit('x'))
t(lambda: csv.reader([]).dialect.delimiter)
t(lambda: type(csv.reader([])).__name__)
t(lambda: type(csv.get_dialect('excel')))
t(lambda: list(csv.reader(['a,"b', 'c"d,e'])))
t(lambda: list(csv.reader(['a,"b"x,c'])))
t(lambda: list(csv.reader(['a,"b"x,c'], strict=True)))
t(lambda: list(csv.reader(['a,"b'], strict=True)))
t(lambda: list(csv.reader(['a,"b'])))
t(lambda: list(csv.reader(['a\rb,c'])))
t(lambda: list(csv.reader(['a,b\n', '\n', 'c, d\r\n'])))
t(lambda: list(csv.reader(['a, "b,c" ,d'], skipinitialspace=True)))
t(lambda: list(csv.reader(['1,2.5,"x"'], quoting=csv.QUOTE_NONNUMERIC)))
t(lambda: list(csv.reader(['1,abc,"x"'], quoting=csv.QUOTE_NONNUMERIC)))
t(lambda: list(csv.reader(['a\\,b,c'], escapechar='\\')))
t(lambda: list(csv.reader(['a\\'], escapechar='\\')))
t(lambda: list(csv.reader(['a\0b'])))
for q in range(4):
    for dq in (True, False):
        s = io.StringIO()
        w = csv.writer(s, quoting=q, doublequote=dq, escapechar='\\' if q==3 or not dq else None)
        try:
            w.writerow(['a', 'b,c', 'say "hi"', 1, 2.5, None, '', True, 'x\ny', 'p\rq', 'e\\f'])
            w.writerow([''])
            w.writerow([])
        except Exception as e:
            print(type(e).__name__, e)
        print(q, dq, repr(s.getvalue()))
s = io.StringIO()
w = csv.writer(s, lineterminator='\n')
print(w.writerow(['a\rb', 'c']), repr(s.getvalue()))
t(lambda: w.writerow(5))
t(lambda: w.writerow('abc'))
t(lambda: csv.writer(io.StringIO(), quoting=csv.QUOTE_NONE).writerow(['a,b']))
t(lambda: csv.writer(io.StringIO(), quoting=csv.QUOTE_NONE).writerow(['']))
t(lambda: csv.writer(io.StringIO(), quoting=csv.QUOTE_NONE, quotechar=None).writerow(['a"b']))
class D(csv.Dialect):
    delimiter = ';'
t(lambda: D())
class E(csv.excel):
    delimiter = ';'
    quotechar = "'"
t(lambda: list(csv.reader(["a;'b;c'"], E)))
csv.register_dialect('pipes', delimiter='|')
t(lambda: list(csv.reader(['a|b'], 'pipes')))
t(lambda: list(csv.reader(['a|b'], dialect='pipes', quotechar="'")))
t(lambda: sorted(csv.list_dialects()))
r = csv.reader(['a', 'b,"c', 'd"'])
for row in r:
    print(r.line_num, row)
t(lambda: csv.get_dialect('pipes').delimiter)
def setd():
    csv.get_dialect('pipes').delimiter = 'x'
t(setd)
import csv, io
sample = "id;name;price\n1;apple;0.5\n2;'pear, green';0.75\n3;plum;1.25\n"
d = csv.Sniffer().sniff(sample)
print(repr(d.delimiter), repr(d.quotechar), d.doublequote, d.skipinitialspace)
print(csv.Sniffer().has_header(sample))
for row in csv.DictReader(io.StringIO(sample), dialect=d):
    print(row)
r = csv.DictReader(["a,b", "1,2,3,4", "5"], restkey="extra", restval="?")
for row in r:
    print(row)
print(list(csv.reader(["one\ttwo"], csv.excel_tab)))
out = io.StringIO()
w = csv.writer(out, dialect="unix")
w.writerows([[1, "two", 3.0], ["x y", None, ""]])
print(out.getvalue(), end="")
try:
    csv.Sniffer().sniff("")
except csv.Error as e:
    print("Error:", e)
