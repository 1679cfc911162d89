# Runs until stopped: Ctrl-C in the stepper comes back to its prompt.
n = 0
while True:
    n += 1
    if n == 1000:
        print("spinning", flush=True)
