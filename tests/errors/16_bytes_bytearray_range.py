# A bytearray holds bytes: extending it with an int past 255 fails (the whole program that
# builds packets is tests/programs/16_bytes_bytearray_packets.py).
ba = bytearray(b"\xca\xfe")
ba.append(7)
ba += bytes([1, 2])
print(ba, len(ba), ba.hex(" "))
ba.extend([1, 2, 256])
