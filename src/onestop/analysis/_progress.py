"""A progress bar for long runs: tqdm's, when there is someone to see it."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol

__all__ = ["LONG_RUN", "Progress", "progress_bar"]

LONG_RUN = 2_000
"""Plans to make from which a run counts as long (a bar is shown by default)."""


class Progress(Protocol):
    """What the planning loops need of a bar."""

    def update(self, n: float | None = 1) -> bool | None: ...  # pragma: no cover


class _Silent:
    def update(self, n: float | None = 1) -> bool | None:
        return None


def _interactive() -> bool:
    """Whether someone watches: a terminal on stderr, or a Jupyter kernel."""
    return sys.stderr.isatty() or "ipykernel" in sys.modules


@contextmanager
def progress_bar(total: int, progress: bool | None, what: str = "plans") -> Iterator[Progress]:
    """A ``tqdm.auto`` bar over ``total`` steps, or a silent stand-in.

    ``progress=None`` shows it only for a long run (:data:`LONG_RUN` steps or
    more) that someone watches, and only when tqdm is installed;
    ``progress=True`` always shows it (tqdm required); ``False`` never.
    """
    show = progress if progress is not None else total >= LONG_RUN and _interactive()
    if not show:
        yield _Silent()
        return
    try:
        from tqdm.auto import tqdm
    except ImportError:
        if progress:
            raise ImportError("progress=True needs tqdm: pip install 'onestop[analysis]'") from None
        yield _Silent()
        return
    with tqdm(total=total, unit=what) as bar:
        yield bar
