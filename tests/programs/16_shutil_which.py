# Finding programs on the PATH with shutil.which, and making a script executable.
import shutil, os, tempfile
print(shutil.which("sh") is not None, shutil.which("definitely-not-a-command-xyz"))
print(shutil.which("ls", path="/bin:/usr/bin") in ("/bin/ls", "/usr/bin/ls"))
print(shutil.which("ls", path=""))
with tempfile.TemporaryDirectory() as d:
    p = os.path.join(d, "script.sh")
    with open(p, "w") as f:
        f.write("echo hi\n")
    print(shutil.which("script.sh", path=d))
    shutil.copymode("/bin/sh", p)
    print(shutil.which("script.sh", path=d) == p, shutil.which(p) == p)
    print(shutil.which(d))
