"""The background job behind a handbook request (see :func:`core.jobs.enqueue`)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from core import db
from core.attachments.storage import current_storage
from core.auth.access import data_scope
from core.plugins import host

from . import operations
from .models import Document


def render_handbook(*, sess: Session, tenant_id: int, document_id: int, base_url: str) -> None:
    """Generate the handbook of document ``document_id``; ``base_url`` roots its QR codes
    (a worker has no request to take the site's address from)."""
    # a job is scoped to its tenant alone; the handbook also reads the county's list, as a
    # request of the township would
    db.set_scope(sess, data_scope({tenant_id}))
    document = sess.get(Document, document_id)
    if document is None or document.tenant_id != tenant_id:
        return  # deleted meanwhile, with its tenant
    operations.generate_handbook(sess, host(), current_storage(), document, base_url=base_url)
