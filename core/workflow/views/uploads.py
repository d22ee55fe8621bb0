"""Files chosen on a step form travel with the form itself (multipart), with or without script.

One path for every browser: there is no separate upload round trip to get wrong, and a page
without JavaScript works the same. Each chosen file is stored and committed before the step
is submitted, and its reference replaces the file in the form's data; when the step is then
refused, the page shown again carries that reference in a hidden input, so the file is not
asked for twice. (``POST /t/<slug>/attachments`` stays for API clients and scripts.)
"""

from __future__ import annotations

import json

from flask import current_app
from werkzeug.datastructures import FileStorage, MultiDict

from core import db
from core.attachments.operations import store_upload
from core.errors import Forbidden, Invalid
from formbuilder.fieldtypes.special import AttachmentType
from tenants.models import Tenant

from . import acting


def store_chosen_files(
    tenant: Tenant, fields: list[dict], form: MultiDict, files: MultiDict
) -> tuple[MultiDict, dict[str, str]]:
    """The form's data with each attachment field's chosen file stored and replaced by its
    reference, and the refusals by field key (that file is left out; the rest goes on)."""
    data = form.copy()
    faults: dict[str, str] = {}
    for definition in fields:
        chosen = files.get(definition["key"])
        if definition["type"] != "attachment" or chosen is None or not chosen.filename:
            continue
        sess = db.session()
        try:
            reference = _store(tenant, definition, chosen)
            sess.commit()
        except (Invalid, Forbidden) as exc:
            sess.rollback()
            faults[definition["key"]] = exc.message
        else:
            data.setlist(definition["key"], [json.dumps(reference, ensure_ascii=False)])
    return data, faults


def _store(tenant: Tenant, definition: dict, chosen: FileStorage) -> dict:
    """Store ``chosen`` under the field's own limits; the reference the field type keeps."""
    limit = current_app.config["QINGDAN"].attachment_max_mb
    stored = store_upload(
        db.session(),
        tenant,
        acting.me(),
        chosen,
        accept=definition.get("accept"),
        max_size_mb=min(definition.get("max_size", AttachmentType.default_max_size), limit),
    )
    return {
        "id": str(stored.id),
        "name": stored.filename,
        "content_type": stored.content_type,
        "size": stored.size,
    }
