"""Helpers for submitting to a generated form and a generated schema side by side."""

from __future__ import annotations

import json

import pytest
from marshmallow import ValidationError
from werkzeug.datastructures import MultiDict

from formbuilder.definitions.form import load_fields
from formbuilder.forms import build_form
from formbuilder.schemas import build_schema


class Both:
    """One field list rendered both ways: the page form and the API schema."""

    def __init__(self, definitions: list[dict]) -> None:
        self.fields = load_fields(json.loads(json.dumps(definitions)))  # as stored: JSON
        self.form_class = build_form(self.fields)
        self.schema = build_schema(self.fields)

    def form(self, formdata) -> object:
        """A validated form instance (call inside a request context)."""
        form = self.form_class(meta={"csrf": False}, formdata=MultiDict(formdata))
        form.validate()
        return form

    def schema_faults(self, payload: dict) -> dict[str, str]:
        with pytest.raises(ValidationError) as caught:
            self.schema.load(payload)
        return {path: "；".join(messages) for path, messages in caught.value.messages.items()}


@pytest.fixture
def both():
    return Both
