for attempt in range(3):
    try:
        print(attempt)
    except* ValueError:
        break
