def is_answer(n):
    return n is 42

answer = 40 + 2
if answer is not "42":
    print("not the string")
print(is_answer(answer))
