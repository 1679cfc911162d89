# A typed configuration: NamedTuple records and a Generic registry.
from typing import NamedTuple, Generic, TypeVar, Optional, Dict, List, Protocol


class Endpoint(NamedTuple):
    host: str
    port: int = 8080
    tls: bool = False

    @property
    def url(self):
        scheme = "https" if self.tls else "http"
        return f"{scheme}://{self.host}:{self.port}"

    def with_port(self, port):
        return self._replace(port=port)


class Limits(NamedTuple):
    max_conn: int
    timeout: float


api = Endpoint("api.example.com", 443, True)
db = Endpoint("localhost")
print(api, db, api.url, db.url, db.with_port(5432))
print(api == ("api.example.com", 443, True), isinstance(api, tuple), len(api), api[0])
print(Endpoint._fields, Endpoint._field_defaults, Endpoint.__annotations__)
host, port, tls = db
print(host, port, tls, db._asdict(), Limits(10, 2.5), Limits._make([1, 0.5]))
print(sorted([api, db]), {api: 1}[("api.example.com", 443, True)])

T = TypeVar("T")


class Registry(Generic[T]):
    def __init__(self) -> None:
        self._items: Dict[str, T] = {}

    def register(self, name: str, item: T) -> T:
        if name in self._items:
            raise KeyError(f"{name} already registered")
        self._items[name] = item
        return item

    def get(self, name: str) -> Optional[T]:
        return self._items.get(name)

    def names(self) -> List[str]:
        return sorted(self._items)


endpoints: Registry[Endpoint] = Registry[Endpoint]()
endpoints.register("api", api)
endpoints.register("db", db)
print(endpoints.names(), endpoints.get("db"), endpoints.get("cache"))
try:
    endpoints.register("api", api)
except KeyError as e:
    print("KeyError:", e)


class Pair(Generic[T]):
    def __init__(self, first: T, second: T):
        self.first, self.second = first, second

    def swap(self) -> "Pair[T]":
        return Pair(self.second, self.first)

    def __repr__(self):
        return f"Pair({self.first!r}, {self.second!r})"


print(Pair(1, 2).swap(), Pair[str]("a", "b"), isinstance(Pair(1, 2), Pair))


class Closeable(Protocol):
    def close(self) -> None: ...


class Conn:
    def __init__(self, name):
        self.name = name

    def close(self) -> None:
        print("closing", self.name)


def shutdown(items: List[Closeable]) -> int:
    for item in items:
        item.close()
    return len(items)


print(shutdown([Conn("a"), Conn("b")]))
Color = NamedTuple("Color", [("r", int), ("g", int), ("b", int)])
print(Color(255, 128, 0), Color._fields, Color(1, 2, 3)._replace(b=9))
