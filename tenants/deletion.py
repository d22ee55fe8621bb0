"""Removing a township for good: ``qingdan tenant delete``.

Every row of every tenant-owned table that carries the tenant's id goes, then its attachment
files, then the tenant itself; nothing of any other tenant is touched, and user accounts stay
(a person may work for several townships; they only lose their memberships here). A tenant
with townships under it is refused: those go first, each on its own. The deletion is recorded
in the parent county's audit chain, since the tenant's own chain goes with it. Export the
tenant first (:mod:`tenants.archive`) if its record must be kept.
"""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from core import db
from core.attachments.storage import Storage
from core.audit import record
from core.errors import Invalid
from core.schema import all_metadata

from .models import Tenant


def delete_tenant(sess: Session, storage: Storage, tenant: Tenant) -> dict[str, int]:
    """Delete ``tenant`` and all it owns; the number of rows removed per table."""
    with db.system_scope(sess):
        if sess.scalar(select(Tenant.id).where(Tenant.parent_id == tenant.id).limit(1)):
            raise Invalid(f"“{tenant.name}”下还有乡镇（街道），请先删除它们。")
        owned = [t for t in reversed(all_metadata().sorted_tables) if "tenant_id" in t.c]
        attachments = all_metadata().tables["attachments"]
        keys = sess.scalars(
            select(attachments.c.storage_key).where(attachments.c.tenant_id == tenant.id)
        ).all()
        removed = {}
        for table in owned:
            result = sess.execute(delete(table).where(table.c.tenant_id == tenant.id))
            if result.rowcount:
                removed[table.name] = result.rowcount
        parent_id, slug, name = tenant.parent_id, tenant.slug, tenant.name
        sess.expunge(tenant)
        sess.execute(delete(Tenant.__table__).where(Tenant.__table__.c.id == tenant.id))
        if parent_id is not None:
            record(
                sess,
                tenant_id=parent_id,
                action="tenant.deleted",
                subject_type="tenant",
                subject_id=slug,
                payload={"name": name, "rows": removed},
            )
        sess.commit()
    for key in keys:  # after the commit: a failed deletion must not lose the files
        storage.delete(key)
    return removed
