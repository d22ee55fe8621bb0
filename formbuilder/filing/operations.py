"""Filing (备案) of a township's local item with its county.

draft → ``submit`` → county ``approve`` or ``return_draft`` (with a comment) → township
``publish``. A township may ``withdraw`` a submission the county has not decided yet.

Submitting freezes what the county reviews: the definition is copied into the filing with its
digest, and saving over the draft is refused while it is under review (see
``models._submitted_drafts_are_frozen``); the township withdraws, edits and submits again.
A draft edited after approval no longer matches the approval, so publishing refuses it until
it is filed again. Every transition is audited on the township's chain and tells the people
who act next.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.audit import record
from core.auth.models import User
from core.catalog import operations as catalog
from core.catalog.models import Item, ItemVersion
from core.db import utcnow
from core.errors import Conflict, Invalid, NotFound
from core.notifications.operations import notify
from tenants.models import Tenant

from .models import OPEN, Filing

LOCAL_PREFIX = "local."
#: the longest comment a county may write when it returns a draft
MAX_COMMENT = 2000


def filings_of(sess: Session, item: Item) -> list[Filing]:
    """The item's filing history, newest first."""
    return list(
        sess.scalars(select(Filing).where(Filing.item_id == item.id).order_by(Filing.id.desc()))
    )


def history(sess: Session, township: Tenant) -> list[Filing]:
    """Every filing of the township, newest first."""
    return list(
        sess.scalars(
            select(Filing).where(Filing.tenant_id == township.id).order_by(Filing.id.desc())
        )
    )


def queue(sess: Session, county: Tenant) -> list[Filing]:
    """What waits for the county's decision, across its townships, oldest first."""
    townships = select(Tenant.id).where(Tenant.parent_id == county.id)
    return list(
        sess.scalars(
            select(Filing)
            .where(Filing.tenant_id.in_(townships), Filing.status == "submitted")
            .order_by(Filing.id)
        )
    )


def filing_by_id(sess: Session, township: Tenant, filing_id: int) -> Filing:
    found = sess.scalar(
        select(Filing).where(Filing.id == filing_id, Filing.tenant_id == township.id)
    )
    if found is None:
        raise NotFound("找不到该备案记录。")
    return found


def open_filing(sess: Session, item: Item) -> Filing | None:
    """The submission that still speaks for the item's draft, if any."""
    return sess.scalar(
        select(Filing)
        .where(Filing.item_id == item.id, Filing.status.in_(OPEN))
        .order_by(Filing.id.desc())
        .limit(1)
    )


def local_item(sess: Session, township: Tenant, key: str) -> Item:
    """A township's own item: only those are filed (county items need no filing)."""
    item = catalog.item_by_key(sess, township, key)
    if item.origin != "township":
        raise NotFound("找不到该乡镇特色事项。")
    return item


def create_local_item(sess: Session, township: Tenant, definition: dict, actor: User) -> Item:
    """A new local item (特色事项) of ``township`` as a draft, keyed ``local.<…>`` so that it
    can never shadow an item of the county's list."""
    if township.kind != "township":
        raise Invalid("特色事项由乡镇（街道）创建。")
    key = definition.get("key")
    if isinstance(key, str) and not key.startswith(LOCAL_PREFIX):
        raise Invalid(
            "特色事项的标识须以“local.”开头，如“local.street_lights”。",
            fields={"key": "须以 local. 开头"},
        )
    return catalog.create_item(sess, township, definition, origin="township", actor_id=actor.id)


def submit(sess: Session, township: Tenant, item: Item, actor: User) -> Filing:
    """Send the item's draft to the county; what is submitted is frozen in the filing."""
    _own(township, item)
    draft = item.draft
    if draft is None:
        raise Conflict("该事项没有待备案的草稿，请先保存草稿。", code="no_draft")
    current = open_filing(sess, item)
    if current is not None and current.status == "submitted":
        raise Conflict("该草稿已提交备案，正在等待县级审核。", code="already_submitted")
    if current is not None:  # approved, then edited: the old approval no longer applies
        _close(current, "withdrawn")
    filing = Filing(
        tenant_id=township.id,
        item_id=item.id,
        version_id=draft.id,
        status="submitted",
        definition_json=draft.definition_json,
        digest=draft.digest,
        submitted_by_id=actor.id,
    )
    sess.add(filing)
    sess.flush()
    _audit(sess, filing, "filing.submitted", draft)
    notify(
        sess,
        township.county,
        "county_admin",
        f"{township.name}提交了“{draft.name}”（第 {draft.number} 版）的备案，请审核。",
        _link(township, filing),
    )
    return filing


def withdraw(sess: Session, township: Tenant, item: Item, actor: User) -> Filing:
    """Take a submission back before the county decides; the draft may be edited again."""
    _own(township, item)
    filing = _pending(sess, item, "submitted", "没有等待审核的备案可以撤回。")
    _close(filing, "withdrawn")
    sess.flush()
    _audit(sess, filing, "filing.withdrawn", filing.version)
    return filing


def approve(sess: Session, township: Tenant, item: Item, reviewer: User) -> Filing:
    """The county accepts the submitted draft; the township may now publish it."""
    _own(township, item)
    filing = _pending(sess, item, "submitted", "没有等待审核的备案。")
    filing.status = "approved"
    _reviewed(filing, reviewer, None)
    sess.flush()
    _audit(sess, filing, "filing.approved", filing.version)
    _tell_township(sess, township, filing, "已通过县级备案，可以发布")
    return filing


def return_draft(
    sess: Session, township: Tenant, item: Item, reviewer: User, comment: str
) -> Filing:
    """The county sends the draft back with what must change."""
    _own(township, item)
    comment = (comment or "").strip()
    if not comment:
        raise Invalid("退回时必须填写意见，说明需要修改什么。", fields={"comment": "必填"})
    if len(comment) > MAX_COMMENT:
        raise Invalid(
            f"意见最多 {MAX_COMMENT} 个字。", fields={"comment": f"最多 {MAX_COMMENT} 个字"}
        )
    filing = _pending(sess, item, "submitted", "没有等待审核的备案。")
    _close(filing, "returned")
    _reviewed(filing, reviewer, comment)
    sess.flush()
    _audit(sess, filing, "filing.returned", filing.version, comment=comment)
    _tell_township(sess, township, filing, f"被县级退回：{comment}")
    return filing


def publish(sess: Session, township: Tenant, item: Item, actor: User) -> ItemVersion:
    """Publish the approved draft: villages see it in their list, and new cases start with it.

    Only exactly the approved text is published: a draft changed since is refused.
    """
    _own(township, item)
    filing = _pending(sess, item, "approved", "该草稿尚未通过县级备案，不能发布。")
    draft = item.draft
    if draft is None or draft.id != filing.version_id or draft.digest != filing.digest:
        raise Conflict(
            "草稿在备案通过后又修改过，与县级审核的内容不一致，请重新提交备案。",
            code="draft_changed",
        )
    version = catalog.publish(sess, item)
    filing.status = "published"
    filing.closed_at = utcnow()
    sess.flush()
    _audit(sess, filing, "filing.published", version)
    return version


def _own(township: Tenant, item: Item) -> None:
    if township.kind != "township" or item.tenant_id != township.id or item.origin != "township":
        raise NotFound("找不到该乡镇特色事项。")


def _pending(sess: Session, item: Item, status: str, message: str) -> Filing:
    filing = open_filing(sess, item)
    if filing is None or filing.status != status:
        raise Conflict(message, code="wrong_state")
    return filing


def _close(filing: Filing, status: str) -> None:
    filing.status = status
    filing.closed_at = utcnow()


def _reviewed(filing: Filing, reviewer: User, comment: str | None) -> None:
    filing.reviewer_id = reviewer.id
    filing.reviewed_at = utcnow()
    filing.comment = comment


def _tell_township(sess: Session, township: Tenant, filing: Filing, what: str) -> None:
    version = filing.version
    notify(
        sess,
        township,
        "township_admin",
        f"“{version.name}”（第 {version.number} 版）{what}",
        _link(township, filing),
    )


def _link(township: Tenant, filing: Filing) -> str:
    return f"/t/{township.slug}/filings/{filing.id}"


def _audit(sess: Session, filing: Filing, action: str, version: ItemVersion, **extra) -> None:
    record(
        sess,
        tenant_id=filing.tenant_id,
        action=action,
        subject_type="item",
        subject_id=filing.item_id,
        payload={
            "filing": filing.id,
            "key": filing.item.key,
            "version": version.number,
            "digest": filing.digest,
            **extra,
        },
    )
