first = "Ann"
last = "Lee"
print(first "and" last)
