"""Settings are declared once; every one of them is documented in the README."""

from __future__ import annotations

import re

import pytest

from helpers import ROOT
from winnow import create_app, settings


def readme_settings_table() -> set[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return set(re.findall(r"^\|\s*`(WINNOW_[A-Z_]+)`\s*\|", readme, flags=re.MULTILINE))


def test_every_setting_is_in_the_readme_table():
    documented = readme_settings_table()
    missing = [s.env_var for s in settings.SETTINGS if s.env_var not in documented]
    assert not missing, f"settings missing from the README's table: {missing}"


def test_readme_table_lists_no_setting_that_does_not_exist():
    known = {s.env_var for s in settings.SETTINGS}
    assert readme_settings_table() <= known


def test_environment_overrides_defaults():
    found = settings.from_environ(
        {
            "WINNOW_MAX_BODY_BYTES": "1234",
            "WINNOW_ALLOW_FETCH": "yes",
            "WINNOW_EXTRA_ORIGINS": "https://a.example, https://b.example",
        }
    )
    assert found == {
        "MAX_BODY_BYTES": 1234,
        "ALLOW_FETCH": True,
        "EXTRA_ORIGINS": ["https://a.example", "https://b.example"],
    }


def test_bad_value_names_the_variable():
    with pytest.raises(ValueError, match="WINNOW_MAX_BODY_BYTES"):
        settings.from_environ({"WINNOW_MAX_BODY_BYTES": "lots"})


def test_app_reads_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("WINNOW_MAX_BODY_BYTES", "2048")
    monkeypatch.setenv("WINNOW_DATABASE_URL", f"sqlite:///{tmp_path / 'env.db'}")
    app = create_app()
    assert app.config["MAX_BODY_BYTES"] == 2048
    assert app.config["MAX_CONTENT_LENGTH"] == 2048


def test_every_setting_has_help_text():
    assert all(len(s.help) > 20 for s in settings.SETTINGS)
