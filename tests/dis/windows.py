import threading

counter = 0
lock = threading.Lock()


def one():
    return 1


def plain():
    global counter
    for _ in range(10):
        counter += 1


def with_call():
    global counter
    for _ in range(10):
        counter = counter + one()


def check_then_act(acct, amount):
    if acct.balance >= amount:
        one()
        acct.balance -= amount


def locked():
    global counter
    with lock:
        counter = counter + one()
