def handler():
    try:
        pass
    except* OSError as e:
        return e
