class AppError(Exception):
    pass

class ValidationError(AppError):
    def __init__(self, field, message):
        super().__init__(f"{field}: {message}")
        self.field = field

class NotFound(AppError):
    def __init__(self, key):
        self.key = key
    def __str__(self):
        return f"not found: {self.key!r}"

def validate(age):
    if not isinstance(age, int):
        raise ValidationError("age", "must be an int")
    if age < 0:
        raise ValidationError("age", "must be >= 0")
    return age

for v in [5, -1, "x"]:
    try:
        print("valid", validate(v))
    except ValidationError as e:
        print("invalid:", e, "| field =", e.field)

try:
    raise NotFound("bob")
except AppError as e:
    print(type(e).__name__, e, isinstance(e, Exception))

try:
    raise AppError("plain", 42)
except AppError as e:
    print(e, e.args)

def lookup(d, k):
    try:
        return d[k]
    except KeyError:
        raise NotFound(k)

try:
    lookup({}, "missing")
except NotFound as e:
    print("caught", e, "| context is KeyError:", isinstance(e.__context__, KeyError))

errors = [ValueError("v"), TypeError("t"), ValidationError("f", "m"), KeyError("k")]
for err in errors:
    try:
        raise err
    except (ValueError, TypeError) as e:
        print("value/type", type(e).__name__, e)
    except AppError as e:
        print("app", e)
    except Exception as e:
        print("other", type(e).__name__, e)

class Retry(Exception):
    def __init__(self, attempts):
        super().__init__(attempts)
        self.attempts = attempts

attempt = 0
while True:
    try:
        attempt += 1
        if attempt < 3:
            raise Retry(attempt)
        print("succeeded after", attempt)
        break
    except Retry as r:
        print("retry", r.attempts, r)
print(issubclass(ValidationError, AppError), issubclass(AppError, Exception), issubclass(Exception, BaseException))
print(repr(AppError("x")), repr(ValidationError("a", "b")))
