"""hashlib: md5, sha1, sha224, sha256, sha384 and sha512 over the native _hashlib."""

from _hashlib import new

algorithms_guaranteed = {"md5", "sha1", "sha224", "sha256", "sha384", "sha512"}
algorithms_available = set(algorithms_guaranteed)

__all__ = ["new", "algorithms_guaranteed", "algorithms_available", "md5", "sha1", "sha224",
           "sha256", "sha384", "sha512"]


def md5(string=b"", *, usedforsecurity=True):
    return new("md5", string)


def sha1(string=b"", *, usedforsecurity=True):
    return new("sha1", string)


def sha224(string=b"", *, usedforsecurity=True):
    return new("sha224", string)


def sha256(string=b"", *, usedforsecurity=True):
    return new("sha256", string)


def sha384(string=b"", *, usedforsecurity=True):
    return new("sha384", string)


def sha512(string=b"", *, usedforsecurity=True):
    return new("sha512", string)
