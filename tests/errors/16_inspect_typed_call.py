# A type-checking decorator built on inspect.signature: the bad call ends the program.
import inspect
from pathlib import Path


def typed(func):
    sig = inspect.signature(func)

    def wrapper(*args, **kwargs):
        bound = sig.bind(*args, **kwargs)
        for name, value in bound.arguments.items():
            ann = sig.parameters[name].annotation
            if ann is not inspect.Parameter.empty and not isinstance(value, ann):
                raise TypeError(f"{name} must be {ann.__name__}, not {type(value).__name__}")
        return func(*args, **kwargs)
    return wrapper


@typed
def save(path: Path, text: str) -> int:
    return len(text)


print(save(Path("notes.txt"), "hello"))
print(save("notes.txt", "hello"))
