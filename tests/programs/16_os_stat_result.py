# os.stat_result made by hand, as a course's mock file system does; stat's mode helpers.
import os, stat
print(os.stat_result, os.DirEntry, type(os.scandir(".")).__name__, os.PathLike)
s = os.stat_result((33188, 1, 2, 1, 0, 0, 10, 100, 200, 300))
print(s)
print(s.st_atime, s.st_mtime, s[7], s.st_size, s.st_blksize if hasattr(s, "st_blksize") else "-")
try:
    s.st_size = 3
except AttributeError as e:
    print("AttributeError:", e)
print(stat.filemode(0o100644), stat.filemode(0o40755), stat.S_IMODE(0o100644) == 0o644)
