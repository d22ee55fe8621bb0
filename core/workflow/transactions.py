"""Committing a change to a case: lost races answer 409, replays answer the first result.

Two people completing the same step at once both read version N; the first to commit bumps it
to N+1 and the second's update finds no row at version N (``StaleDataError``): it gets a 409
with a message, and nothing of its attempt is kept. A request resubmitted with the same
``Idempotency-Key`` is not carried out again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from core.errors import Conflict, Invalid

from .models import Case, IdempotencyKey

MAX_KEY = 100


@contextmanager
def case_change(sess: Session) -> Iterator[None]:
    """Commit the block's changes; a concurrent change to the same case becomes a 409."""
    try:
        yield
        sess.commit()
    except StaleDataError as exc:
        sess.rollback()
        raise Conflict(
            "该办件刚被他人办理或修改，请刷新后查看最新状态再操作。", code="concurrent_change"
        ) from exc


def once(
    sess: Session, tenant_id: int, key: str | None, case_id: int, action: Callable[[], None]
) -> bool:
    """Run ``action`` unless ``key`` was used before for this case; True if it ran.

    The key is stored in the same transaction as the change, so a retry after a lost answer
    never completes a step twice.
    """
    if not key:
        action()
        return True
    if len(key) > MAX_KEY:
        raise Invalid(f"Idempotency-Key 不能超过 {MAX_KEY} 个字符。")
    used = sess.scalar(
        select(IdempotencyKey).where(
            IdempotencyKey.tenant_id == tenant_id, IdempotencyKey.key == key
        )
    )
    if used is not None:
        if used.case_id != case_id:
            raise Conflict("该 Idempotency-Key 已用于另一个办件。", code="idempotency_reused")
        return False
    sess.add(IdempotencyKey(tenant_id=tenant_id, key=key, case_id=case_id))
    try:
        sess.flush()
    except IntegrityError as exc:  # the same request, at the same moment, from a retry
        sess.rollback()
        raise Conflict(
            "相同的请求正在处理，请稍后刷新查看结果。", code="duplicate_request"
        ) from exc
    action()
    return True


def reload(sess: Session, case_id: int) -> Case:
    sess.expire_all()
    return sess.get(Case, case_id)
