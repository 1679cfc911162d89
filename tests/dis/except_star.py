def handle(job):
    try:
        job()
    except* ValueError as eg:
        print(eg.exceptions)
    except* (TypeError, KeyError):
        raise RuntimeError("bad job")
