"""Survey answers from a CSV file: a header row naming the columns, one respondent a line."""

from __future__ import annotations

import csv
from pathlib import Path

from onestop.errors import Problem, SurveyError
from onestop.survey._scale import ELEMENTS

__all__ = ["read_csv"]

Cell = int | str | None


def _cell(column: str, text: str) -> Cell:
    """An element's answer as a number (blank: not answered); other columns as text."""
    text = text.strip()
    if column not in ELEMENTS:
        return text
    if not text:
        return None
    return int(text) if text.isdecimal() else text


def _delimiter(header: str) -> str:
    """The delimiter of the header line: a comma unless a semicolon or tab is used instead."""
    counts = {sep: header.count(sep) for sep in (",", ";", "\t")}
    return max(counts, key=lambda sep: counts[sep]) if any(counts.values()) else ","


def read_csv(path: str | Path) -> tuple[dict[str, Cell], ...]:
    """The rows of a survey CSV, ready for :func:`ikm` or :func:`ikm_by`.

    The first line names the columns: element names (see :data:`ELEMENTS`)
    and, optionally, columns to group by. Cells of element columns become
    numbers (a blank cell: not answered; anything else stays text and
    :func:`ikm` reports it); other cells stay text. A blank line is a
    respondent who answered nothing, so that ``row N`` in a problem is line
    ``N + 1`` of the file. Commas, semicolons or tabs
    separate cells (as the header shows); a UTF-8 byte-order mark is skipped.

    Raises
    ------
    SurveyError
        For a header with blank or repeated names, or a line with more cells
        than the header; each problem names its line.
    OSError
        When the file cannot be read.
    """
    text = Path(path).read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    reader = csv.reader(lines, delimiter=_delimiter(lines[0] if lines else ""))
    header = [name.strip() for name in next(reader, [])]
    problems = [
        Problem("line 1", f"column {i + 1} has {'no name' if not name else 'a repeated name'}")
        for i, name in enumerate(header)
        if not name or name in header[:i]
    ]
    rows: list[dict[str, Cell]] = []
    for cells in reader:
        if len(cells) > len(header):
            why = f"{len(cells)} cells, but the header names {len(header)}"
            problems.append(Problem(f"line {reader.line_num}", why))
            continue
        # A short line leaves its last columns blank (not answered).
        rows.append({name: _cell(name, cell) for name, cell in zip(header, cells, strict=False)})
    if problems:
        raise SurveyError(problems, source=str(path))
    return tuple(rows)
