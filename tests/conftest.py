"""Fixtures: a fresh app per test, with its own instance folder and database."""

from __future__ import annotations

import json

import pytest

from helpers import PAGES
from winnow import create_app


@pytest.fixture
def app(tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'winnow.db'}",
        }
    )
    app.instance_path = str(tmp_path)
    yield app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def seed_html() -> str:
    return (PAGES / "seed" / "page.html").read_text(encoding="utf-8")


@pytest.fixture
def seed_expected() -> dict:
    return json.loads((PAGES / "seed" / "expected.json").read_text(encoding="utf-8"))
