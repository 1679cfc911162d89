def work():
    try:
        print("working")
        return int("not a number")
    finally:
        print("cleanup in finally")


work()
