"""Uploads a clinic might send by mistake, or an attacker on purpose, made in memory."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def bomb(side: int = 60_000) -> bytes:
    """A valid PNG a few hundred bytes long that says it is ``side`` x ``side`` pixels of grey:
    3.6 billion pixels to decode (a decompression bomb)."""
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    rows = zlib.compress(b"\x00" * 1000, 9)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", rows) + _chunk(b"IEND", b"")


def text_named_png() -> bytes:
    """A text file (someone renamed notes.txt to logo.png)."""
    return b"Hillside MS Service\nlogo to follow\n"


def huge(megabytes: int = 30) -> bytes:
    """``megabytes`` MiB starting like a PNG (a phone photo exported without shrinking)."""
    return b"\x89PNG\r\n\x1a\n" + bytes(megabytes * 1024 * 1024 - 8)


def logo(width: int = 1600, height: int = 500, *, transparent: bool = False) -> bytes:
    """A plain logo PNG: a green disc and a purple bar, on white or on nothing."""
    from PIL import ImageDraw

    image = Image.new("RGBA", (width, height), (255, 255, 255, 0 if transparent else 255))
    draw = ImageDraw.Draw(image)
    draw.ellipse((height // 10, height // 10, height * 9 // 10, height * 9 // 10), fill=(120, 190, 32, 255))
    draw.rectangle((height, height // 3, width - height // 10, height * 2 // 3), fill=(51, 0, 114, 255))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
