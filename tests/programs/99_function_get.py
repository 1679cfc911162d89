# function.__get__: the descriptor protocol a course shows by hand.
def area(self):
    return self.w * self.h


class Rect:
    def __init__(self, w, h):
        self.w = w
        self.h = h


r = Rect(3, 4)
bound = area.__get__(r, Rect)
print(bound(), bound.__self__ is r, bound.__func__ is area)
print(area.__get__(r)())
print(area.__get__(None, Rect) is area)
print(hasattr(area, "__get__"), "__get__" in dir(area))
Rect.area = area
print(Rect.area is area, r.area())
for args in [(), (None,), (None, None), (1, 2, 3)]:
    try:
        area.__get__(*args)
    except TypeError as e:
        print("TypeError:", e)
try:
    area.__get__(obj=r)
except TypeError as e:
    print("TypeError:", e)
