"""Documents nobody issues or needs."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from onestop.linter._finding import Finding
from onestop.model import Catalogue, Document

GOVERNMENT_OUTPUTS: Final = (
    "akta",
    "bpkb",
    "izin",
    "kartu",
    "keputusan",
    "kk",
    "ktp",
    "nib",
    "nomor induk",
    "npwp",
    "paspor",
    "penetapan",
    "putusan",
    "rekomendasi",
    "sertifikat",
    "sim",
    "stnk",
    "surat izin",
    "surat keputusan",
)
"""Words that open the name or id of a document a government office issues.

The linter judges a document to be a government output by its name or id
starting with one of these words (``akta-...``, ``Sertifikat ...``): a
heuristic, said in each finding, not a fact of the catalogue."""


def _government_word(document: Document) -> str | None:
    for text in (document.id.replace("-", " "), document.name.lower()):
        for word in GOVERNMENT_OUTPUTS:
            if text == word or text.startswith(word + " "):
                return word
    return None


def document_findings(cat: Catalogue) -> Iterator[Finding]:
    """Documents nobody needs or issues, and government outputs no service here issues."""
    produced = {doc for service in cat.services for doc in service.produces}
    needed = {doc for service in cat.services for doc in service.requires.documents()}
    for document in cat.documents:
        path = f"documents.{document.id}"
        if document.id not in produced and document.id not in needed:
            yield Finding(
                "warning",
                "document-unused",
                path,
                document.id,
                "no service needs this document and none issues it: remove it, or add the "
                "service that needs or issues it",
            )
        elif document.id not in produced and (word := _government_word(document)):
            yield Finding(
                "info",
                "document-issued-elsewhere",
                path,
                document.id,
                f"no service here issues it, and it looks like a government output (its name "
                f"starts with {word!r}): a citizen can bring it only if another office issued "
                "it; add the issuing service if a counter here gives it",
            )
