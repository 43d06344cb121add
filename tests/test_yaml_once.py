"""YAML is parsed once, with libyaml when present, keeping every check of the format."""

from __future__ import annotations

import pytest

from onestop._yaml import WITH_LIBYAML, parse_yaml

CASES = [
    "a: 1\nb: [x, 2026-12-24, '15:00', no]\n",
    "a: &x 1\nb: *x\n",
    "a: 1\nb: 2\na: 3\n",
    "a: {k: 1, k: 2}\n",
    "- {a: 1, b: &x 2}\n- [&y 1, *y]\n",
    "--- &doc\na: 1\n",
    "a: !!str &t x\n",
    "a:\t&tab 1\n",
    "? &k key\n: v\n",
    'a: {"q":&j 1}\n',
    "when: 2026-13-01\n",
    "a: [\n",
    "a: !!python/object:os.system x\n",
    "url: https://x.go.id/index.php?option=com_content&view=article&id=40\n",
    "note: 'R&D *important* & more'\n",
    "",
    "# only a comment\n",
]


@pytest.mark.parametrize("text", [c for c in CASES if "\t" not in c])
def test_the_c_and_the_pure_parser_give_the_same_data_and_problems(text: str) -> None:
    data, problems = parse_yaml(text)
    pure_data, pure_problems = parse_yaml(text, pure=True)
    assert data == pure_data
    # libyaml words its syntax errors its own way; the places are the same
    assert [p.path for p in problems] == [p.path for p in pure_problems]
    assert [p.message for p in problems if "syntax" not in p.message] == [
        p.message for p in pure_problems if "syntax" not in p.message
    ]


@pytest.mark.parametrize(
    "text",
    [
        "--- &doc\na: 1\n",
        "a: !!str &t x\n",
        "a:\t&tab 1\n",  # libyaml reads a tab here; the pure parser refuses it
        "? &k key\n: v\n",
        'a: {"q":&j 1}\n',
        "- [&y 1]\n",
    ],
)
def test_an_anchor_is_refused_wherever_a_node_can_start(text: str) -> None:
    data, problems = parse_yaml(text)
    assert data is None
    assert [p.message.split(" is ")[0][:12] for p in problems] == ["YAML anchor "]


def test_an_ampersand_in_a_url_or_a_note_is_text() -> None:
    data, problems = parse_yaml(CASES[-4] + "n: 'R&D *important* & more'\n")
    assert problems == []
    assert data["url"].endswith("view=article&id=40")
    assert data["n"] == "R&D *important* & more"


def test_duplicate_keys_are_reported_in_line_order_in_every_mapping() -> None:
    text = "a: 1\nm:\n  x: 1\n  x: 2\na: 2\n"
    _, problems = parse_yaml(text)
    assert [str(p) for p in problems] == [
        "line 4: duplicate key 'x' (first at line 3)",
        "line 5: duplicate key 'a' (first at line 1)",
    ]
    assert parse_yaml(text, pure=True)[1] == problems


def test_libyaml_is_used_when_pyyaml_has_it() -> None:
    import yaml

    assert bool(getattr(yaml, "__with_libyaml__", False)) == WITH_LIBYAML
