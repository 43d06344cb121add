"""Requirement expressions: what a service asks the citizen to bring.

A requirement is a tree of three node types:

* :class:`Doc` — one document;
* :class:`AllOf` — every item (a plain list in a file; an empty one needs nothing);
* :class:`AnyOf` — at least one item.

Examples
--------
>>> req = AllOf((Doc("kk"), AnyOf((Doc("buku-nikah"), Doc("akta-perkawinan")))))
>>> req.satisfied_by({"kk", "buku-nikah"})
True
>>> req.satisfied_by({"kk"})
False
>>> req.documents()
('akta-perkawinan', 'buku-nikah', 'kk')
>>> req.to_data()
['kk', {'any_of': ['buku-nikah', 'akta-perkawinan']}]
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import TypeAlias

import attrs

__all__ = ["NOTHING", "AllOf", "AnyOf", "Doc", "Requirement", "RequirementData"]

RequirementData: TypeAlias = "str | list[RequirementData] | dict[str, list[RequirementData]]"
"""The plain-data form of a requirement, as written in a catalogue file."""


@attrs.frozen
class Doc:
    """Needs one document, by id."""

    id: str
    """The document's id."""

    def satisfied_by(self, held: Collection[str]) -> bool:
        """Return whether *held* includes this document.

        Examples
        --------
        >>> Doc("kk").satisfied_by({"kk"})
        True
        """
        return self.id in held

    def iter_documents(self) -> Iterator[str]:
        """Yield the document ids mentioned, in written order (repeats included)."""
        yield self.id

    def documents(self) -> tuple[str, ...]:
        """Return the ids of every document mentioned, sorted and without repeats.

        Examples
        --------
        >>> Doc("kk").documents()
        ('kk',)
        """
        return tuple(sorted(set(self.iter_documents())))

    def to_data(self) -> RequirementData:
        """Return the plain-data form: the document id."""
        return self.id

    def __str__(self) -> str:
        return self.id


class _Composite:
    """What all-of and any-of share: listing the documents of their items."""

    __slots__ = ()
    items: tuple[Requirement, ...]

    def iter_documents(self) -> Iterator[str]:
        """Yield the document ids mentioned, in written order (repeats included)."""
        for item in self.items:
            yield from item.iter_documents()

    def documents(self) -> tuple[str, ...]:
        """Return the ids of every document mentioned, sorted and without repeats."""
        return tuple(sorted(set(self.iter_documents())))


@attrs.frozen
class AllOf(_Composite):
    """Needs every item; with no items, needs nothing."""

    items: tuple[Requirement, ...] = ()
    """The requirements that must all be met."""

    def satisfied_by(self, held: Collection[str]) -> bool:
        """Return whether every item is met by *held*.

        Examples
        --------
        >>> AllOf((Doc("kk"), Doc("ktp-el"))).satisfied_by({"kk"})
        False
        >>> AllOf().satisfied_by(set())
        True
        """
        return all(item.satisfied_by(held) for item in self.items)

    def to_data(self) -> RequirementData:
        """Return the plain-data form: a list of the items' forms."""
        return [item.to_data() for item in self.items]

    def __str__(self) -> str:
        if not self.items:
            return "nothing"
        return " and ".join(_group(item) for item in self.items)


@attrs.frozen
class AnyOf(_Composite):
    """Needs at least one item."""

    items: tuple[Requirement, ...]
    """The alternatives, at least one of which must be met."""

    def satisfied_by(self, held: Collection[str]) -> bool:
        """Return whether at least one item is met by *held*.

        Examples
        --------
        >>> AnyOf((Doc("buku-nikah"), Doc("akta-perkawinan"))).satisfied_by({"buku-nikah"})
        True
        """
        return any(item.satisfied_by(held) for item in self.items)

    def to_data(self) -> RequirementData:
        """Return the plain-data form: ``{"any_of": [...]}``."""
        return {"any_of": [item.to_data() for item in self.items]}

    def __str__(self) -> str:
        return " or ".join(_group(item) for item in self.items)


Requirement: TypeAlias = Doc | AllOf | AnyOf
"""Any requirement expression."""

NOTHING = AllOf()
"""The requirement that needs nothing."""


def _group(item: Requirement) -> str:
    text = str(item)
    return f"({text})" if isinstance(item, AllOf | AnyOf) and len(item.items) > 1 else text
