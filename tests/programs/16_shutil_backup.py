# Backing up a project folder: copy, copytree, move, rmtree.
import os
import shutil
import tempfile

def tree(top):
    for root, dirs, files in os.walk(top):
        dirs.sort()
        rel = os.path.relpath(root, top)
        for name in sorted(files):
            path = os.path.join(root, name)
            with open(path) as f:
                print(" ", os.path.join(rel, name), repr(f.read()))

with tempfile.TemporaryDirectory() as tmp:
    os.chdir(tmp)
    os.makedirs("project/src")
    os.makedirs("project/data")
    with open("project/src/main.py", "w") as f:
        f.write("print('hi')\n")
    with open("project/data/scores.txt", "w") as f:
        f.write("ann 90\nbob 85\n")
    with open("project/notes.log", "w") as f:
        f.write("log\n")

    print(shutil.copyfile("project/src/main.py", "main_copy.py"))
    print(shutil.copy("project/data/scores.txt", "project"))
    print(shutil.copy2("project/notes.log", "notes2.log"))
    print(os.path.getmtime("notes2.log") == os.path.getmtime("project/notes.log"))

    print(shutil.copytree("project", "backup"))
    tree("backup")
    print(shutil.copytree("project", "backup2", ignore=shutil.ignore_patterns("*.log", "data")))
    tree("backup2")
    shutil.copytree("project", "backup2", dirs_exist_ok=True)
    print(sorted(os.listdir("backup2")))

    print(shutil.move("main_copy.py", "backup"))
    print(shutil.move("notes2.log", "renamed.log"))
    print(shutil.move("backup2", "archive"))
    print(sorted(os.listdir(".")))

    try:
        shutil.copyfile("renamed.log", "renamed.log")
    except shutil.SameFileError as e:
        print(type(e).__name__, e)
    try:
        shutil.copyfile("missing.txt", "x.txt")
    except FileNotFoundError as e:
        print(type(e).__name__, e)
    for src, dst in [("renamed.log", "project"), ("project", "x.txt"), ("renamed.log", "nodir/")]:
        try:
            shutil.copyfile(src, dst)
        except OSError as e:
            print(type(e).__name__, e)
    print(os.path.exists("x.txt"))
    try:
        shutil.copytree("project", "backup")
    except FileExistsError as e:
        print(type(e).__name__, e)
    try:
        shutil.move("archive", "backup")
        shutil.copytree("project", "archive")
        shutil.move("archive", "backup")
    except shutil.Error as e:
        print(type(e).__name__, e)
    try:
        shutil.rmtree("nothing_here")
    except FileNotFoundError as e:
        print(type(e).__name__, e)
    shutil.rmtree("nothing_here", ignore_errors=True)
    errors = []
    shutil.rmtree("nothing_here", onerror=lambda f, p, e: errors.append((f.__name__, p, e[0].__name__)))
    print(errors)

    shutil.rmtree("backup")
    shutil.rmtree("archive")
    print(sorted(os.listdir(".")))
    os.chdir("/")
print(issubclass(shutil.Error, OSError), issubclass(shutil.SameFileError, shutil.Error))
