log = []

def risky(n):
    log.append(f"enter {n}")
    try:
        if n == 0:
            raise ValueError("zero")
        if n == 1:
            return "one"
        if n == 2:
            raise KeyError("two")
        log.append("no error")
    except ValueError as e:
        log.append(f"handled {e}")
        return "recovered"
    else:
        log.append("else")
    finally:
        log.append(f"finally {n}")
    return "end"

for n in range(4):
    try:
        print(n, risky(n))
    except KeyError as e:
        print(n, "KeyError escaped", e)
print(log)

def finally_overrides():
    try:
        return "try"
    finally:
        return "finally"

print(finally_overrides())

def nested():
    try:
        try:
            raise TypeError("inner")
        except TypeError as e:
            raise ValueError("middle") from e
        finally:
            print("inner finally")
    except ValueError as e:
        print("caught", e, "caused by", repr(e.__cause__))
        return "done"

print(nested())

def loop_with_errors():
    results = []
    for x in [1, 0, "a", 4, None]:
        try:
            results.append(10 // x)
        except ZeroDivisionError:
            results.append("div0")
            continue
        except TypeError as e:
            results.append(type(e).__name__)
            if x is None:
                break
        finally:
            results.append("|")
    return results

print(loop_with_errors())
try:
    try:
        raise ValueError("a")
    except ValueError:
        raise
except ValueError as e:
    print("bare raise keeps", repr(e))
e_outside = "unset"
try:
    raise RuntimeError("x")
except RuntimeError as e:
    e_outside = e
print(repr(e_outside))
class Cleanup:
    def __enter__(self):
        return self
    def __exit__(self, t, v, tb):
        print("cleanup saw", t.__name__ if t else None)
        return t is KeyError
for exc in [None, KeyError("k"), IndexError("i")]:
    try:
        with Cleanup():
            if exc:
                raise exc
            print("body ok")
        print("after with")
    except IndexError as e:
        print("escaped", repr(e))
