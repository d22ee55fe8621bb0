"""Rate limits and duplicate checks for public submissions, without accounts.

Every accepted report or objection leaves a :class:`PublicSubmission` row (the client as an
HMAC of its address, the text as a digest). Counting those rows in the database works across
every app process and survives restarts; rows older than the longest window are pruned as new
ones arrive. A refusal says when to try again (429 with Retry-After).
"""

from __future__ import annotations

import hashlib
import hmac
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from core.db import utcnow
from core.errors import Conflict, Throttled
from core.supervision.models import PublicSubmission
from tenants.models import Village


@dataclass(frozen=True)
class Limit:
    count: int
    window: timedelta
    message: str


#: one villager files a few reports, not dozens: a burst, then an hour, per address
PER_CLIENT = (
    Limit(5, timedelta(minutes=10), "同一网络地址 10 分钟内最多提交 5 条"),
    Limit(20, timedelta(days=1), "同一网络地址一天内最多提交 20 条"),
)
#: a village's whole population rarely files more than this in an hour; past it, a flood
PER_VILLAGE = Limit(100, timedelta(hours=1), "本村 1 小时内的提交已达 100 条上限")
#: the same text from the same address within this window is a resubmission, not a new report
DUPLICATE_WINDOW = timedelta(days=1)
KEEP = max([limit.window for limit in PER_CLIENT] + [PER_VILLAGE.window, DUPLICATE_WINDOW])


class RateLimited(Throttled):
    def __init__(self, message: str, retry_after: int):
        super().__init__(message, code="rate_limited")
        self.retry_after = retry_after


def client_key(address: str, secret: str) -> str:
    """The address as an HMAC: enough to count by, useless to anyone reading the table."""
    return hmac.new(secret.encode(), (address or "").encode(), hashlib.sha256).hexdigest()


def text_digest(text: str) -> str:
    normalised = "".join(text.split()).casefold()
    return hashlib.sha256(normalised.encode()).hexdigest()


def check(sess: Session, village: Village, client: str, digest: str) -> None:
    """Raise :class:`RateLimited` or :class:`Conflict` if this submission must be refused."""
    now = utcnow()
    mine = PublicSubmission.client == client
    for limit in PER_CLIENT:
        _check_limit(sess, village, mine, limit, now)
    _check_limit(sess, village, PublicSubmission.village_id == village.id, PER_VILLAGE, now)
    same = sess.scalar(
        select(func.count()).where(
            PublicSubmission.tenant_id == village.tenant_id,
            mine,
            PublicSubmission.digest == digest,
            PublicSubmission.at > now - DUPLICATE_WINDOW,
        )
    )
    if same:
        raise Conflict(
            "您在一天内已提交过内容相同的意见，无需重复提交；请用收到的跟踪码查看办理情况。",
            code="duplicate",
        )


def record(sess: Session, village: Village, client: str, digest: str) -> None:
    """Count an accepted submission, and forget those too old to matter."""
    now = utcnow()
    sess.execute(
        delete(PublicSubmission).where(
            PublicSubmission.tenant_id == village.tenant_id, PublicSubmission.at < now - KEEP
        )
    )
    sess.add(
        PublicSubmission(
            tenant_id=village.tenant_id, village_id=village.id, client=client, digest=digest, at=now
        )
    )
    sess.flush()


def _check_limit(sess: Session, village: Village, which, limit: Limit, now: datetime) -> None:
    count, oldest = sess.execute(
        select(func.count(), func.min(PublicSubmission.at)).where(
            PublicSubmission.tenant_id == village.tenant_id,
            which,
            PublicSubmission.at > now - limit.window,
        )
    ).one()
    if count >= limit.count:
        wait = max(1, math.ceil((oldest + limit.window - now).total_seconds()))
        minutes = math.ceil(wait / 60)
        raise RateLimited(f"提交过于频繁：{limit.message}，请约 {minutes} 分钟后再试。", wait)
