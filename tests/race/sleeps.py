import time
print("started")
time.sleep(60)
print("never")
