"""The WTForms side of field types: fields that collect raw input and judge none of it.

WTForms' own fields coerce and validate as they read (``IntegerField`` says "Not a valid
integer value"), which would give a page different messages from the API. The fields here keep
what the browser sent; ``clean_submission`` judges it for both. Inputs carry their conditions
as ``data-visible-when`` / ``data-required-when`` for json-logic-js in the browser.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup, escape
from wtforms import Form
from wtforms.fields import BooleanField, Field, FileField, StringField
from wtforms.fields.core import UnboundField
from wtforms.widgets import FileInput, HiddenInput


def field_kwargs(definition: dict, **render_kw: Any) -> dict:
    """What every generated field gets: label, help, HTML name and browser hints.

    No HTML ``required``: whether a field is required can hang on a condition, which the
    page's script follows from the ``data-`` hints, and the server decides in any case.
    """
    hints = dict(render_kw)
    for setting in ("visible_when", "required_when"):
        if setting in definition:
            hints[f"data-{setting.replace('_', '-')}"] = json.dumps(definition[setting])
    return {
        "label": definition["label"],
        "description": definition.get("help", ""),
        "name": definition["key"],
        "render_kw": hints,
    }


def form_class(base: type[Form], fields: dict[str, UnboundField], name: str) -> type:
    """A form class holding ``fields`` (HTML name -> field), whatever the names are.

    A key such as ``data`` or ``validate`` would shadow the form's own attribute, so such a
    field is stored under ``data_``; its HTML name, and ``fields_by_key``, still say ``data``.
    """
    attributes = {(key + "_" if hasattr(base, key) else key): f for key, f in fields.items()}
    return type(name, (base,), attributes)


def fields_by_key(form: Form) -> dict[str, Field]:
    return {f.short_name: f for f in form}


class SectionField(Field):
    """A heading between fields; it reads nothing from the request."""

    def __call__(self, **kwargs: Any) -> Markup:
        help_text = f"<p>{escape(self.description)}</p>" if self.description else ""
        return Markup(f'<h3 class="form-section">{escape(self.label.text)}</h3>{help_text}')

    def process_formdata(self, valuelist: list) -> None:
        self.data = None


class ComputedField(StringField):
    """Shows a computed value read-only; what the browser sends back is never used."""

    def process_formdata(self, valuelist: list) -> None:
        self.data = None


class SignatureField(BooleanField):
    """A checkbox "I confirm" whose value is what ``signature`` stores: ``{"confirmed": true}``."""

    def process_data(self, value: Any) -> None:
        self.data = value if isinstance(value, dict) else None

    def process_formdata(self, valuelist: list) -> None:
        ticked = bool(valuelist) and valuelist[0] not in self.false_values
        self.data = {"confirmed": True} if ticked else None


class _AttachmentInput:
    """A file input, plus the stored reference of the file already attached (if any)."""

    def __call__(self, field: AttachmentField, **kwargs: Any) -> Markup:
        html = FileInput()(field, **kwargs)
        if isinstance(field.data, dict):
            reference = json.dumps(field.data, ensure_ascii=False)
            html += HiddenInput()(field, id=f"{field.id}-reference", value=reference)
        return Markup(html)


class AttachmentField(FileField):
    """Collects a file *reference* (``{"id","name","content_type","size"}``) as JSON text.

    Files are stored by the upload service, which answers a reference; the page posts that
    reference. A bare uploaded file in the same request is not a reference and is left out.
    """

    widget = _AttachmentInput()

    def process_formdata(self, valuelist: list) -> None:
        texts = [value for value in valuelist if isinstance(value, str) and value]
        self.data = _reference(texts[-1]) if texts else None


def _reference(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return text
