# Nested exception groups from a service shutdown: each subsystem stops its workers and
# reports the failures as a group; the supervisor groups the subsystems. Splitting keeps
# the structure and copies cause, context and notes to every part.


class ShutdownError(Exception):
    pass


def stop_worker(subsystem, n):
    if (n + len(subsystem)) % 3 == 0:
        raise TimeoutError(f"{subsystem}/worker-{n} did not stop")
    if n == 2 and subsystem == "cache":
        raise ConnectionResetError(f"{subsystem}/worker-{n} lost its connection")
    return f"{subsystem}/worker-{n}"


def stop_subsystem(name, workers):
    stopped, failures = [], []
    for n in range(workers):
        try:
            stopped.append(stop_worker(name, n))
        except OSError as e:
            failures.append(e)
    if failures:
        try:
            {}["flush-" + name]
        except KeyError as pending:
            g = ExceptionGroup(f"{name}: {len(failures)} worker(s) failed", failures)
            g.add_note(f"{len(stopped)} stopped cleanly")
            raise g from pending
    return stopped


def shutdown(plan):
    groups = []
    for name, workers in plan:
        try:
            print("stopped", stop_subsystem(name, workers))
        except ExceptionGroup as g:
            groups.append(g)
    if groups:
        try:
            raise ShutdownError("cleanup")
        except ShutdownError:
            raise ExceptionGroup("shutdown incomplete", groups)


PLAN = [("db", 4), ("cache", 3), ("web", 2), ("queue", 5)]

try:
    shutdown(PLAN)
except ExceptionGroup as top:
    caught = top

print(caught)
print("context:", repr(caught.__context__), "cause:", caught.__cause__)


def tree(e, depth=0):
    pad = "    " * depth
    if isinstance(e, BaseExceptionGroup):
        notes = getattr(e, "__notes__", None)
        print(f"{pad}{e.message!r} cause={e.__cause__!r} notes={notes}")
        for sub in e.exceptions:
            tree(sub, depth + 1)
    else:
        print(f"{pad}{type(e).__name__}: {e}")


tree(caught)

timeouts, rest = caught.split(TimeoutError)
print("--- timeouts")
tree(timeouts)
print("--- rest")
tree(rest)
print("parts keep the top's context:", timeouts.__context__ is caught.__context__, rest.__context__ is caught.__context__)
print("and suppress it:", caught.__suppress_context__, timeouts.__suppress_context__)
inner = caught.exceptions[0]
part = inner.subgroup(TimeoutError)
print("inner part cause is the original:", part.__cause__ is inner.__cause__)
print("notes are copied, not shared:", part.__notes__ == inner.__notes__, part.__notes__ is inner.__notes__)
part.add_note("only on the part")
print(inner.__notes__, part.__notes__)

# Handling the nested groups with except*: each clause gets the same tree, pruned.
try:
    shutdown(PLAN)
except* ConnectionResetError as eg:
    print("resets:", [str(e) for g in eg.exceptions for e in g.exceptions])
except* TimeoutError as eg:
    print("timeouts per subsystem:", [(g.message, len(g.exceptions)) for g in eg.exceptions])

# A deep chain of groups, cut by a predicate on the leaves.
def deep(n):
    if n == 0:
        return [ValueError("bottom"), KeyError("side")]
    return [ExceptionGroup(f"level {n}", deep(n - 1)), IndexError(n)]


d = ExceptionGroup("deep", deep(4))
values = d.subgroup(lambda e: isinstance(e, ValueError))
level = values
while isinstance(level, BaseExceptionGroup):
    print(level.message, len(level.exceptions))
    level = level.exceptions[0]
print(repr(level))
odd = d.subgroup(lambda e: isinstance(e, IndexError) and e.args[0] % 2 == 1)
print(repr(odd))
