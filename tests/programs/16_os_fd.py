# Low-level file descriptors, as an operating-systems course shows them: os.open with flags
# and a mode, os.write/os.read/os.lseek/os.fstat/os.close, and turning a descriptor into a
# file object with os.fdopen or open(fd).
import os
import stat
import tempfile

with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "log.txt")

    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o640)
    print(type(fd).__name__, fd > 2)
    print(os.write(fd, b"first line\n"))
    print(os.write(fd, "second line\n".encode()))
    print(os.lseek(fd, 0, os.SEEK_CUR))
    info = os.fstat(fd)
    print(info.st_size, stat.S_ISREG(info.st_mode), oct(stat.S_IMODE(info.st_mode) & 0o600))
    os.close(fd)

    fd = os.open(path, os.O_RDONLY)
    print(os.read(fd, 5))
    print(os.read(fd, 100))
    print(os.read(fd, 100))
    print(os.lseek(fd, 6, os.SEEK_SET), os.read(fd, 4))
    print(os.lseek(fd, -5, os.SEEK_END), os.read(fd, 10))
    os.close(fd)

    # Appending with O_APPEND: writes go to the end whatever the position.
    fd = os.open(path, os.O_WRONLY | os.O_APPEND)
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, b"third line\n")
    os.close(fd)
    with open(path) as f:
        print(f.read(), end="")

    # O_EXCL: create only if it does not exist yet.
    try:
        os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL)
    except FileExistsError as e:
        print("FileExistsError:", e.errno, e.strerror, os.path.basename(e.filename))
    try:
        os.open(os.path.join(tmp, "nope.txt"), os.O_RDONLY)
    except FileNotFoundError as e:
        print("FileNotFoundError:", e.errno, e.strerror)

    # A descriptor made into a file object.
    fd = os.open(path, os.O_RDONLY)
    with os.fdopen(fd) as f:
        print(type(f).__name__, f.name == fd, f.mode)
        print(f.readline(), end="")
        print(f.readlines())
    try:
        os.close(fd)
    except OSError as e:
        print("OSError:", e)

    out = os.path.join(tmp, "out.bin")
    fd = os.open(out, os.O_RDWR | os.O_CREAT, 0o600)
    with open(fd, "wb") as f:
        print(repr(f) == "<_io.BufferedWriter name=%d>" % fd)
        f.write(b"\x00\x01\x02")
    print(os.path.getsize(out))

    fd = os.open(out, os.O_RDWR)
    f = os.fdopen(fd, "r+b")
    print(f.read(), f.fileno() == fd)
    f.seek(1)
    f.write(b"\xff")
    f.close()
    with open(out, "rb") as f:
        print(f.read())

    fd = os.open(out, os.O_WRONLY | os.O_TRUNC)
    with os.fdopen(fd, "w") as f:
        f.write("text through a descriptor\n")
        f.write("line 2\n")
    with open(out) as f:
        print(f.read(), end="")

    # closefd=False leaves the descriptor open.
    fd = os.open(out, os.O_RDONLY)
    with open(fd, "rb", closefd=False) as f:
        print(f.read(4))
    print(os.read(fd, 5))
    os.close(fd)

    # The mistakes.
    for bad in (
        lambda: os.close(fd),
        lambda: os.read(fd, 1),
        lambda: os.write(fd, b"x"),
        lambda: os.fstat(fd),
    ):
        try:
            bad()
        except OSError as e:
            print(type(e).__name__, e.errno, e.strerror)
    fd = os.open(out, os.O_WRONLY)
    try:
        os.write(fd, "not bytes")
    except TypeError as e:
        print("TypeError:", e)
    try:
        os.read(fd, 1)
    except OSError as e:
        print("OSError:", e)
    os.close(fd)
    try:
        os.fdopen("3")
    except TypeError as e:
        print("TypeError:", e)
    try:
        open(out, "rb", closefd=False)
    except ValueError as e:
        print("ValueError:", e)
print("done")
