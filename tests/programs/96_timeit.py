# timeit with callables: only deterministic facts are printed
import timeit

calls = 0


def work():
    global calls
    calls += 1
    return sum(range(10))


t = timeit.timeit(work, number=1000)
print(type(t).__name__, t >= 0.0, calls)
r = timeit.repeat(work, repeat=3, number=100)
print(type(r).__name__, len(r), all(x >= 0.0 for x in r), calls)
t2 = timeit.timeit(stmt=lambda: None, number=10)
print(t2 >= 0.0)
setup_ran = []
timer = timeit.Timer(stmt=work, setup=lambda: setup_ran.append(1))
print(timer.timeit(number=5) >= 0.0, len(setup_ran), calls)
print(timeit.default_timer() >= 0.0, callable(timeit.default_timer))
print(timeit.timeit(number=100) >= 0.0)
start = timeit.default_timer()
end = timeit.default_timer()
print(end >= start)
print(min(timeit.repeat(lambda: 2 ** 10, number=50, repeat=2)) >= 0.0)
