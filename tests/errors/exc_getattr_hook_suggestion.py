class Lazy:
    def __init__(self):
        self.value = 1
    def __getattr__(self, name):
        raise AttributeError(f"no {name} here")
Lazy().valu
