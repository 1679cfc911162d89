# A loop that swallows every exception: only an uncatchable stop ends it.
print("spinning")
n = 0
while True:
    try:
        n += 1
    except BaseException:
        pass
