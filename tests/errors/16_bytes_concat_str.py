# bytes and str do not mix: the uncaught TypeError and its caret (the caught ones are in
# tests/programs/16_bytes_str_mixups.py).
data = "héllo".encode("utf-8")
text = " world"
print(data, len(data), data.decode())
print(data + text)
