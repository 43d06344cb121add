"""Did-you-mean suggestions for unknown ids."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """Return `` (did you mean 'x'?)`` for the closest candidate, or ``""``.

    Examples
    --------
    >>> did_you_mean("kk2", ["kk", "ktp-el"])
    " (did you mean 'kk'?)"
    >>> did_you_mean("zzz", ["kk"]), did_you_mean("", ["kk"])
    ('', '')
    """
    if not word:
        return ""  # nothing to compare: every id would match as a prefix
    pool = sorted(set(candidates))
    close = difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
    if not close:
        # Prefixes catch abbreviations such as 'akta' for 'akta-kelahiran'.
        close = [c for c in pool if c.startswith(word) or word.startswith(c)][:1]
    return f" (did you mean {close[0]!r}?)" if close else ""


def unknown(kind: str, value: object, candidates: Iterable[str], context: str = "") -> str:
    """Return ``unknown <kind> '<value>'<context>`` and a did-you-mean for the closest candidate.

    The one place that message is built (files, lookups, planning requests);
    a value that is not a string gets no suggestion.

    Examples
    --------
    >>> unknown("document", "kk2", ["kk", "ktp-el"])
    "unknown document 'kk2' (did you mean 'kk'?)"
    >>> unknown("document", 7, ["kk"])
    'unknown document 7'
    >>> unknown("key", "requries", ["requires"], " in a service")
    "unknown key 'requries' in a service (did you mean 'requires'?)"
    """
    hint = did_you_mean(value, candidates) if isinstance(value, str) else ""
    return f"unknown {kind} {value!r}{context}{hint}"
