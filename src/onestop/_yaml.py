"""Read YAML once, safely, with every check of the format made on the way.

Text where no ``&`` or ``*`` followed by a name starts a token can hold no
anchor and no alias (a node's properties follow the start of the text,
whitespace, or one of ``[{,:?-``; a ``&`` inside a URL does not): libyaml's C
loader composes it into nodes, a walk over the nodes finds duplicate keys,
and PyYAML's safe constructor builds the data (as fast as ``yaml.load`` with
``CSafeLoader``). Other text is parsed into events by libyaml's C parser (or
the pure-Python one when PyYAML has no libyaml) and composed into nodes here,
which is what lets one pass refuse anchors and aliases (an alias is never
expanded, so a "billion laughs" file costs what its text costs) and report
duplicate keys with their lines. Either way the data is built only when no
problem was found.
"""

from __future__ import annotations

import re
from typing import Any, Final

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode

from onestop.errors import Problem

# PyYAML's loader parts are mixins that its stubs type only in part (and not as
# the mixins they are): they are used untyped here.
_Composer: Any = yaml.composer.Composer
_SafeConstructor: Any = yaml.constructor.SafeConstructor
_Resolver: Any = yaml.resolver.Resolver
_Reader: Any = yaml.reader.Reader
_Scanner: Any = yaml.scanner.Scanner
_Parser: Any = yaml.parser.Parser
# libyaml's parser, about 3x faster than the pure one, when PyYAML was built with it
_CParser: Any = getattr(getattr(yaml, "cyaml", None), "CParser", None)

__all__ = ["WITH_LIBYAML", "parse_yaml"]

WITH_LIBYAML: Final = _CParser is not None
"""Whether the C parser is used."""

_MAYBE_ANCHOR: Final = re.compile(r"(?:\A|[\s\[{,:?\ufeff-])[&*]\S")
"""Where an anchor or an alias could start; text without a match has neither."""


def _line(node_or_event: Any) -> int:
    mark = node_or_event.start_mark
    return mark.line + 1 if mark is not None else 0


class _CheckingComposer(_Composer):  # type: ignore[misc]
    """PyYAML's composer, collecting anchors, aliases and duplicate keys as problems."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[Problem] = []

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        if self.check_event(yaml.AliasEvent):
            event = self.get_event()
            self.problems.append(
                Problem(
                    f"line {_line(event)}",
                    f"YAML alias *{event.anchor} is not allowed: write the value out",
                )
            )
            # Never expanded: an empty scalar stands in (nothing is built anyway).
            return ScalarNode("tag:yaml.org,2002:null", "", event.start_mark, event.end_mark)
        event = self.peek_event()
        if event.anchor is not None:
            self.problems.append(
                Problem(
                    f"line {_line(event)}",
                    f"YAML anchor &{event.anchor} is not allowed: write the value out",
                )
            )
        self.descend_resolver(parent, index)
        if self.check_event(yaml.ScalarEvent):
            node: Node = self.compose_scalar_node(None)
        elif self.check_event(yaml.SequenceStartEvent):
            node = self.compose_sequence_node(None)
        else:
            node = self.compose_mapping_node(None)
        self.ascend_resolver()
        return node

    def compose_mapping_node(self, anchor: str | None) -> MappingNode:
        start = self.get_event()
        tag = start.tag
        if tag is None or tag == "!":
            tag = self.resolve(MappingNode, None, start.implicit)
        node = MappingNode(tag, [], start.start_mark, None, flow_style=start.flow_style)
        first_line: dict[str, int] = {}
        while not self.check_event(yaml.MappingEndEvent):
            key = self.compose_node(node, None)
            if isinstance(key, ScalarNode):
                if key.value in first_line:
                    self.problems.append(
                        Problem(
                            f"line {_line(key)}",
                            f"duplicate key {key.value!r} (first at line {first_line[key.value]})",
                        )
                    )
                else:
                    first_line[key.value] = _line(key)
            value = self.compose_node(node, key)
            node.value.append((key, value))
        node.end_mark = self.get_event().end_mark
        return node


class _Constructor(_SafeConstructor):  # type: ignore[misc]
    """The safe constructor, reading an impossible date such as 2026-13-01 as its text.

    The checker then reports it with its path, instead of the loader failing
    without one.
    """

    def construct_yaml_timestamp(self, node: ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            return self.construct_scalar(node)


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_timestamp)


class _PureLoader(_Reader, _Scanner, _Parser, _CheckingComposer, _Constructor, _Resolver):  # type: ignore[misc]
    def __init__(self, text: str) -> None:
        _Reader.__init__(self, text)
        _Scanner.__init__(self)
        _Parser.__init__(self)
        _CheckingComposer.__init__(self)
        _Constructor.__init__(self)
        _Resolver.__init__(self)


def _duplicate_keys(root: Node | None) -> list[Problem]:
    """Duplicate keys of every mapping under *root*, in the order of their lines."""
    problems: list[Problem] = []
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, MappingNode):
            pairs = node.value
            keys = [key.value for key, _ in pairs if isinstance(key, ScalarNode)]
            if len(set(keys)) != len(keys):
                first_line: dict[str, int] = {}
                for key, _ in pairs:
                    if not isinstance(key, ScalarNode):
                        continue
                    if key.value in first_line:
                        problems.append(
                            Problem(
                                f"line {_line(key)}",
                                f"duplicate key {key.value!r} "
                                f"(first at line {first_line[key.value]})",
                            )
                        )
                    else:
                        first_line[key.value] = _line(key)
            stack.extend(child for pair in pairs for child in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    problems.sort(key=lambda p: int(p.path.split()[1]))
    return problems


if _CParser is not None:

    class _CFastLoader(_CParser, _Constructor, _Resolver):  # type: ignore[misc]
        # libyaml composes (no anchor can be in the text); the constructor is PyYAML's.
        def __init__(self, text: str) -> None:
            _CParser.__init__(self, text)
            _Constructor.__init__(self)
            _Resolver.__init__(self)

    class _CLoader(_CheckingComposer, _CParser, _Constructor, _Resolver):  # type: ignore[misc]
        # The composer comes first, so that its compose methods (not libyaml's) run
        # over the events of libyaml's parser.
        def __init__(self, text: str) -> None:
            _CParser.__init__(self, text)
            _CheckingComposer.__init__(self)
            _Constructor.__init__(self)
            _Resolver.__init__(self)

    _LOADER: Any = _CLoader
else:  # pragma: no cover - depends on how PyYAML was installed
    _LOADER = _PureLoader


def parse_yaml(text: str, *, pure: bool = False) -> tuple[Any, list[Problem]]:
    r"""Return (data, []) for clean YAML text, or (None, problems).

    *pure* uses the pure-Python parser even when libyaml is there (for tests:
    both give the same data and the same problems).

    Examples
    --------
    >>> parse_yaml("a: 1\nb: [x, 2026-12-24]")
    ({'a': 1, 'b': ['x', datetime.date(2026, 12, 24)]}, [])
    >>> for problem in parse_yaml("a: &x 1\nb: *x\na: 2")[1]:
    ...     print(problem)
    line 1: YAML anchor &x is not allowed: write the value out
    line 2: YAML alias *x is not allowed: write the value out
    line 3: duplicate key 'a' (first at line 1)
    """
    fast = not pure and _CParser is not None and _MAYBE_ANCHOR.search(text) is None
    loader: Any = None
    try:
        loader = _CFastLoader(text) if fast else (_PureLoader if pure else _LOADER)(text)
        node = loader.get_single_node()
        problems = _duplicate_keys(node) if fast else loader.problems
        if problems:
            return None, problems
        if node is None:
            return None, []
        return loader.construct_document(node), []
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        what = " ".join(str(x) for x in (exc.context, exc.problem) if x)
        return None, [Problem(where, f"YAML syntax error: {what}")]
    except yaml.YAMLError as exc:
        return None, [Problem("", f"YAML error: {exc}")]
    except RecursionError:
        raise
    except Exception as exc:  # a constructor's own failure on a bad tagged value
        return None, [Problem("", f"YAML error: {type(exc).__name__}: {exc}")]
    finally:
        if loader is not None:
            loader.dispose()
