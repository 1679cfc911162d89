# str subclasses: a tag with extra behaviour, used as a dict key and joined like a str.


class Tag(str):
    def __new__(cls, value):
        return super().__new__(cls, value.strip().lower())

    def slug(self):
        return self.replace(" ", "-")

    def __repr__(self):
        return f"Tag({str.__repr__(self)})"


tags = [Tag("  Python "), Tag("Data Science"), Tag("python")]
print(tags)
print(tags[0] == tags[2], tags[0] == "python", tags[0] is tags[2], len(tags[1]))
print([t.slug() for t in tags], tags[1].upper(), tags[1].title(), tags[1].split())
print(", ".join(tags), " | ".join(sorted(set(tags))))
print(isinstance(tags[0], str), type(tags[0]).__name__, str(tags[0]), type(str(tags[0])).__name__)
print(tags[1][0], tags[1][-7:], "sci" in tags[1], tags[0] + "!", "#" + tags[0], tags[0] * 2)
counts = {}
for t in tags:
    counts[t] = counts.get(t, 0) + 1
print(counts, counts["python"], "python" in counts)
print(f"{tags[0]}", f"{tags[0]:>10}|", "%s/%r" % (tags[0], tags[0]), format(tags[0], "^10"))
print(tags[0] < tags[1], max(tags), hash(tags[0]) == hash("python"))
for ch in Tag("ABC"):
    print(ch, end=" ")
print()


class Path(str):
    def __truediv__(self, other):
        return Path(self.rstrip("/") + "/" + other)

    @property
    def name(self):
        return self.rsplit("/", 1)[-1]


p = Path("/home") / "user" / "notes.txt"
print(p, repr(p), type(p).__name__, p.name, p.endswith(".txt"), p.startswith("/home"))
print(p.count("/"), p.find("user"), p.partition("/user"), len(p))
