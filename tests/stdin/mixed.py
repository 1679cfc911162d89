# input(), sys.stdin.readline/read(n)/iteration/read() taking turns on one stream.
import sys
print(sys.stdin, sys.stdin.name, sys.stdin.mode, sys.stdin.encoding)
name = input("name? ")
print("hello", name)
print(repr(sys.stdin.readline()))
print(repr(sys.stdin.read(5)))
print(repr(input()))
for line in sys.stdin:
    print("line:", repr(line))
    if line.startswith("stop"):
        break
print(repr(sys.stdin.read()))
print(repr(sys.stdin.readline()))
try:
    input()
except EOFError as e:
    print("EOF", e)
