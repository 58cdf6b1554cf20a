"""`zastita writtenforms list | show | check`: the specs from the command line."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from .test_specs import V2
from .toy import TOY_CODE


def _run(*args: str) -> str:
    out = StringIO()
    call_command("writtenforms", *args, stdout=out)
    return out.getvalue()


def test_list_and_show(db, toy_spec):
    listed = _run("list")
    assert f"{TOY_CODE}\ttoy\tv1" in listed
    assert "findings\tidentification\tv1" in listed
    assert "key_section: plan" in _run("show", TOY_CODE)
    with pytest.raises(CommandError):
        _run("show", "nope")


def test_check_names_the_line_and_the_reason(tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text(V2, encoding="utf-8")
    assert "2 sections, key plan" in _run("check", str(good))
    bad = tmp_path / "bad.yaml"
    bad.write_text(V2.replace("required: true", "required: maybe"), encoding="utf-8")
    with translation.override("en"), pytest.raises(CommandError, match=r"bad.yaml:7: "):
        _run("check", str(bad))
    with pytest.raises(CommandError):
        _run("check", str(tmp_path / "missing.yaml"))
