"""Turning bytes into text: binary detection and encoding detection (charset-normalizer)."""

from __future__ import annotations

from charset_normalizer import from_bytes

from newsgraph.errors import InputError

_TEXT_CONTROLS = {9, 10, 12, 13}


def looks_binary(data: bytes) -> bool:
    """Tell whether bytes are binary rather than text: NUL bytes or many control bytes."""
    sample = data[:8192]
    if not sample:
        return False
    if b"\x00" in sample and not (sample.startswith((b"\xff\xfe", b"\xfe\xff"))):
        return True
    controls = sum(1 for b in sample if b < 32 and b not in _TEXT_CONTROLS)
    return controls / len(sample) > 0.05


def decode_bytes(data: bytes, *, source: str | None = None) -> str:
    """Decode the bytes of a text or HTML document, detecting the encoding.

    UTF-8 (with or without BOM) is tried first since most inputs are UTF-8; otherwise
    charset-normalizer picks the encoding.

    Raises:
        InputError: The bytes are binary or no encoding decodes them into sensible text.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if looks_binary(data):
        raise InputError("binary content, not text", source=source)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise InputError("cannot detect the text encoding", source=source)
    return str(best)
