"""Helpers for the API tests: headers for the ``world`` users, and error-shape checks."""

from __future__ import annotations

import pytest


@pytest.fixture
def auth(world, api_token):
    """``auth("a1_admin")`` -> headers carrying a fresh token of that ``world`` user."""
    return lambda name: api_token(getattr(world.users, name))


@pytest.fixture
def error_of():
    """``error_of(response, 404)`` -> the ``error`` object, after checking status and shape."""

    def check(response, status: int) -> dict:
        assert response.status_code == status, response.get_data(as_text=True)
        assert response.is_json
        error = response.json["error"]
        assert error["code"] and error["message"]
        return error

    return check
