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


def test_rate_limit_counters_live_where_the_setting_says(tmp_path):
    from conftest import make_app
    from helpers import register
    from winnow import db

    app = make_app(tmp_path, RATELIMIT_STORAGE_URI="memory://", CLIENT_RATE_LIMIT="1/hour")
    client = app.test_client()
    register(client, "198.51.100.7")
    assert (
        client.post(
            "/api/clients", json={}, environ_base={"REMOTE_ADDR": "198.51.100.7"}
        ).status_code
        == 429
    )
    db.dispose(app)
    with pytest.raises(Exception, match="nosuch"):
        make_app(tmp_path, RATELIMIT_STORAGE_URI="nosuch://somewhere")


# Each setting's help makes a claim; this test proves it. A new setting needs one.
BUDGET = "test_workers.py::test_busy_is_a_503_with_retry_after_and_only_the_slow_page_is_a_422"
CLAIMS = {
    "DATABASE_URL": "test_serve.py::test_the_default_database_lives_in_the_users_data_directory",
    "MAX_BODY_BYTES": "test_hostile.py::test_a_twenty_megabyte_body_is_413_by_default",
    "MAX_ELEMENTS": "test_hostile.py::test_too_many_elements_is_422",
    "MAX_DEPTH": "test_hostile.py::test_too_deep_is_422",
    "ANALYSIS_TIMEOUT": BUDGET,
    "ANALYSIS_WAIT": BUDGET,
    "ANALYSIS_WORKERS": BUDGET,
    "API_TOKEN": "test_serve.py::test_the_token_is_required_on_every_call",
    "ADMIN_TOKEN": "test_trust.py::test_reports_are_listed_only_to_their_client_or_a_maintainer",
    "FEEDBACK_RATE_LIMIT": "test_feedback_api.py::test_reports_are_rate_limited_per_client",
    "ANALYZE_RATE_LIMIT": "test_trust.py::test_analyze_is_limited_per_address",
    "CLIENT_RATE_LIMIT": "test_trust.py::test_clients_are_issued_at_a_bounded_rate_per_address",
    "UNLIMITED_NETWORKS": "test_trust.py::test_one_person_on_a_local_server_is_never_throttled",
    "TRUSTED_PROXIES": "test_trust.py::test_forwarded_addresses_count_only_behind_a_trusted_proxy",
    "RATELIMIT_STORAGE_URI": (
        "test_settings.py::test_rate_limit_counters_live_where_the_setting_says"
    ),
    "TRUSTED_HOSTS": "test_http_edges.py::test_an_untrusted_host_without_an_origin_is_400",
    "EXTRA_ORIGINS": "test_origin.py::test_extra_origin_can_be_allowed",
    "ALLOW_FETCH": "test_fetch.py::test_the_server_url_mode_is_off_by_default",
    "FETCH_TIMEOUT": "test_fetch.py::test_the_fetch_setting_bounds_the_servers_fetches",
    "FETCH_MAX_BYTES": "test_fetch.py::test_the_fetch_setting_bounds_the_servers_fetches",
}


def test_every_setting_has_a_test_of_what_its_help_claims():
    assert set(CLAIMS) == {s.name for s in settings.SETTINGS}
    for claim in CLAIMS.values():
        module, test = claim.split("::")
        source = (ROOT / "tests" / module).read_text(encoding="utf-8")
        assert f"def {test}(" in source, claim
