"""Requirements compiled to bitsets, and every walk over them.

Documents are bits of a Python ``int``; a requirement expression is compiled
into nested ``(is_all, mask, subs)`` tuples evaluated with bit operations:
whether it is met (:func:`satisfied`), doing services while any can be done
(:func:`fire`), what it cannot do without (:func:`essential`), what of it is
missing (:func:`unmet`) and what documents meet it (:func:`used`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeAlias

from onestop.requirements import AllOf, Doc, Requirement

__all__ = [
    "Compiled",
    "bits",
    "compile_requirement",
    "essential",
    "fire",
    "mask_of",
    "mentioned",
    "satisfied",
    "unmet",
    "used",
]

Compiled: TypeAlias = "tuple[bool, int, tuple[Compiled, ...]]"
"""A compiled requirement: (all-of?, mask of its direct documents, sub-nodes)."""


def bits(mask: int) -> list[int]:
    """Return the positions of the set bits of *mask*, lowest first.

    Examples
    --------
    >>> bits(0b10110)
    [1, 2, 4]
    """
    out = []
    while mask:
        high = mask.bit_length() - 1
        out.append(high)
        mask ^= 1 << high
    out.reverse()
    return out


def mask_of(positions: object) -> int:
    """Return the mask with the bits at *positions* set (an iterable of ints)."""
    result = 0
    for position in positions:  # type: ignore[attr-defined]
        result |= 1 << position
    return result


def compile_requirement(req: Requirement, doc_bit: dict[str, int]) -> Compiled:
    """Compile a requirement into bit masks over the catalogue's document bits."""
    if isinstance(req, Doc):
        return (True, doc_bit[req.id], ())
    mask, subs = 0, []
    for item in req.items:
        if isinstance(item, Doc):
            mask |= doc_bit[item.id]
        else:
            subs.append(compile_requirement(item, doc_bit))
    return (isinstance(req, AllOf), mask, tuple(subs))


def mentioned(node: Compiled) -> int:
    """Return the mask of every document a compiled requirement mentions."""
    _, mask, subs = node
    for sub in subs:
        mask |= mentioned(sub)
    return mask


def satisfied(node: Compiled, held: int) -> bool:
    """Return whether a compiled requirement is met by the documents in *held*.

    Examples
    --------
    >>> satisfied((False, 0b011, ()), 0b010), satisfied((True, 0b011, ()), 0b010)
    (True, False)
    """
    is_all, mask, subs = node
    if is_all:
        if held & mask != mask:
            return False
        return not subs or all(satisfied(sub, held) for sub in subs)
    if held & mask:
        return True
    return bool(subs) and any(satisfied(sub, held) for sub in subs)


def fire(
    todo: Sequence[int], req: Sequence[Compiled], produces: Sequence[int], docs: int
) -> tuple[int, list[int]]:
    """Do every service of *todo* whose requirement can be met, as long as any can.

    Returns the documents then in hand and the services done, in the order done
    (an order that meets every requirement).
    """
    fired: list[int] = []
    changed = True
    while changed and todo:
        changed = False
        rest = []
        for i in todo:
            if satisfied(req[i], docs):
                docs |= produces[i]
                fired.append(i)
                changed = True
            else:
                rest.append(i)
        todo = rest
    return docs, fired


def essential(node: Compiled, available: int) -> int | None:
    """Documents a compiled requirement cannot be met without, from *available* ones.

    Options of an ``any_of`` that need a document not available cannot be
    the one used, so only the others count. ``None`` if the requirement
    cannot be met from *available* at all.
    """
    is_all, mask, subs = node
    if is_all:
        if mask & ~available:
            return None
        for sub in subs:
            found = essential(sub, available)
            if found is None:
                return None
            mask |= found
        return mask
    options = [1 << d for d in bits(mask & available)]
    for sub in subs:
        found = essential(sub, available)
        if found is not None:
            options.append(found)
    if not options:
        return None
    common = options[0]
    for option in options[1:]:
        common &= option
    return common


def unmet(node: Compiled, docs: int, name: Callable[[int], str]) -> tuple[str, int]:
    """What of a requirement *docs* do not meet: (text, mask of the documents in it).

    *name* gives a document's text by its bit; ``("", 0)`` when the
    requirement is met.

    Examples
    --------
    >>> unmet((True, 0b001, ((False, 0b110, ()),)), 0, lambda d: f"d{d}")
    ('d0 and (d1 or d2)', 7)
    """
    text, missing, _ = _unmet(node, docs, name)
    return text, missing


def _unmet(node: Compiled, docs: int, name: Callable[[int], str]) -> tuple[str, int, int]:
    """:func:`unmet`, with the number of parts joined (a part of several is bracketed)."""
    is_all, mask, subs = node
    parts = [(name(d), 1 << d, 1) for d in bits(mask & ~docs)]
    if not is_all and mask & docs:
        return "", 0, 0
    for sub in subs:
        if not satisfied(sub, docs):
            parts.append(_unmet(sub, docs, name))
        elif not is_all:
            return "", 0, 0
    texts = [text if len(parts) == 1 or n == 1 else f"({text})" for text, _, n in parts]
    missing = 0
    for _, part, _ in parts:
        missing |= part
    return (" and " if is_all else " or ").join(texts), missing, len(parts)


def used(node: Compiled, docs: int) -> int:
    """The documents of *docs* that meet a requirement: all of all-of, the first of any-of."""
    is_all, mask, subs = node
    if is_all:
        found = mask & docs
        for sub in subs:
            found |= used(sub, docs)
        return found
    if mask & docs:
        low = mask & docs
        return low & -low
    for sub in subs:
        if satisfied(sub, docs):
            return used(sub, docs)
    return 0  # pragma: no cover - only called on met requirements
