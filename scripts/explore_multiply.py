import threading

power = 3
base = 3.14
result = 1.0

def single_multiply():
    global result
    result *= base

threads = []
for _ in range(power):
    thread = threading.Thread(target=single_multiply)
    thread.start()
    threads.append(thread)

for thread in threads:
    thread.join()

ref_result = 1.0
for _ in range(power):
    ref_result *= base

print("Result = " + str(result))
print("Ref Result = " + str(ref_result))
