# Bytes and str literals cannot be joined.
header = (b"GIF89a"
          "extra")
