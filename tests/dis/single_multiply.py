def make():
    base = 3.14
    def single_multiply():
        global result
        result *= base
    return single_multiply
