"""Page forms generated from field definitions (WTForms, through Flask-WTF for CSRF).

The generated form collects raw values with the fields of ``fieldtypes`` and judges them with
``clean_submission``, exactly as the API schema does; faults are put on the fields they
belong to (a table cell on its cell) and also listed in ``form.faults`` by path.
"""

from __future__ import annotations

import re
from typing import Any

from flask_wtf import FlaskForm
from wtforms import Form
from wtforms.fields import Field, FieldList, FormField

from formbuilder.fieldtypes import clean_submission
from formbuilder.fieldtypes.submission import field_type
from formbuilder.fieldtypes.wtf import fields_by_key, form_class

_STEP = re.compile(r"\.?([a-z][a-z0-9_]*)|\[(\d+)\]")


class SubmissionForm(FlaskForm):
    """Base of generated forms. After ``validate()``, ``cleaned_data`` holds the step's data
    (hidden fields dropped, computed fields computed and shown) and ``faults`` the messages
    by path."""

    #: the field definitions the form was built from, as ``load_fields`` returned them
    definitions: list[dict] = []
    #: set anew (never mutated) by ``validate``; declared here so that no field shadows them
    cleaned_data: dict = {}
    faults: dict[str, str] = {}

    def field(self, key: str) -> Field:
        """The bound field of the definition ``key`` (its attribute may be ``key_``)."""
        return fields_by_key(self)[key]

    def raw_data(self) -> dict[str, Any]:
        """What was submitted, by field key, before any judgement."""
        inputs = fields_by_key(self)
        return {
            d["key"]: inputs[d["key"]].data for d in self.definitions if field_type(d).takes_input
        }

    def validate(self, extra_validators: dict | None = None) -> bool:
        fields_valid = super().validate(extra_validators)  # CSRF, and nothing else
        self.cleaned_data, self.faults = clean_submission(self.definitions, self.raw_data())
        for path, message in self.faults.items():
            _attach(self, path, message)
        self._show_computed()
        return fields_valid and not self.faults

    def _show_computed(self) -> None:
        """Put the server's computed values in their read-only inputs, for the page shown
        again after a failed submission."""
        for definition in self.definitions:
            kind = field_type(definition)
            if not kind.takes_input and definition["key"] in self.cleaned_data:
                value = self.cleaned_data[definition["key"]]
                self.field(definition["key"]).data = kind.dump(value, definition)


def build_form(fields: list[dict]) -> type[SubmissionForm]:
    """A form class for the loaded field definitions ``fields``; HTML names are the keys
    (a table cell is ``quotes-0-price``, a person's ID ``applicant-id_number``)."""
    unbound = {d["key"]: field_type(d).to_wtforms(d) for d in fields}
    form = form_class(SubmissionForm, unbound, "GeneratedForm")
    form.definitions = fields
    return form


def _attach(form: Form, path: str, message: str) -> None:
    """Put ``message`` on the field ``path`` names, or the nearest enclosing one."""
    target: Field | None = None
    scope: Any = form
    for match in _STEP.finditer(path):
        name, index = match.groups()
        if name is not None and isinstance(scope, Form) and name in fields_by_key(scope):
            target = fields_by_key(scope)[name]
        elif index is not None and isinstance(target, FieldList) and int(index) < len(target):
            target = target[int(index)]
        else:
            break
        scope = target.form if isinstance(target, FormField) else target
    if isinstance(target, FormField):
        target.form.form_errors.append(message)
    elif target is not None:
        target.errors.append(message)
    else:
        form.form_errors.append(message)
