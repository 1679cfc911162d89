# os and its helpers under pathlib: stat, scandir, walk, fnmatch, glob, errno, stat constants.
import os, os.path, stat, errno, fnmatch, glob, posixpath

HERE = os.path.dirname(__file__) or "."
WORK = os.path.join(HERE, "_16_os_stat.tmp")
os.makedirs(os.path.join(WORK, "sub", "deeper"), exist_ok=True)
for name, text in [("a.txt", "alpha\n"), ("b.py", "print('b')\n"), ("sub/c.txt", "gamma!\n"),
                   ("sub/deeper/d.TXT", "delta\n")]:
    with open(os.path.join(WORK, name), "w") as f:
        f.write(text)

st = os.stat(os.path.join(WORK, "a.txt"))
print(type(st).__name__, type(st).__module__, st.st_size, st[6], len(st))
print(stat.S_ISREG(st.st_mode), stat.S_ISDIR(st.st_mode), stat.filemode(st.st_mode)[0])
print(isinstance(st.st_mtime, float), isinstance(st[8], int), st.st_mtime_ns // 10**9 == st[8])
print(stat.S_ISDIR(os.lstat(WORK).st_mode), os.path.isdir(WORK), os.path.isfile(WORK))
with os.scandir(WORK) as it:
    entries = sorted(it, key=lambda e: e.name)
print(entries)
print([(e.name, e.is_dir(), e.is_file(), e.is_symlink()) for e in entries])
print([os.path.relpath(e.path, WORK) for e in entries], os.fspath(entries[0]) == entries[0].path)
print(sorted(e.stat().st_size for e in os.scandir(WORK) if e.is_file()))
for root, dirs, files in sorted(os.walk(WORK)):
    print(os.path.relpath(root, WORK), sorted(dirs), sorted(files))
print([os.path.relpath(r, WORK) for r, d, f in os.walk(WORK, topdown=False) if not d])
print(fnmatch.fnmatch("data.csv", "*.csv"), fnmatch.fnmatch("Data.CSV", "*.csv"),
      fnmatch.fnmatchcase("Data.CSV", "*.csv"), fnmatch.filter(["a.py", "b.txt", "c.py"], "*.py"))
print(fnmatch.translate("*.t?t"), fnmatch.fnmatch("x1", "x[0-9]"), fnmatch.fnmatch("xa", "x[!0-9]"))
print(sorted(os.path.relpath(p, WORK) for p in glob.glob(os.path.join(WORK, "*.txt"))))
print(sorted(os.path.relpath(p, WORK) for p in glob.glob(os.path.join(WORK, "**", "*.txt"), recursive=True)))
print(sorted(glob.glob("*.py", root_dir=WORK)), glob.escape("a[b]*?"), glob.has_magic("a*"))
print(errno.ENOENT, errno.EEXIST, errno.errorcode[2], os.sep, os.path.sep, os.curdir, os.pardir)
print(os.path.join("a", "b", "c.txt"), os.path.split("/x/y/z.txt"), os.path.splitext("arch.tar.gz"))
print(os.path.basename("/x/y/"), os.path.dirname("/x/y/z"), os.path.normpath("a/./b/../c//d"))
print(os.path.commonpath(["/a/b/c", "/a/b/d"]), os.path.commonprefix(["interview", "internet"]))
print(os.path.relpath("/a/b/c", "/a/d"), os.path.isabs("/q"), os.path.exists(WORK))
print(os.path.splitext(".bashrc"), os.path.splitext("a/.b.c"))
print(os.path.abspath("x") == os.path.join(os.getcwd(), "x"), os.path.islink(WORK))
print(os.path is posixpath, os.path.__name__, os.stat_result.__name__, os.DirEntry.__module__)
old = os.getcwd()
os.chdir(WORK)
print(sorted(os.listdir()), os.path.basename(os.getcwd()), sorted(glob.glob("*")))
os.chdir(old)
print(os.getcwd() == old)
try:
    os.stat(os.path.join(WORK, "nope"))
except FileNotFoundError as e:
    print("FileNotFoundError", e.errno, e.strerror, os.path.basename(e.filename))
try:
    os.chdir(os.path.join(WORK, "a.txt"))
except NotADirectoryError as e:
    print("NotADirectoryError", e.errno, e.strerror)
os.replace(os.path.join(WORK, "a.txt"), os.path.join(WORK, "b.py"))
print(sorted(os.listdir(WORK)))
for root, dirs, files in os.walk(WORK, topdown=False):
    for f in files:
        os.remove(os.path.join(root, f))
    os.rmdir(root)
print(os.path.exists(WORK))
