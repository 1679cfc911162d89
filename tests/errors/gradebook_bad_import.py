# A grade book that imports a helper the records module does not define.
import gradebook_records
from gradebook_records import average, passed

print(__name__, gradebook_records.__name__)
for student in sorted(gradebook_records.RECORDS):
    print(student, average(student), passed(student))

try:
    from sys import gradebook
except ImportError as e:
    print("ImportError:", e, "| name:", e.name, "| path:", e.path)

try:
    from gradebook_records import median
except ImportError as e:
    print("ImportError name:", e.name, "| path ends with:", e.path[-21:])

from gradebook_records import median, mode
