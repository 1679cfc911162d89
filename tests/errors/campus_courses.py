# Half of a circular import (see campus_circular_import.py): courses need teachers.
from campus_teachers import TEACHERS

COURSES = {"CS101": "Intro", "MATH200": "Calculus"}
print("courses loaded", len(TEACHERS))
