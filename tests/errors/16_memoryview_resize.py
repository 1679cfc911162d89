# A function that keeps a view of its buffer and then tries to grow the buffer: the
# uncaught BufferError, raised inside the function, and its traceback.
def fill(buf):
    view = memoryview(buf)
    view[:2] = b"ok"
    print(bytes(view), view.nbytes)
    buf.extend(b" and more")


fill(bytearray(4))
