"""Optional passphrase encryption of a backup file, streamed in chunks so memory stays flat.

Why this shape: a lost USB stick must not leak children's voices, and a backup can hold
gigabytes of audio. The key comes from scrypt, which is memory-hard (each guess at a passphrase
costs tens of MiB of memory as well as time, so guessing on graphics cards is slow), and is
available in every supported version of `cryptography`. The data is sealed with AES-256-GCM in
1 MiB chunks: each chunk is authenticated on its own, its number and whether it is the last are
bound into it, so a chunk cut off, swapped or flipped is found, and neither side ever holds more
than one chunk in memory. A short check value derived beside the key tells a wrong passphrase
apart from a damaged file.
"""

from __future__ import annotations

import json
import os
import struct
from collections.abc import Callable
from typing import IO, Any

MAGIC = b"IKANBAK-AESGCM1\n"
CHUNK = 1 << 20
SCRYPT_N, SCRYPT_R, SCRYPT_P = 1 << 16, 8, 1  # 64 MiB of memory per guess


class WrongPassphrase(Exception):
    """The passphrase does not open this backup."""


class DamagedCiphertext(Exception):
    """The encrypted file was cut short or changed after it was written."""


def is_encrypted(head: bytes) -> bool:
    """Whether a file's first bytes mark an encrypted backup."""
    return head.startswith(MAGIC)


def _derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> tuple[bytes, bytes]:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    derived = Scrypt(salt=salt, length=64, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))
    return derived[:32], derived[32:48]


def _aad(header: bytes, index: int, final: bool) -> bytes:
    return header + struct.pack(">QB", index, int(final))


class EncryptingWriter:
    """A write-only file object that seals what is written into `out`, chunk by chunk."""

    def __init__(self, out: IO[bytes], passphrase: str) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        salt = os.urandom(16)
        key, check = _derive(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
        params = {"kdf": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P}
        params |= {"salt": salt.hex(), "check": check.hex(), "prefix": os.urandom(4).hex()}
        self._header = json.dumps(params, sort_keys=True).encode()
        self._prefix = bytes.fromhex(params["prefix"])
        self._aead = AESGCM(key)
        self._out = out
        self._buffer = bytearray()
        self._index = 0
        self._position = 0
        out.write(MAGIC + struct.pack(">I", len(self._header)) + self._header)

    def write(self, data: bytes | bytearray | memoryview) -> int:
        size = len(data)
        self._position += size
        if not self._buffer and size > CHUNK:
            # The common case (1 MiB pieces of a recording): seal straight from the caller's
            # bytes, keeping back the tail, which may turn out to be the last chunk.
            view = memoryview(data)
            start = 0
            while size - start > CHUNK:
                self._seal(view[start : start + CHUNK], final=False)
                start += CHUNK
            self._buffer += view[start:]
            return size
        self._buffer += data
        if len(self._buffer) > CHUNK:
            view = memoryview(self._buffer)
            start = 0
            while len(self._buffer) - start > CHUNK:
                self._seal(view[start : start + CHUNK], final=False)
                start += CHUNK
            view.release()
            del self._buffer[:start]
        return size

    def tell(self) -> int:
        return self._position

    def flush(self) -> None:
        self._out.flush()

    def finish(self) -> None:
        """Seal the last chunk (marked final, so a file cut short is always noticed)."""
        self._seal(bytes(self._buffer), final=True)
        self._buffer.clear()
        self._out.flush()

    def _seal(self, plain: bytes | memoryview, *, final: bool) -> None:
        nonce = self._prefix + struct.pack(">Q", self._index)
        sealed = self._aead.encrypt(nonce, plain, _aad(self._header, self._index, final))
        self._out.write(struct.pack(">I", len(sealed)) + sealed)
        self._index += 1


def decrypt_stream(
    source: IO[bytes],
    out: IO[bytes],
    passphrase: str,
    *,
    progress: Callable[[int], None] | None = None,
) -> None:
    """Open an encrypted backup into `out`; WrongPassphrase or DamagedCiphertext on failure."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if source.read(len(MAGIC)) != MAGIC:
        raise DamagedCiphertext("not an encrypted backup")
    header = _read_exact(source, _read_length(source, limit=4096))
    try:
        params: dict[str, Any] = json.loads(header)
        n, r, p = int(params["n"]), int(params["r"]), int(params["p"])
        salt, check = bytes.fromhex(params["salt"]), bytes.fromhex(params["check"])
        prefix = bytes.fromhex(params["prefix"])
    except (ValueError, KeyError, TypeError) as error:
        raise DamagedCiphertext("unreadable header") from error
    if not (n <= 1 << 20 and r <= 16 and p <= 4):  # a forged header must not exhaust memory
        raise DamagedCiphertext("unreasonable key parameters")
    key, expected = _derive(passphrase, salt, n, r, p)
    if expected != check:
        raise WrongPassphrase()
    aead = AESGCM(key)
    index = 0
    while True:
        length = _read_length(source, limit=CHUNK + 64)
        sealed = _read_exact(source, length)
        final = not source.peek(1) if hasattr(source, "peek") else _at_end(source)
        nonce = prefix + struct.pack(">Q", index)
        try:
            plain = aead.decrypt(nonce, sealed, _aad(header, index, final))
        except InvalidTag as error:
            raise DamagedCiphertext(f"chunk {index} does not match its seal") from error
        out.write(plain)
        if progress:
            progress(len(sealed))
        index += 1
        if final:
            return


def _at_end(source: IO[bytes]) -> bool:
    position = source.tell()
    at_end = not source.read(1)
    source.seek(position)
    return at_end


def _read_length(source: IO[bytes], *, limit: int) -> int:
    raw = source.read(4)
    if len(raw) != 4:
        raise DamagedCiphertext("the file ends too early")
    (length,) = struct.unpack(">I", raw)
    if length > limit:
        raise DamagedCiphertext("a chunk length is out of range")
    return length


def _read_exact(source: IO[bytes], length: int) -> bytes:
    data = source.read(length)
    if len(data) != length:
        raise DamagedCiphertext("the file ends too early")
    return data
