# Reads "name score score ..." lines from standard input (e.g. `cat grades.txt | python3
# grades.py`) and prints each student's average and the class report.
import sys

header = sys.stdin.readline().strip()
print("course:", header)
students = {}
for line in sys.stdin:
    line = line.strip()
    if not line or line.startswith("#"):
        continue
    if line == "END":
        break
    name, *scores = line.split()
    students[name] = [int(s) for s in scores]

for name, scores in students.items():
    avg = sum(scores) / len(scores)
    print(f"{name:<8} {len(scores)} scores, average {avg:6.2f}")
best = max(students, key=lambda n: sum(students[n]) / len(students[n]))
print("best:", best)
comment = input("comment? ")
print("comment was:", repr(comment))
print("rest:", repr(sys.stdin.read()))
print("at end:", repr(sys.stdin.readline()), repr(sys.stdin.read()))
try:
    input()
except EOFError as e:
    print("EOFError:", e)
