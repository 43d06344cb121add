"""The exceptions of onestop: one root, :class:`Error`, and its branches.

Every exception carries plain data (strings and tuples) and passes it to
``super().__init__``, so it pickles and crosses process or Dask boundaries.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

__all__ = ["CatalogueError", "Error", "PlanningError", "Problem", "SurveyError"]


@attrs.frozen
class Problem:
    """One problem found in a catalogue: where it is, and what is wrong.

    Examples
    --------
    >>> str(Problem("services[3].requires[1]", "unknown document 'kk2'"))
    "services[3].requires[1]: unknown document 'kk2'"
    """

    path: str
    """Where the problem is, e.g. ``services[3].requires[1]`` ("" for the whole file)."""
    message: str
    """What is wrong, and where it helps, what to do."""

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class Error(Exception):
    """The root of every exception onestop raises on purpose."""


class _ProblemList(Error, ValueError):
    """An error carrying every problem found (``.problems``) and where (``.source``)."""

    _about = ""
    """Words after the count in the message's first line."""

    def __init__(self, problems: Iterable[Problem], source: str = "") -> None:
        problems = tuple(problems)
        super().__init__(problems, source)
        self.problems: tuple[Problem, ...] = problems
        """Every problem found, in file order."""
        self.source = source
        """The file (or other origin) the problems are in; "" when unknown."""

    def __str__(self) -> str:
        n = len(self.problems)
        head = f"{n} problem" + ("" if n == 1 else "s") + self._about
        if self.source:
            head = f"{self.source}: {head}"
        return "\n  ".join([head, *(str(p) for p in self.problems)])


class CatalogueError(_ProblemList):
    """A catalogue file or object breaks the format; ``.problems`` lists every problem.

    ``.source`` is the file (or other origin) the problems are in, "" when unknown.

    Examples
    --------
    >>> err = CatalogueError([Problem("id", "missing field")], source="city.yaml")
    >>> print(err)
    city.yaml: 1 problem
      id: missing field
    """


class PlanningError(Error, ValueError):
    """A plan cannot be made: unknown ids, or goals that cannot be reached.

    ``.problems`` lists each reason as a :class:`Problem` whose path names the
    goal or argument concerned.

    Examples
    --------
    >>> print(PlanningError([Problem("goals[0]", "unknown service 'ktp'")]))
    cannot plan:
      goals[0]: unknown service 'ktp'
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        problems = tuple(problems)
        super().__init__(problems)
        self.problems: tuple[Problem, ...] = problems
        """Every reason the plan cannot be made."""

    def __str__(self) -> str:
        return "\n  ".join(["cannot plan:", *(str(p) for p in self.problems)])


class SurveyError(_ProblemList):
    """Survey answers cannot be scored; ``.problems`` lists every problem.

    Each problem's path names the row (``row 3``, counting respondents from 1,
    or a DataFrame's index label) and the element concerned; ``.source`` is
    the file the answers came from, "" when unknown.

    Examples
    --------
    >>> print(SurveyError([Problem("row 3, waktu", "answer 5 is not one of 1, 2, 3, 4")]))
    1 problem in the survey answers
      row 3, waktu: answer 5 is not one of 1, 2, 3, 4
    """

    _about = " in the survey answers"
