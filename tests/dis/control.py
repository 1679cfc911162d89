def classify(xs):
    out = []
    for x in xs:
        if x < 0 and x != -1:
            continue
        elif x > 100:
            break
        try:
            out.append(10 // x)
        except ZeroDivisionError as e:
            out.append(str(e))
        finally:
            pass
    return [y for y in out if y]
