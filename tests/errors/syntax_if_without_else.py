x = 1
y = "big" if x > 10
