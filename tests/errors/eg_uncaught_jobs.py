# A batch of jobs whose failures are raised together and not handled.


def job(n):
    if n % 3 == 0:
        raise ValueError(f"job {n}: bad input")
    if n % 3 == 1:
        return {"n": n}["missing"]
    return n


def run(jobs):
    errors = []
    for n in jobs:
        try:
            job(n)
        except Exception as e:
            errors.append(e)
    if errors:
        raise ExceptionGroup("some jobs failed", errors)


print("starting")
run(range(5))
