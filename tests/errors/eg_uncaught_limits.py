# Wide and deep groups are cut where CPython cuts them (15 wide, 10 deep).


def nest(depth):
    if depth == 0:
        return ValueError("deepest")
    return ExceptionGroup(f"depth {depth}", [nest(depth - 1), IndexError(depth)])


wide = ExceptionGroup("wide", [KeyError(i) for i in range(20)])
raise ExceptionGroup("limits", [wide, nest(12)])
