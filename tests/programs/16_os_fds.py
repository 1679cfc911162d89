# File descriptors, links, modes and owners: what a systems course does with os.
import os
import pwd
import grp
import stat
import shutil
import tempfile
from pathlib import Path

# A pipe: bytes written at one end come out of the other.
r, w = os.pipe()
print(type(r).__name__, r != w, os.get_inheritable(r), os.get_inheritable(w))
print(os.write(w, b"hello through a pipe\n"))
print(os.read(r, 100))

# os.fdopen of a pipe end: a file object over it.
with os.fdopen(w, "w") as out:
    out.write("line one\nline two\n")
with os.fdopen(r) as inp:
    print(inp.read().splitlines())

# dup and dup2 over a file.
with tempfile.TemporaryDirectory() as d:
    p = os.path.join(d, "data.txt")
    fd = os.open(p, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    copy = os.dup(fd)
    print(copy != fd, os.get_inheritable(copy))
    os.write(fd, b"first ")
    os.write(copy, b"second ")
    os.set_inheritable(copy, True)
    print(os.get_inheritable(copy))
    os.close(copy)
    fd2 = os.open(os.devnull, os.O_WRONLY)
    print(os.dup2(fd, fd2) == fd2, os.get_inheritable(fd2))
    os.write(fd2, b"third")
    os.close(fd2)
    os.close(fd)
    with open(p) as f:
        print(f.read())
    try:
        os.close(fd)
    except OSError as e:
        print(type(e).__name__, e)
    try:
        os.dup(fd)
    except OSError as e:
        print(type(e).__name__, e)

    # Modes: umask, mkdir(mode), Path.touch(mode), chmod.
    old = os.umask(0o022)
    os.mkdir(os.path.join(d, "private"), 0o700)
    os.mkdir(os.path.join(d, "open"), 0o777)
    print(oct(stat.S_IMODE(os.stat(os.path.join(d, "private")).st_mode)))
    print(oct(stat.S_IMODE(os.stat(os.path.join(d, "open")).st_mode)))
    t = Path(d) / "touched"
    t.touch(mode=0o640)
    print(oct(t.stat().st_mode & 0o777), stat.filemode(t.stat().st_mode))
    t.chmod(0o600)
    print(oct(t.stat().st_mode & 0o777))
    os.chmod(t, 0o444)
    print(stat.filemode(os.stat(t).st_mode))
    fd = os.open(t, os.O_RDONLY)
    os.fchmod(fd, 0o664)
    os.close(fd)
    print(stat.filemode(t.stat().st_mode))
    t.lchmod(0o640)
    print(stat.filemode(t.stat().st_mode))
    print(hasattr(os, "lchmod"))
    Path(d, "made", "deeper").mkdir(mode=0o750, parents=True)
    print(oct(Path(d, "made", "deeper").stat().st_mode & 0o777))
    print(oct(os.umask(old)))

    # Links: symbolic and hard.
    target = Path(d) / "target.txt"
    target.write_text("the target\n")
    link = Path(d) / "link.txt"
    link.symlink_to("target.txt")
    print(link.is_symlink(), link.read_text(), end="")
    print(os.readlink(link), link.readlink())
    os.symlink("missing", os.path.join(d, "dangling"))
    print(os.path.lexists(os.path.join(d, "dangling")), os.path.exists(os.path.join(d, "dangling")))
    os.link(target, os.path.join(d, "hard.txt"))
    print(os.stat(target).st_nlink, os.path.samefile(target, os.path.join(d, "hard.txt")))
    Path(d, "hard2.txt").hardlink_to(target)
    print(os.stat(target).st_nlink)
    try:
        link.lchmod(0o600)
    except NotImplementedError as e:
        print("NotImplementedError:", e)
    try:
        os.symlink("x", target)
    except FileExistsError as e:
        print(type(e).__name__, e.errno, e.strerror, os.path.basename(e.filename), os.path.basename(e.filename2))
    try:
        os.readlink(target)
    except OSError as e:
        print(type(e).__name__, e.errno, e.strerror)

    # Owners: the ids, the password and group databases.
    uid, gid = os.getuid(), os.getgid()
    print(uid == os.geteuid(), gid == os.getegid())
    me = pwd.getpwuid(uid)
    print(type(me).__name__, me.pw_uid == uid, me == pwd.getpwnam(me.pw_name), len(me))
    print(Path(target).owner() == me.pw_name, Path(target).group() == grp.getgrgid(gid).gr_name)
    root = pwd.getpwnam("root")
    print(root.pw_name, root.pw_uid, root.pw_gid, root.pw_dir)
    g0 = grp.getgrgid(0)
    print(g0.gr_name, g0.gr_gid, type(g0.gr_mem).__name__, g0[2])
    print(pwd.struct_passwd(("ann", "x", 1000, 1000, "Ann", "/home/ann", "/bin/sh")))
    print(grp.struct_group(("staff", "x", 50, ["ann", "bob"])))
    for f, a in [(pwd.getpwuid, 4242424), (pwd.getpwnam, "no such user"),
                 (grp.getgrgid, 4242424), (grp.getgrnam, "no such group"),
                 (pwd.getpwuid, "0")]:
        try:
            f(a)
        except (KeyError, TypeError) as e:
            print(type(e).__name__, e)
    shutil.chown(target, user=uid, group=gid)
    shutil.chown(target, user=me.pw_name)
    print(os.stat(target).st_uid == uid)
    try:
        shutil.chown(target)
    except ValueError as e:
        print("ValueError:", e)
    try:
        shutil.chown(target, user="no such user")
    except LookupError as e:
        print("LookupError:", e)

    # The file system's sizes, the terminal's size.
    usage = shutil.disk_usage(d)
    print(type(usage).__name__, usage._fields, usage.total >= usage.used >= 0, usage.free >= 0)
    st = os.statvfs(d)
    print(type(st).__name__, st.f_frsize > 0, len(st), st.f_blocks == st[2])
    os.environ.pop("COLUMNS", None)
    os.environ.pop("LINES", None)
    print(shutil.get_terminal_size(), shutil.get_terminal_size((100, 40)))
    os.environ["COLUMNS"] = "132"
    print(shutil.get_terminal_size())
    try:
        os.get_terminal_size(1)
    except OSError as e:
        print(type(e).__name__, e)
    print(os.terminal_size((80, 24)).columns)
