# os's functions given something that is not a path: CPython's messages, per function.
import os
for f in ('stat','lstat','remove','unlink','rename','replace','mkdir','rmdir','chdir','readlink','utime','listdir','scandir'):
    fn=getattr(os,f)
    try:
        fn(1.5, 'x') if f in ('rename','replace') else fn(1.5)
    except TypeError as e: print(f, '|', e)
try: os.rename('a', 1.5)
except TypeError as e: print(e)
print(len(os.listdir()) == len(os.listdir(None)) == len(list(os.scandir())))
class Bad:
    def __fspath__(self): return 3
try: os.stat(Bad())
except TypeError as e: print(e)
