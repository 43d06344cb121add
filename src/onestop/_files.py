"""Reading catalogue files: regular files only, within a size limit, inside a root folder.

A catalogue may name other files in ``extends``; the catalogue may come from
someone the caller does not trust (an upload to a city portal). So every file
is read the same guarded way:

* an ``extends`` path is relative, and resolves (links followed) inside the
  *root* folder: by default the folder of the file given to ``load``;
* only a regular file is read: a FIFO, a device or a folder is refused at
  once, before it is opened for reading (a FIFO would block);
* a file larger than the caller's limit is refused before it is read whole.

A refusal says which path was refused and why, and nothing of what is in it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Final

import attrs

from onestop.errors import Problem

__all__ = ["DEFAULT_MAX_BYTES", "FileRefused", "Root", "read_limited"]

DEFAULT_MAX_BYTES: Final = 16 * 1024 * 1024
"""The default size limit of one catalogue file (16 MiB)."""


class FileRefused(Exception):
    """A file that is not read: the problem says why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem)
        self.problem = problem


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _refuse(message: str) -> FileRefused:
    return FileRefused(Problem("", message))


def read_limited(path: Path, max_bytes: int, shown: str) -> bytes:
    """Return the bytes of a regular file of at most *max_bytes*; else raise :class:`FileRefused`.

    *shown* is how the path is named in a message.
    """
    try:
        mode = path.stat().st_mode
        if not stat.S_ISREG(mode):
            raise _refuse(f"{shown} is {_kind(mode)}: only regular files are read")
        # O_NONBLOCK: if the path was swapped for a FIFO since the stat, opening
        # it does not wait for a writer; fstat then sees what was opened.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise _refuse(f"cannot read {shown}: no such file") from None
    except OSError as exc:
        raise _refuse(f"cannot read {shown}: {exc.strerror or exc}") from None
    except ValueError as exc:  # a path the system cannot name (a NUL byte)
        raise _refuse(f"cannot read {shown}: {exc}") from None
    with os.fdopen(fd, "rb") as file:
        info = os.fstat(file.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise _refuse(f"{shown} is {_kind(info.st_mode)}: only regular files are read")
        if info.st_size > max_bytes:
            raise _refuse(_too_large(shown, info.st_size, max_bytes))
        data = file.read(max_bytes + 1)  # a file that grew since the fstat is caught too
    if len(data) > max_bytes:
        raise _refuse(_too_large(shown, len(data), max_bytes))
    return data


def _too_large(shown: str, size: int, max_bytes: int) -> str:
    return (
        f"{shown} is larger than the limit of {max_bytes:,} bytes ({size:,} or more): "
        "pass a larger max_bytes= to read it"
    )


@attrs.frozen
class Root:
    """The folder that ``extends`` paths must stay inside, and the size limit of each file."""

    folder: Path | None
    """The resolved root folder; ``None``: no file may be read (built-in names only)."""
    max_bytes: int = DEFAULT_MAX_BYTES
    """The size limit of each file."""

    def locate(self, name: str, folder: Path | None) -> Path:
        """Return the resolved path of an ``extends`` file named in a file of *folder*.

        Raises :class:`FileRefused` for an absolute path, a path that leaves the
        root (links followed), or when no file may be read.
        """
        if self.folder is None or folder is None:
            raise _refuse(
                f"cannot read {name!r}: text may extend built-ins only (pass folder= to read files)"
            )
        try:
            written = Path(name)
            if written.is_absolute() or written.drive or name.startswith(("/", "\\")):
                raise _refuse(
                    f"{name!r} is an absolute path: write it relative to the extending file"
                )
            resolved = (folder / written).resolve()
        except (OSError, ValueError, RuntimeError) as exc:  # a NUL byte, a link loop
            raise _refuse(f"cannot read {name!r}: {exc}") from None
        if not resolved.is_relative_to(self.folder):
            raise _refuse(f"{name!r} is outside the root folder (a caller may pass a wider root=)")
        return resolved

    def read(self, name: str, folder: Path | None) -> tuple[bytes, Path]:
        """Return (its bytes, its resolved path) for an ``extends`` file, or raise."""
        path = self.locate(name, folder)
        return read_limited(path, self.max_bytes, repr(name)), path
