# Paths as a course teaches them: building, taking apart, comparing.
from pathlib import Path, PurePath, PurePosixPath, PosixPath
import os

p = PurePosixPath("/home/ada/projects/report.final.tar.gz")
print(p, repr(p))
print(p.name, p.stem, p.suffix, p.suffixes)
print(p.parent, p.parent.parent, list(p.parents)[:3])
print(p.parts, p.anchor, p.root, p.drive)
print(p.with_name("notes.txt"), p.with_suffix(".zip"), p.with_stem("draft"))
print(p.relative_to("/home/ada"), p.is_absolute(), PurePosixPath("a/b").is_absolute())
q = PurePosixPath("docs") / "ch1" / "intro.md"
print(q, q.joinpath("x", "y"), "/etc" / PurePosixPath("hosts"))
print(q.match("*.md"), q.match("ch1/*.md"), q.match("/*.md"), q.match("docs/**/*.md"))
print(PurePath("a/b") == PurePosixPath("a/b"), PurePath("a//b/./c"), PurePath("a/../b"))
print(sorted([PurePosixPath("b"), PurePosixPath("a/z"), PurePosixPath("a")]))
print(len({PurePosixPath("x/y"), PurePosixPath("x//y"), PurePosixPath("x/y/")}))
print(PurePosixPath("a") < PurePosixPath("b"), hash(PurePosixPath("a")) == hash(PurePosixPath("a")))
print(str(Path("x") / "y"), type(Path("x")).__name__, isinstance(Path("."), PosixPath))
print(os.fspath(Path("a/b")), os.fspath("s"), isinstance(Path("a"), os.PathLike))
print(Path("~").expanduser() == Path.home(), Path.cwd() == Path(os.getcwd()))
print(PurePosixPath(), PurePosixPath(""), PurePosixPath("."), repr(Path("a")))
print(p.as_posix(), PurePosixPath("/a b").as_uri())
try:
    p.relative_to("/usr")
except ValueError as e:
    print("ValueError:", e)
try:
    PurePosixPath("a").with_suffix("txt")
except ValueError as e:
    print("ValueError:", e)
try:
    PurePosixPath("/").with_name("x")
except ValueError as e:
    print("ValueError:", e)
try:
    Path("a") / 3
except TypeError as e:
    print("TypeError:", e)
print(list(PurePosixPath("a/b/c").parents), PurePosixPath("a/b/c").parents[1])
print(PurePosixPath("a/b").parents[-1])
