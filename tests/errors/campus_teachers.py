# The other half: teachers need courses.
from campus_courses import COURSES

TEACHERS = {name: "staff" for name in COURSES}
