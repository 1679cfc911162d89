class Stack:
    def __init__(self):
        self._items = []
    def push(self, x):
        self._items.append(x)
    def pop(self):
        if not self._items:
            raise IndexError("pop from empty stack")
        return self._items.pop()
    def peek(self):
        return self._items[-1]
    def __len__(self):
        return len(self._items)
    def __bool__(self):
        return bool(self._items)

class Queue:
    def __init__(self):
        self._in = []
        self._out = []
    def enqueue(self, x):
        self._in.append(x)
    def dequeue(self):
        if not self._out:
            while self._in:
                self._out.append(self._in.pop())
        if not self._out:
            raise IndexError("dequeue from empty queue")
        return self._out.pop()
    def __len__(self):
        return len(self._in) + len(self._out)

s = Stack()
for i in range(5):
    s.push(i * i)
print(len(s), s.peek(), s.pop(), s.pop(), len(s))
while s:
    print("popped", s.pop())
try:
    s.pop()
except IndexError as e:
    print("IndexError:", e)

q = Queue()
for c in "abc":
    q.enqueue(c)
print(q.dequeue(), len(q))
q.enqueue("d")
print([q.dequeue() for _ in range(len(q))])
try:
    q.dequeue()
except IndexError as e:
    print("IndexError:", e)

def balanced(expr):
    pairs = {")": "(", "]": "[", "}": "{"}
    st = Stack()
    for ch in expr:
        if ch in "([{":
            st.push(ch)
        elif ch in pairs:
            if not st or st.pop() != pairs[ch]:
                return False
    return not st

for e in ["(a[b]{c})", "(]", "((", "", "{[()()]}"]:
    print(repr(e), balanced(e))

def rpn(tokens):
    st = Stack()
    for t in tokens.split():
        if t in "+-*/":
            b, a = st.pop(), st.pop()
            st.push({"+": a + b, "-": a - b, "*": a * b, "/": a / b}[t])
        else:
            st.push(int(t))
    return st.pop()

print(rpn("3 4 + 2 *"), rpn("5 1 2 + 4 * + 3 -"), rpn("7 2 /"))
