# Sorting complex numbers by value: a course's first surprise with complex.
import cmath


class Signal:
    def __init__(self, name, amplitude, phase_deg):
        self.name = name
        self.value = cmath.rect(amplitude, cmath.pi * phase_deg / 180)

    def __repr__(self):
        return f"Signal({self.name!r}, {self.value:.3f})"


signals = [Signal("a", 2, 30), Signal("b", 1, 90), Signal("c", 3, -45)]
total = sum(s.value for s in signals)
print("total:", f"{total:.4f}", "magnitude:", round(abs(total), 6))
print(sorted(signals, key=lambda s: abs(s.value)))
print(sorted(s.value for s in signals))
