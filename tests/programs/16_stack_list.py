# A stack built on list: push/pop/peek, and everything a list does still works.


class EmptyStackError(Exception):
    pass


class Stack(list):
    def push(self, item):
        self.append(item)

    def peek(self):
        if not self:
            raise EmptyStackError("peek from empty stack")
        return self[-1]

    def pop(self):
        if not self:
            raise EmptyStackError("pop from empty stack")
        return super().pop()

    def __repr__(self):
        return f"Stack({list.__repr__(self)})"


s = Stack()
print(s, len(s), bool(s))
for word in ["alpha", "beta", "gamma"]:
    s.push(word)
print(s, len(s), s.peek())
print(isinstance(s, list), isinstance(s, Stack), type(s).__name__)
print([c.__name__ for c in type(s).__mro__])
print(s.pop(), s)
print("beta" in s, "gamma" in s, s[0], s[-1], s[:1])
print(sorted(s, reverse=True), list(reversed(s)), s + ["delta"], s * 2)
print(s == ["alpha", "beta"], s != ["alpha"], len(s + s))
s += ["epsilon"]
print(type(s).__name__, s)
s.extend("xy")
s.insert(0, "first")
s.sort()
print(s, s.index("x"), s.count("y"))
s[0] = "ALPHA"
del s[1]
print(s)
for i, item in enumerate(s):
    print(i, item)
print(", ".join(s), max(s), min(s), str(s))
s.capacity = 10
print(s.__dict__, s.capacity)
s.clear()
try:
    s.peek()
except EmptyStackError as e:
    print("error:", e)
try:
    s.pop()
except EmptyStackError as e:
    print("error:", e)


# Balanced brackets, the classic stack exercise.
def balanced(text):
    pairs = {")": "(", "]": "[", "}": "{"}
    stack = Stack()
    for ch in text:
        if ch in "([{":
            stack.push(ch)
        elif ch in pairs:
            if not stack or stack.pop() != pairs[ch]:
                return False
    return not stack


for t in ["(a[b]{c})", "(]", "((", "{[()()]}"]:
    print(t, balanced(t))


class History(list):
    def __init__(self, limit, items=()):
        super().__init__(items)
        self.limit = limit

    def append(self, item):
        super().append(item)
        if len(self) > self.limit:
            del self[0]


h = History(3, [1, 2])
for n in range(3, 7):
    h.append(n)
print(h, h.limit, sum(h), list(map(str, h)))
