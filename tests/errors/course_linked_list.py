class Node:
    def __init__(self, value, next=None):
        self.value = value
        self.next = next

    def __repr__(self):
        return f"Node({self.value!r})"


class LinkedList:
    def __init__(self, iterable=()):
        self.head = None
        self._size = 0
        for x in reversed(list(iterable)):
            self.push(x)

    def push(self, value):
        self.head = Node(value, self.head)
        self._size += 1

    def pop(self):
        if self.head is None:
            raise IndexError("pop from empty list")
        node = self.head
        self.head = node.next
        self._size -= 1
        return node.value

    def __iter__(self):
        node = self.head
        while node:
            yield node.value
            node = node.next

    def __len__(self):
        return self._size

    def __getitem__(self, i):
        if isinstance(i, slice):
            return LinkedList(list(self)[i])
        if i < 0:
            i += len(self)
        for j, v in enumerate(self):
            if j == i:
                return v
        raise IndexError("LinkedList index out of range")

    def __contains__(self, x):
        return any(v == x for v in self)

    def __reversed__(self):
        return reversed(list(self))

    def __repr__(self):
        return "LinkedList([" + ", ".join(map(repr, self)) + "])"

    def __eq__(self, other):
        return list(self) == list(other)

    def __bool__(self):
        return self.head is not None

    def reverse(self):
        prev, node = None, self.head
        while node:
            node.next, prev, node = prev, node, node.next
        self.head = prev


ll = LinkedList([3, 1, 4, 1, 5, 9, 2, 6])
print(ll, len(ll), ll[2], ll[-1], ll[1:4], 9 in ll, 7 in ll)
ll.reverse()
print(ll, list(reversed(ll)), sorted(ll), sum(ll), max(ll))
print(ll.pop(), ll.pop(), len(ll), bool(ll), bool(LinkedList()))
print(ll == [5, 1, 4, 1, 3][::-1][::-1][::-1][::-1], ll == ll[:])
print([x * 2 for x in ll if x % 2], dict(enumerate(ll)))
a, b, *rest = ll
print(a, b, rest)
e = LinkedList()
try:
    e.pop()
except IndexError as ex:
    print(ex)
print(ll[10])
