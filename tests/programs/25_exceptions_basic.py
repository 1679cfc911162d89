def divide(a, b):
    try:
        result = a / b
    except ZeroDivisionError:
        print("cannot divide by zero")
        return None
    else:
        print("division ok")
        return result
    finally:
        print("finally runs")

print(divide(6, 3))
print(divide(1, 0))

try:
    int("abc")
except (TypeError, ValueError) as e:
    print("caught", type(e).__name__)

try:
    [1, 2][5]
except IndexError as e:
    print("IndexError:", e)
except Exception:
    print("not here")

try:
    raise ValueError("custom message")
except ValueError as e:
    print(e, e.args, repr(e))

try:
    try:
        raise KeyError("inner")
    finally:
        print("inner finally")
except KeyError as e:
    print("outer caught", e)

def reraise():
    try:
        1 / 0
    except ZeroDivisionError:
        print("logging and re-raising")
        raise

try:
    reraise()
except ZeroDivisionError as e:
    print("re-raised:", e)

for i in range(3):
    try:
        if i == 1:
            continue
        print("body", i)
    finally:
        print("finally", i)

def early():
    try:
        return "try value"
    finally:
        print("finally before return")

print(early())
try:
    raise TypeError
except TypeError as e:
    print("bare class raise:", repr(e), str(e) == "")
e_saved = None
try:
    raise RuntimeError("saved")
except RuntimeError as err:
    e_saved = err
print(e_saved, isinstance(e_saved, Exception))
try:
    raise KeyboardInterrupt
except KeyboardInterrupt:
    print("KeyboardInterrupt caught")
print(isinstance(KeyboardInterrupt(), Exception), isinstance(KeyboardInterrupt(), BaseException))
try:
    print("no exception")
except Exception:
    print("never")
else:
    print("else clause")
