from datetime import date
import functools


class Book:
    _registry = {}

    def __init__(self, isbn, title, author, year):
        self.isbn, self.title, self.author, self.year = isbn, title, author, year
        Book._registry[isbn] = self

    def __repr__(self):
        return f"<Book {self.title!r} ({self.year})>"

    def __eq__(self, other):
        if not isinstance(other, Book):
            return NotImplemented
        return self.isbn == other.isbn

    def __hash__(self):
        return hash(self.isbn)

    @staticmethod
    def valid_isbn(s):
        digits = [int(c) for c in s if c.isdigit()]
        return len(digits) == 10 and sum((10 - i) * d for i, d in enumerate(digits)) % 11 == 0

    @classmethod
    def lookup(cls, isbn):
        return cls._registry.get(isbn)


class Library:
    def __init__(self):
        self.books = set()
        self.loans = {}

    def __contains__(self, book):
        return book in self.books

    def __len__(self):
        return len(self.books)

    def __iter__(self):
        return iter(sorted(self.books, key=lambda b: (b.author, b.year)))

    def add(self, *books):
        self.books.update(books)
        return self

    def lend(self, book, who):
        if book not in self:
            raise KeyError(f"{book.title} not in library")
        if book in self.loans:
            raise LookupError(f"{book.title} already lent to {self.loans[book]}")
        self.loans[book] = who


b1 = Book("0306406152", "Dune", "Herbert", 1965)
b2 = Book("0131103628", "K&R C", "Kernighan", 1978)
b3 = Book("0262033844", "CLRS", "Cormen", 1990)
lib = Library().add(b1, b2).add(b3, b1)
print(len(lib), list(lib))
print(b1 in lib, Book("0306406152", "Dune copy", "X", 1) in lib)
lib.lend(b1, "ann")
for bad in [(b1, "bob"), (Book("1", "Ghost", "Nobody", 2000), "cy")]:
    try:
        lib.lend(*bad)
    except (KeyError, LookupError) as e:
        print(type(e).__name__, e)
print(Book.valid_isbn("0-306-40615-2"), Book.valid_isbn("0306406153"), Book.lookup("0131103628"))
print({b: b.year for b in lib}, lib.loans)
by_decade = functools.reduce(lambda acc, b: {**acc, b.year // 10 * 10: acc.get(b.year // 10 * 10, []) + [b.title]}, lib, {})
print(by_decade)
d = date(2024, 2, 29)
print(d, d.year, d.isoformat(), d.replace(year=2023, day=28), d.weekday(), d.strftime("%d/%m/%Y %A"))
print((date(2024, 12, 25) - d).days, date(2000, 1, 1) < d, repr(d))
print(b1 == "Dune", b1 != b2, sorted(lib, key=lambda b: b.title.lower()))
