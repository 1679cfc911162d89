# A small task runner: every job runs, failures are collected and raised together
# as an ExceptionGroup, and the caller handles each kind of failure with except*.


class JobError(Exception):
    def __init__(self, job, reason):
        super().__init__(f"{job}: {reason}")
        self.job = job
        self.reason = reason


class RetryableError(JobError):
    pass


def fetch(url):
    if "timeout" in url:
        raise TimeoutError(f"timed out fetching {url}")
    if url.startswith("ftp"):
        raise ValueError(f"unsupported scheme in {url}")
    return len(url)


def parse(payload):
    if not payload:
        raise JobError("parse", "empty payload")
    return payload.split(",")


def compute(values):
    return sum(int(v) for v in values) / len(values)


JOBS = [
    ("fetch-home", fetch, "https://example.org"),
    ("fetch-slow", fetch, "https://timeout.example.org"),
    ("fetch-ftp", fetch, "ftp://files.example.org"),
    ("parse-empty", parse, ""),
    ("parse-ok", parse, "1,2,3"),
    ("average", compute, ["4", "8", "x"]),
    ("average-empty", compute, []),
    ("flaky", None, None),
]

attempts = {"flaky": 0}


def run_job(name, fn, arg):
    if fn is None:
        attempts[name] += 1
        if attempts[name] < 3:
            raise RetryableError(name, f"attempt {attempts[name]} failed")
        return "finally worked"
    return fn(arg)


def run_all(jobs):
    results = {}
    errors = []
    for name, fn, arg in jobs:
        try:
            results[name] = run_job(name, fn, arg)
        except Exception as e:
            e.add_note(f"while running job {name!r}")
            errors.append(e)
    if errors:
        raise ExceptionGroup(f"{len(errors)} of {len(jobs)} jobs failed", errors)
    return results


def report(group, indent=0):
    pad = "  " * indent
    print(f"{pad}{type(group).__name__}: {group}")
    for e in group.exceptions:
        if isinstance(e, BaseExceptionGroup):
            report(e, indent + 1)
        else:
            print(f"{pad}  - {type(e).__name__}: {e} {getattr(e, '__notes__', [])}")


for round_no in range(1, 4):
    print(f"--- round {round_no}")
    try:
        out = run_all(JOBS)
    except* RetryableError as eg:
        print("retry later:", [e.job for e in eg.exceptions])
        report(eg)
    except* (TimeoutError, ValueError) as eg:
        print("input problems:", len(eg.exceptions))
        for e in eg.exceptions:
            print("   ", type(e).__name__, "|", e)
    except* ZeroDivisionError as eg:
        print("math:", eg.exceptions)
    except* JobError as eg:
        print("job errors:", [str(e) for e in eg.exceptions])
    else:
        print("all done", out)

# Only the jobs that keep failing: the last round leaves TimeoutError etc.
good = [j for j in JOBS if j[0] in ("fetch-home", "parse-ok", "flaky")]
print(sorted(run_all(good).items()))

# What is not handled goes on as a smaller group.
try:
    try:
        run_all(JOBS[:4])
    except* TimeoutError:
        print("timeouts handled")
except ExceptionGroup as rest:
    print("left over:", repr(rest.message), [type(e).__name__ for e in rest.exceptions])
    print(rest)
