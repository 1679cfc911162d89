# A dict whose keys ignore case, and a dict that counts with __missing__.


class CaseInsensitiveDict(dict):
    def __init__(self, *args, **kwargs):
        super().__init__()
        self.update(*args, **kwargs)

    def __setitem__(self, key, value):
        super().__setitem__(key.lower(), value)

    def __getitem__(self, key):
        return super().__getitem__(key.lower())

    def __delitem__(self, key):
        super().__delitem__(key.lower())

    def __contains__(self, key):
        return super().__contains__(key.lower())

    def get(self, key, default=None):
        return super().get(key.lower(), default)

    def update(self, *args, **kwargs):
        for k, v in dict(*args, **kwargs).items():
            self[k] = v


headers = CaseInsensitiveDict({"Content-Type": "text/html"}, Host="example.com")
headers["X-Request-ID"] = "42"
print(headers)
print(headers["content-type"], headers["HOST"], headers.get("x-request-id"))
print("CONTENT-TYPE" in headers, "Accept" in headers, headers.get("accept", "*/*"))
print(len(headers), sorted(headers), list(headers.values()))
print(isinstance(headers, dict), type(headers).__name__, headers == {"host": "example.com",
      "content-type": "text/html", "x-request-id": "42"})
del headers["HOST"]
print(headers, len(headers))
for key, value in headers.items():
    print(f"{key}: {value}")
try:
    headers["missing"]
except KeyError as e:
    print("KeyError", e)


class Tally(dict):
    def __missing__(self, key):
        return 0

    def add(self, word):
        self[word] += 1

    def most_common(self, n):
        return sorted(self.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


t = Tally()
for w in "the cat and the hat and the bat".split():
    t.add(w)
print(t)
print(t["the"], t["dog"], "dog" in t, t.most_common(2))
print(dict(t) == t, len(t), t.keys() - {"the"} == {"cat", "and", "hat", "bat"})
import json
print(json.dumps(t, sort_keys=True))


class AttrDict(dict):
    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name, value):
        self[name] = value


cfg = AttrDict(debug=True, level=3)
cfg.name = "app"
print(cfg.debug, cfg.level, cfg.name, cfg, hasattr(cfg, "nope"))
print({**cfg, "level": 4}, cfg | {"extra": 1})
