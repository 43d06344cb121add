"""Fuzzing the loaders: any input gives a Catalogue or a CatalogueError, nothing else."""

from __future__ import annotations

import copy
import datetime as dt
import json
from typing import Any

import pytest
import tomli_w
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import onestop

FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def valid_data() -> dict[str, Any]:
    return {
        "format": "onestop/1",
        "id": "demo",
        "name": "Demo",
        "timezone": "Asia/Jakarta",
        "calendar": {"holidays": "ID", "closed": ["2026-12-24"]},
        "agencies": [{"id": "dukcapil", "name": "Dukcapil", "level": "city"}],
        "documents": [
            {"id": "kk", "name": "Kartu Keluarga"},
            {"id": "ktp-el", "name": "KTP-el"},
            {"id": "akta", "name": "Akta"},
        ],
        "services": [
            {
                "id": "kk-baru",
                "name": "KK baru",
                "agency": "dukcapil",
                "requires": ["ktp-el", {"any_of": ["akta", ["kk", "ktp-el"]]}],
                "produces": ["kk"],
                "minutes": 15,
                "working_days": 1,
                "pickup": "counter",
                "fee": 0,
            }
        ],
        "bundles": [{"id": "keluarga", "name": "Keluarga", "services": ["kk-baru"]}],
        "venues": [
            {
                "id": "mpp",
                "name": "MPP",
                "kind": "mpp",
                "hours": [
                    {"days": ["MO", "TU"], "open": "08:00", "close": "15:00"},
                    {
                        "rrule": "DTSTART:20260906\nRRULE:FREQ=WEEKLY;INTERVAL=3;BYDAY=SU",
                        "open": "08:00",
                        "close": "12:00",
                        "on_holidays": True,
                    },
                ],
            }
        ],
        "counters": [{"id": "loket", "venue": "mpp", "services": ["kk-baru"]}],
    }


def outcome(call: Any, *args: Any) -> onestop.Catalogue | onestop.CatalogueError:
    """Run a loader; a CatalogueError is an outcome, any other exception fails the test."""
    try:
        result = call(*args)
    except onestop.CatalogueError as exc:
        result = exc
    if isinstance(result, onestop.CatalogueError):
        assert result.problems, "a CatalogueError must list at least one problem"
        assert all(isinstance(p, onestop.Problem) for p in result.problems)
        assert str(result)  # the message can always be rendered
    else:
        assert isinstance(result, onestop.Catalogue)
    return result


# ------------------------------------------------------------------- values
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=12)
    | st.sampled_from(
        ["onestop/1", "kk", "mpp", "08:00", "15:00", "2026-12-24", "ID", "none", "MO", "city"]
    )
    | st.dates()
    | st.datetimes()
    | st.times()
)
JSONISH = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.text(max_size=8) | st.sampled_from(["id", "any_of", "all_of"]), inner, max_size=4
        )
    ),
    max_leaves=20,
)
KEYS = st.sampled_from(
    [
        "format", "id", "name", "timezone", "calendar", "holidays", "closed", "agencies",
        "documents", "services", "bundles", "venues", "counters", "requires", "produces",
        "any_of", "all_of", "hours", "days", "rrule", "open", "close", "on_holidays",
        "venue", "agency", "level", "kind", "pickup", "minutes", "fee", "working_days",
        "replaces", "extends", "source", "note",
    ]
)  # fmt: skip


# Names of bases: built-in or not, paths that do not exist, NUL bytes and folders included.
EXTENDS = st.sampled_from(["probolinggo", "nope", "missing.yaml", "x.json", "y.toml", ""]) | (
    st.tuples(
        st.text(max_size=10),
        st.sampled_from([".yaml", ".yml", ".json", ".toml", ""]),
    ).map("".join)
)


@st.composite
def mutated(draw: st.DrawFn) -> Any:
    """A valid catalogue with a few random edits: deletions, replacements, type changes."""
    data: Any = valid_data()
    for _ in range(draw(st.integers(1, 4))):
        # Walk down to a random container.
        parent: Any = None
        key: Any = None
        node = data
        while isinstance(node, dict | list) and node and draw(st.booleans()):
            parent = node
            key = (
                draw(st.sampled_from(sorted(node, key=repr)))
                if isinstance(node, dict)
                else draw(st.integers(0, len(node) - 1))
            )
            node = node[key]
        action = draw(
            st.sampled_from(["delete", "replace", "retype", "add", "duplicate", "extends"])
        )
        if action == "extends" and isinstance(data, dict):
            data["extends"] = draw(EXTENDS | st.lists(EXTENDS, max_size=3))
            continue
        if parent is None:
            if action == "replace":
                data = draw(JSONISH)
            continue
        if action == "delete":
            del parent[key]
        elif action == "replace":
            parent[key] = draw(JSONISH)
        elif action == "retype":
            value = parent[key]
            retype = draw(st.sampled_from(["str", "list", "any_of", "int"]))
            if retype == "str":
                parent[key] = str(value)
            elif retype == "list":
                parent[key] = [value]
            elif retype == "any_of":
                parent[key] = {"any_of": value}
            else:
                parent[key] = len(str(value))
        elif action == "add" and isinstance(parent, dict):
            parent[draw(KEYS | st.text(max_size=6))] = draw(JSONISH)
        elif action == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[key]))
    return data


def plain(value: Any, *, keep_dates: bool = False) -> Any:
    """The value with times (and, unless kept, dates) turned into text."""
    if isinstance(value, dict):
        return {k: plain(v, keep_dates=keep_dates) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v, keep_dates=keep_dates) for v in value]
    if isinstance(value, dt.time) or (isinstance(value, dt.date) and not keep_dates):
        return value.isoformat()
    return value


# -------------------------------------------------------------------- tests
@FUZZ
@given(st.text(), st.sampled_from(["yaml", "json", "toml"]))
def test_loads_of_any_text_gives_a_catalogue_or_a_catalogue_error(text: str, fmt: str) -> None:
    outcome(onestop.loads, text, fmt)


@FUZZ
@given(st.binary(), st.sampled_from(["yaml", "json", "toml"]))
def test_loads_of_any_bytes_gives_a_catalogue_or_a_catalogue_error(raw: bytes, fmt: str) -> None:
    outcome(onestop.loads, raw, fmt)


YAML_TOKENS = st.sampled_from(
    [
        "format: onestop/1\n", "id: x\n", "name: X\n", "agencies:\n", "services:\n", "- ",
        "  ", "\n", "{", "}", "[", "]", ", ", ": ", "? ", "&a ", "*a", "!!str ", "!!binary ",
        "!!set ", "!!omap ", "!!int ", "!!float ",
        "!!bool ", "!!timestamp ", "!!map ", "!!seq ", "!!null ", "!foo ", "15:00", "08:00",
        "2026-12-24", "2026-13-01", "2026-12-24 10:00:00", "no", "yes", "~", "null", "'", '"',
        "#", "|", ">", "---\n", "...\n", "%YAML 1.1\n", "<<: ", "\t", "kk", "1e400", "0x1F",
    ]
)  # fmt: skip
# The tags !!int, !!float, !!bool and !!timestamp are also tested one by one below.


@FUZZ
@given(st.lists(YAML_TOKENS, max_size=30).map("".join))
def test_loads_of_yaml_like_token_soup_gives_a_catalogue_or_a_catalogue_error(text: str) -> None:
    outcome(onestop.loads, text, "yaml")


@FUZZ
@given(JSONISH)
def test_from_dict_of_arbitrary_data_gives_a_catalogue_or_a_catalogue_error(data: Any) -> None:
    outcome(onestop.from_dict, data)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_from_dict_of_a_mutated_catalogue_gives_a_catalogue_or_a_catalogue_error(
    data: Any,
) -> None:
    before = copy.deepcopy(data)
    outcome(onestop.from_dict, data)
    assert data == before  # from_dict never edits its input


@FUZZ
@given(mutated(), st.sampled_from(["yaml", "json", "toml"]))
def test_loads_of_a_mutated_catalogue_file_gives_a_catalogue_or_a_catalogue_error(
    data: Any, fmt: str
) -> None:
    if fmt == "yaml":
        text = yaml.safe_dump(plain(data, keep_dates=True), allow_unicode=True)
    elif fmt == "json":
        text = json.dumps(plain(data))
    else:
        if not isinstance(data, dict):
            data = {"value": data}
        try:
            text = tomli_w.dumps(data)
        except (TypeError, ValueError):  # TOML cannot hold null, mixed keys, ...
            text = tomli_w.dumps({"value": repr(data)})
    outcome(onestop.loads, text, fmt)


def test_the_unmutated_fuzz_seed_is_a_valid_catalogue() -> None:
    assert isinstance(onestop.from_dict(valid_data()), onestop.Catalogue)


# ------------------------------------------------------- pinned fuzz findings
@pytest.mark.parametrize(
    "text",
    [
        'id: !!int ""',
        'id: !!int "-"',
        'id: !!float ""',
        'id: !!bool ""',
        "id: !!bool maybe",
        "id: !!timestamp tomorrow",
        'id: !!timestamp "2026-01-01 25:00"',
    ],
)
def test_bad_explicit_yaml_tag_values_give_a_catalogue_error(text: str) -> None:
    with pytest.raises(onestop.CatalogueError):
        onestop.loads(text, "yaml")


def test_toml_integer_with_too_many_digits_gives_a_catalogue_error() -> None:
    with pytest.raises(onestop.CatalogueError):
        onestop.loads("fee = " + "1" * 5000, "toml")


def test_an_extends_path_with_a_nul_byte_gives_a_catalogue_error() -> None:
    data = valid_data()
    data["extends"] = "base\x00.yaml"
    with pytest.raises(onestop.CatalogueError):
        onestop.from_dict(data)


def test_an_extends_path_to_a_dotfile_named_yaml_gives_a_catalogue_error() -> None:
    data = valid_data()
    data["extends"] = "conf/.yaml"
    with pytest.raises(onestop.CatalogueError):
        onestop.from_dict(data)


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_integer_with_too_many_digits_gives_a_catalogue_error(fmt: str) -> None:
    text = "fee: " + "1" * 5000 if fmt == "yaml" else '{"fee": ' + "1" * 5000 + "}"
    with pytest.raises(onestop.CatalogueError):
        onestop.loads(text, fmt)


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_data_nested_too_deeply_gives_a_catalogue_error(fmt: str) -> None:
    with pytest.raises(onestop.CatalogueError):
        onestop.loads("[" * 50_000, fmt)


def test_surrogates_in_yaml_text_give_a_catalogue_error() -> None:
    with pytest.raises(onestop.CatalogueError):
        onestop.loads("id: \ud800", "yaml")
