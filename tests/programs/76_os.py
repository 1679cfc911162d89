import os
print(os.name, os.sep, os.cpu_count() >= 1, isinstance(os.getpid(), int))
print(os.path.join("a", "b", "c.py"), os.path.join("/x/", "y"), os.path.join("a", "/b"))
for p in ["a/b/c.txt", "/", "//a", "a/", "c", "a/.hidden", "x.tar.gz", "", "../a/./b//c"]:
    print(repr(p), os.path.split(p), os.path.basename(p), os.path.dirname(p), os.path.splitext(p), os.path.normpath(p))
print(os.path.exists("/"), os.path.isdir("/"), os.path.isfile("/nonexistent"), os.path.isabs("/a"))
print(os.getenv("NO_SUCH_VAR_X", "dflt"), "PATH" in os.environ)
print(os.path.abspath("/a/b/../c"))
