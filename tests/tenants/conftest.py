"""Helpers for the admin page tests: post a page's form the way a browser would, and read
back what reached the database."""

from __future__ import annotations

import re

import pytest

from core import db
from core.testing import csrf_token


@pytest.fixture
def post_form(client):
    """``post_form(page, data, action=None, prefix="")``: submit a form found on ``page``.

    The CSRF token is read from the page, as a browser has it; ``prefix`` is the form's
    field prefix (its token field is then ``<prefix>-csrf_token``).
    """

    def post(page, data, *, action=None, prefix=""):
        field = f"{prefix}-csrf_token" if prefix else "csrf_token"
        return client.post(action or page, data={field: csrf_token(client, page), **data})

    return post


_TOKEN = re.compile(r'(name="[\w-]*csrf_token"[^>]*value=)"[^"]*"')


@pytest.fixture
def page_of():
    """``page_of(response)``: the page's text with CSRF tokens blanked. Tokens carry a
    timestamp, so two otherwise identical pages differ in them from one second to the next."""

    def text(response):
        return _TOKEN.sub(r'\1""', response.get_data(as_text=True))

    return text


@pytest.fixture
def stored(app):
    """``stored(statement)``: the rows a fresh, unscoped session reads now."""

    def read(statement):
        with app.app_context(), db.system_scope() as sess:
            return sess.execute(statement).all()

    return read
