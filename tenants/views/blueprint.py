"""The ``tenants`` blueprint, and how its pages report an operation's refusal."""

from __future__ import annotations

from flask import Blueprint
from flask_wtf import FlaskForm

from core.errors import Invalid

bp = Blueprint("tenants", __name__, template_folder="../templates")


def show_refusal(form: FlaskForm, exc: Invalid) -> int:
    """Put an operation's message next to the field it names (else above the form).

    Returns the status to answer with. The form keeps what the user typed, so a page
    rendered with it loses nothing.
    """
    for name in exc.fields:
        if name in form:
            form[name].errors = [*form[name].errors, exc.message]
            break
    else:
        form.form_errors.append(exc.message)
    return exc.status
