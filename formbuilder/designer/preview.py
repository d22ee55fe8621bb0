"""The live preview: the generated forms and the flowchart of a definition being edited.

Both come from the same code that serves cases and the catalogue (``formbuilder.forms`` and
``core.documents.flowchart``), so what the admin previews is what villages will get.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import render_template
from sqlalchemy.orm import Session

from core.catalog.present import field_labels, role_names
from core.documents.flowchart import flowchart_svg
from formbuilder.definitions import expand_steps, load_item_definition
from formbuilder.forms import build_form
from tenants.models import Tenant


@dataclass(frozen=True)
class Preview:
    #: the generated forms of the steps that have fields, as an HTML fragment
    forms: str
    #: the flowchart as SVG text
    flowchart: str


def preview(sess: Session, tenant: Tenant, definition: object) -> Preview:
    """Raises ``Invalid`` with the faults by path when ``definition`` does not load."""
    loaded = load_item_definition(definition if isinstance(definition, dict) else {})
    steps = expand_steps(loaded, tenant.effective_settings())
    names = role_names(sess)
    forms = [
        (step, build_form(step["fields"])(formdata=None, meta={"csrf": False}))
        for step in steps
        if step.get("fields")
    ]
    html = render_template("designer/_preview.html", forms=forms, roles=names)
    svg = flowchart_svg(loaded, steps, role_names=names, labels=field_labels(steps))
    return Preview(forms=html, flowchart=svg)
