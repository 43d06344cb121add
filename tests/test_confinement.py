"""Catalogues from strangers: files stay inside their root, only regular files, a size limit."""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import onestop
from onestop import CatalogueError

SECRET = {"db_password": "hunter2", "api_key": "sk-live-123"}
BASE = onestop.dumps(onestop.builtin("national"), "yaml")


def city(extends: str) -> str:
    return f"format: onestop/1\nid: kota\nname: Kota\nextends: {extends}\n"


def problems_of(call: Callable[[], Any]) -> list[str]:
    with pytest.raises(CatalogueError) as info:
        call()
    return [str(p) for p in info.value.problems]


def finishes_within(seconds: float, call: Callable[[], Any]) -> Any:
    """Run *call* in a thread; fail (instead of hanging the suite) if it does not end in time."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = call()
        except BaseException as exc:
            outcome["error"] = exc

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"still running after {seconds} s"
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "app" / "config.json"
    path.parent.mkdir()
    path.write_text(json.dumps(SECRET))
    return path


# ------------------------------------------------------------ text with no file
def test_text_may_not_extend_an_absolute_path_and_shows_nothing_of_it(secret: Path) -> None:
    found = problems_of(lambda: onestop.loads(city(str(secret))))
    assert len(found) == 1
    assert found[0].startswith(f"extends: cannot read '{secret}': text may extend built-ins only")
    assert "db_password" not in found[0] and "hunter2" not in found[0]


def test_text_may_not_extend_a_relative_path_from_the_working_folder(
    secret: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(secret.parent)
    found = problems_of(lambda: onestop.loads(city("config.json")))
    assert "text may extend built-ins only" in found[0]
    assert "db_password" not in " ".join(found)


def test_text_may_extend_built_in_catalogues() -> None:
    assert len(onestop.loads(city("national")).services) == len(
        onestop.builtin("national").services
    )


def test_text_given_a_folder_may_extend_files_inside_it(tmp_path: Path) -> None:
    (tmp_path / "base.yaml").write_text(BASE)
    cat = onestop.loads(city("base.yaml"), folder=tmp_path)
    assert cat.services == onestop.builtin("national").services


def test_text_given_a_folder_still_may_not_leave_it(tmp_path: Path, secret: Path) -> None:
    folder = tmp_path / "uploads"
    folder.mkdir()
    found = problems_of(lambda: onestop.loads(city("../app/config.json"), folder=folder))
    assert found == [
        "extends: '../app/config.json' is outside the root folder (a caller may pass a wider root=)"
    ]
    found = problems_of(lambda: onestop.loads(city(str(secret)), folder=folder))
    assert found[0].startswith(f"extends: '{secret}' is an absolute path")


def test_text_given_a_folder_and_a_wider_root_may_reach_a_sibling(tmp_path: Path) -> None:
    (tmp_path / "shared").mkdir()
    (tmp_path / "uploads").mkdir()
    (tmp_path / "shared" / "base.yaml").write_text(BASE)
    cat = onestop.loads(city("../shared/base.yaml"), folder=tmp_path / "uploads", root=tmp_path)
    assert cat.id == "kota"


# ------------------------------------------------------------------- files
def test_a_file_may_not_extend_outside_its_folder_by_default(tmp_path: Path) -> None:
    (tmp_path / "shared").mkdir()
    (tmp_path / "kota").mkdir()
    (tmp_path / "shared" / "base.yaml").write_text(BASE)
    (tmp_path / "kota" / "city.yaml").write_text(city("../shared/base.yaml"))
    found = problems_of(lambda: onestop.load(tmp_path / "kota" / "city.yaml"))
    assert found == [
        "extends: '../shared/base.yaml' is outside the root folder "
        "(a caller may pass a wider root=)"
    ]
    assert onestop.load(tmp_path / "kota" / "city.yaml", root=tmp_path).id == "kota"


def test_a_file_may_not_extend_an_absolute_path_even_inside_its_root(tmp_path: Path) -> None:
    (tmp_path / "base.yaml").write_text(BASE)
    (tmp_path / "city.yaml").write_text(city(str(tmp_path / "base.yaml")))
    (found,) = problems_of(lambda: onestop.load(tmp_path / "city.yaml"))
    assert "is an absolute path: write it relative to the extending file" in found


def test_a_catalogue_suffix_does_not_let_dot_dot_out(tmp_path: Path, secret: Path) -> None:
    kota = tmp_path / "kota"
    kota.mkdir()
    (kota / "city.yaml").write_text(city("../app/config.json"))
    (found,) = problems_of(lambda: onestop.load(kota / "city.yaml"))
    assert "outside the root folder" in found and "db_password" not in found


def test_a_link_pointing_out_of_the_root_is_refused(tmp_path: Path, secret: Path) -> None:
    kota = tmp_path / "kota"
    kota.mkdir()
    (kota / "base.json").symlink_to(secret)
    (kota / "city.yaml").write_text(city("base.json"))
    (found,) = problems_of(lambda: onestop.load(kota / "city.yaml"))
    assert (
        found == "extends: 'base.json' is outside the root folder (a caller may pass a wider root=)"
    )


def test_a_link_inside_the_root_is_followed(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "national.yaml").write_text(BASE)
    (tmp_path / "base.yaml").symlink_to(tmp_path / "real" / "national.yaml")
    (tmp_path / "city.yaml").write_text(city("base.yaml"))
    assert onestop.load(tmp_path / "city.yaml").id == "kota"


def test_the_file_given_to_load_must_be_inside_the_root_it_names(tmp_path: Path) -> None:
    (tmp_path / "city.yaml").write_text(BASE)
    (tmp_path / "other").mkdir()
    (found,) = problems_of(lambda: onestop.load(tmp_path / "city.yaml", root=tmp_path / "other"))
    assert found == "the file is outside root=: name a root folder that holds it"


def test_messages_about_a_base_name_it_relative_to_the_root(tmp_path: Path) -> None:
    (tmp_path / "bases").mkdir()
    (tmp_path / "bases" / "base.yaml").write_text(
        "format: onestop/1\nid: b\nname: B\nextends: [gone.yaml]\n"
    )
    (tmp_path / "city.yaml").write_text(city("bases/base.yaml"))
    (found,) = problems_of(lambda: onestop.load(tmp_path / "city.yaml"))
    assert found == "extends (bases/base.yaml): extends[0]: cannot read 'gone.yaml': no such file"
    assert str(tmp_path) not in found


# ----------------------------------------------------------- regular files only
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_loaded_directly_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "x.yaml"
    os.mkfifo(fifo)
    found = finishes_within(5, lambda: problems_of(lambda: onestop.load(fifo)))
    assert found == ["the file is a FIFO (named pipe): only regular files are read"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_as_an_extends_target_is_refused_at_once(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "base.yaml")
    (tmp_path / "city.yaml").write_text(city("base.yaml"))
    found = finishes_within(5, lambda: problems_of(lambda: onestop.load(tmp_path / "city.yaml")))
    assert found == ["extends: 'base.yaml' is a FIFO (named pipe): only regular files are read"]


def test_a_device_is_refused(tmp_path: Path) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    (tmp_path / "zero.yaml").symlink_to("/dev/zero")
    found = finishes_within(5, lambda: problems_of(lambda: onestop.load(tmp_path / "zero.yaml")))
    assert found == ["the file is a device: only regular files are read"]


def test_a_folder_as_an_extends_target_is_refused(tmp_path: Path) -> None:
    (tmp_path / "base.yaml").mkdir()
    (tmp_path / "city.yaml").write_text(city("base.yaml"))
    assert problems_of(lambda: onestop.load(tmp_path / "city.yaml")) == [
        "extends: 'base.yaml' is a folder: only regular files are read"
    ]


def test_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    assert problems_of(lambda: onestop.load(tmp_path / "gone.yaml")) == [
        "cannot read the file: no such file"
    ]


# ------------------------------------------------------------------- the size limit
def test_a_file_past_max_bytes_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text(BASE)
    size = path.stat().st_size
    (found,) = problems_of(lambda: onestop.load(path, max_bytes=size - 1))
    assert found == (
        f"the file is larger than the limit of {size - 1:,} bytes ({size:,} or more): "
        "pass a larger max_bytes= to read it"
    )
    assert onestop.load(path, max_bytes=size).id == "national"


def test_a_base_past_max_bytes_is_refused(tmp_path: Path) -> None:
    (tmp_path / "base.yaml").write_text(BASE)
    (tmp_path / "city.yaml").write_text(city("base.yaml"))
    (found,) = problems_of(lambda: onestop.load(tmp_path / "city.yaml", max_bytes=1000))
    assert found.startswith("extends: 'base.yaml' is larger than the limit of 1,000 bytes")


def test_text_past_the_default_limit_is_refused_without_parsing() -> None:
    text = "format: onestop/1\nnote: '" + "x" * (16 * 1024 * 1024) + "'\n"
    started = time.perf_counter()
    (found,) = problems_of(lambda: onestop.loads(text))
    assert time.perf_counter() - started < 2  # parsing 16 MiB of YAML takes far longer
    assert found.startswith("the text is larger than the limit of 16,777,216 bytes")


@pytest.mark.parametrize("text", ["é" * 600, ("é" * 600).encode()])
def test_the_limit_counts_utf8_bytes(text: str | bytes) -> None:
    (found,) = problems_of(lambda: onestop.loads(text, max_bytes=1000))
    assert found.startswith("the text is larger than the limit of 1,000 bytes (1,200)")


# ----------------------------------------------------------------- option types
@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: onestop.load(None), "path must be a path"),  # type: ignore[arg-type]
        (lambda: onestop.load(b"x.yaml"), "path must be a path"),  # type: ignore[arg-type]
        (lambda: onestop.loads(42), "text must be str or bytes"),  # type: ignore[arg-type]
        (lambda: onestop.loads("", format=None), "format must be a string"),  # type: ignore[arg-type]
        (lambda: onestop.loads("", max_bytes="16M"), "max_bytes must be a whole number"),  # type: ignore[arg-type]
        (lambda: onestop.loads("", max_bytes=True), "max_bytes must be a whole number"),
        (lambda: onestop.loads("", folder=3), "folder must be a path"),  # type: ignore[arg-type]
        (lambda: onestop.loads("", source=None), "source must be a string"),  # type: ignore[arg-type]
        (lambda: onestop.from_dict({}, root=[]), "root must be a path"),  # type: ignore[arg-type]
    ],
)
def test_options_of_the_wrong_type_are_type_errors_naming_them(
    call: Callable[[], Any], message: str
) -> None:
    with pytest.raises(TypeError, match=message):
        call()


@pytest.mark.parametrize("limit", [0, -1])
def test_a_limit_below_one_byte_is_refused_naming_it(limit: int) -> None:
    with pytest.raises(onestop.CatalogueError, match=f"max_bytes must be at least 1, got {limit}"):
        onestop.loads("format: onestop/1\nid: x\nname: X\n", max_bytes=limit)
