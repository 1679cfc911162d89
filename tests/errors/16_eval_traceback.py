# A student's calculator loop: the last expression divides by zero inside eval.
history = []


def calculate(expression):
    value = eval(expression)
    history.append((expression, value))
    return value


for line in ["6 * 7", "2 ** 0.5", "max(3, 9) - 1", "10 / (5 - 5)"]:
    print(f"{line} -> {calculate(line)}")
