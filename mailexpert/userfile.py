"""Reading a file from a path a user gave: regular files only, bounded before reading.

Every file mailexpert reads from a user's path (bundles, rule files, fact templates,
provider tables, client configurations, ``--password-file``, ``--ca-file``) goes through
:func:`read_bytes`, so that one place decides what is refused:

* anything but a regular file (a FIFO would block the open or the read forever, a
  character device such as ``/dev/zero`` never ends) -- checked on the opened descriptor,
  so a symlink to such a thing is refused too, and a file swapped after a check cannot slip
  through;
* a file larger than the caller's limit -- checked before reading, and again while
  reading (a file that grows after the check is cut off, not read to the end).

The open is non-blocking, so that opening a FIFO with no writer returns at once instead
of waiting for one.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

from mailexpert.errors import InputError

#: What each caller reads at most, by purpose; one table so that the README can state them.
LIMITS = {
    "rules": 1 << 20,          # one rule file (a rule is a few kilobytes)
    "bundle": 8 << 20,         # a fact bundle (a live diagnosis saves well under 1 MB)
    "template": 1 << 20,       # a fact template or provider table file
    "client-config": 10 << 20,  # a client configuration (a Thunderbird prefs.js is a few hundred kB)
    "password": 64 << 10,      # --password-file (only the first line is used)
    "ca-file": 4 << 20,        # --ca-file (the whole Mozilla bundle is about 200 kB)
}


def _describe(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "is a directory, not a file"
    if stat.S_ISFIFO(mode):
        return "is a pipe (FIFO), not a regular file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a regular file"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a regular file"
    return "is not a regular file"


def read_bytes(path: str | os.PathLike[str], limit: int, fail: Callable[[str], InputError]) -> bytes:
    """The content of the regular file at ``path``, at most ``limit`` bytes.

    ``fail(reason)`` makes the error to raise (the caller's type and wording, e.g. a
    :class:`~mailexpert.errors.BundleError` with the path); ``reason`` is a short phrase
    such as ``"no such file"`` or ``"too large (...)"``."""
    try:
        fd = os.open(Path(path), os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise fail("no such file") from None
    except IsADirectoryError:
        raise fail("is a directory, not a file") from None
    except PermissionError:
        raise fail("cannot read: permission denied") from None
    except OSError as exc:
        raise fail(f"cannot read: {exc.strerror or exc}") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise fail(_describe(st.st_mode))
        if st.st_size > limit:
            raise fail(f"too large ({st.st_size} bytes; at most {limit})")
        os.set_blocking(fd, True)
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        if len(data) > limit:
            raise fail(f"too large (more than {limit} bytes)")
        return data
    except InputError:
        raise
    except OSError as exc:
        raise fail(f"cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def folder_files(folder: str | os.PathLike[str], fail: Callable[[Path, str], InputError]) -> list[Path]:
    """Every file below ``folder`` (not folders; links to folders are not followed), sorted.

    A folder that cannot be listed raises ``fail(path, reason)``: skipped in silence (as
    :meth:`Path.rglob` does), what it holds would be missing without a word."""

    def refuse(exc: OSError) -> None:
        reason = "permission denied" if isinstance(exc, PermissionError) else str(exc.strerror or exc).lower()
        raise fail(Path(exc.filename or folder), f"cannot read this folder: {reason}")

    out: list[Path] = []
    for top, _, names in os.walk(folder, onerror=refuse):
        out.extend(Path(top) / name for name in names)
    return sorted(out)
