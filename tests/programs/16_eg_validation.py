# Validating records: each field's problems are gathered, each record's fields make a
# group, and the whole batch a group of groups. Callers pick out what they care about
# with split, subgroup and except*.


class ValidationError(ValueError):
    def __init__(self, field, message):
        super().__init__(f"{field}: {message}")
        self.field = field


class MissingField(ValidationError):
    pass


class RecordErrors(ExceptionGroup):
    """The problems of one record; derive keeps the class and the record id."""

    def derive(self, excs):
        g = RecordErrors(self.message, excs)
        g.record_id = self.record_id
        return g


def check_user(record):
    problems = []
    for field in ("id", "name", "email", "age"):
        if field not in record:
            problems.append(MissingField(field, "is required"))
    name = record.get("name", "")
    if name and not name[0].isupper():
        problems.append(ValidationError("name", f"{name!r} should be capitalised"))
    email = record.get("email", "")
    if email and "@" not in email:
        problems.append(ValidationError("email", f"{email!r} is not an address"))
    age = record.get("age")
    if age is not None:
        if not isinstance(age, int):
            problems.append(TypeError(f"age must be an int, not {type(age).__name__}"))
        elif not 0 <= age < 150:
            problems.append(ValidationError("age", f"{age} is out of range"))
    if problems:
        g = RecordErrors(f"record {record.get('id', '?')}", problems)
        g.record_id = record.get("id")
        raise g
    return record


def check_all(records):
    ok, failed = [], []
    for r in records:
        try:
            ok.append(check_user(r))
        except RecordErrors as g:
            failed.append(g)
    if failed:
        raise ExceptionGroup("batch rejected", failed)
    return ok


RECORDS = [
    {"id": 1, "name": "Ada", "email": "ada@example.org", "age": 36},
    {"id": 2, "name": "bob", "email": "bob.example.org", "age": 200},
    {"id": 3, "email": "c@example.org", "age": "forty"},
    {"name": "Dee", "age": 51},
    {"id": 5, "name": "Eve", "email": "eve@example.org", "age": 29},
]

try:
    check_all(RECORDS)
except ExceptionGroup as batch:
    print(batch)
    for g in batch.exceptions:
        print(f"  {type(g).__name__} {g.record_id}: {g}")
        for e in g.exceptions:
            print(f"    {type(e).__name__}: {e}")

    missing, other = batch.split(MissingField)
    print("missing:", [(g.record_id, [e.field for e in g.exceptions]) for g in missing.exceptions])
    print("other:", type(other).__name__, other)
    print("types of parts:", [type(g).__name__ for g in other.exceptions])

    typos = batch.subgroup(lambda e: isinstance(e, ValidationError) and not isinstance(e, MissingField))
    print("fixable:", sorted(e.field for g in typos.exceptions for e in g.exceptions))
    print("no TypeErrors?", batch.subgroup(KeyError))
    whole = batch.subgroup(lambda e: isinstance(e, ExceptionGroup))
    print("whole batch matched itself:", whole is batch)

    # Flatten the leaves, depth first.
    def leaves(eg):
        for e in eg.exceptions:
            if isinstance(e, BaseExceptionGroup):
                yield from leaves(e)
            else:
                yield e

    print(len(list(leaves(batch))), "problems in total")
    counts = {}
    for e in leaves(batch):
        counts[type(e).__name__] = counts.get(type(e).__name__, 0) + 1
    print(sorted(counts.items()))

# except* by type on the same batch: each clause sees only its part.
try:
    check_all(RECORDS)
except* MissingField as eg:
    print("except* MissingField:", repr(eg))
except* ValidationError as eg:
    fields = [e.field for g in eg.exceptions for e in g.exceptions]
    print("except* ValidationError:", fields)
except* TypeError as eg:
    print("except* TypeError:", [str(e) for g in eg.exceptions for e in g.exceptions])

print(check_all(RECORDS[:1] + RECORDS[4:]))
