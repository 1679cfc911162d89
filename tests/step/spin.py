# Runs until stopped: Ctrl-C in the stepper comes back to its prompt.
n = 0
while True:
    n += 1
