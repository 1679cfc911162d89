TRANSITIONS = {
    ("locked", "coin"): "unlocked",
    ("locked", "push"): "locked",
    ("unlocked", "push"): "locked",
    ("unlocked", "coin"): "unlocked",
}

class Turnstile:
    def __init__(self):
        self.state = "locked"
        self.coins = 0
        self.passes = 0

    def handle(self, event):
        key = (self.state, event)
        if key not in TRANSITIONS:
            raise ValueError(f"bad event {event!r} in state {self.state!r}")
        new = TRANSITIONS[key]
        if event == "coin":
            self.coins += 1
        if self.state == "unlocked" and event == "push":
            self.passes += 1
        self.state = new
        return new

t = Turnstile()
for ev in ["push", "coin", "coin", "push", "push", "coin", "kick", "push"]:
    try:
        print(f"{ev:>5} -> {t.handle(ev)}")
    except ValueError as e:
        print("error:", e)
print("coins", t.coins, "passes", t.passes)

def parse_number(s):
    state = "start"
    for ch in s:
        if state == "start":
            state = "sign" if ch in "+-" else "int" if ch.isdigit() else "error"
        elif state in ("sign", "int"):
            if ch.isdigit():
                state = "int"
            elif ch == "." and state == "int":
                state = "dot"
            else:
                state = "error"
        elif state in ("dot", "frac"):
            state = "frac" if ch.isdigit() else "error"
        if state == "error":
            return False
    return state in ("int", "frac")

for s in ["42", "-3.14", "+", "1.", ".5", "12a", "007", "-0.001"]:
    print(repr(s), parse_number(s))
