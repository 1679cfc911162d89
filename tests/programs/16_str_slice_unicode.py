# Slices of ASCII and non-ASCII strings with every kind of bound and step.
s = "héllo wörld ñ"
t = "hello world"
for a in [None, -20, -3, 0, 2, 5, 13, 20]:
    for b in [None, -20, -2, 0, 3, 13, 20]:
        for st in [None, 1, 2, -1, -2, 3]:
            print(a, b, st, repr(s[a:b:st]), repr(t[a:b:st]), s[a:b] == s[slice(a, b)])
