# A campus directory whose two modules import each other.
print("loading the campus")
import campus_courses
print("never printed")
