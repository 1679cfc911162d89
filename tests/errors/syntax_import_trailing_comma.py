from math import sqrt, pi,
print(sqrt(pi))
