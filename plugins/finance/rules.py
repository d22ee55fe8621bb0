"""Finance warning rules (DOMAIN §5): ``cash_rules`` and ``late_reimbursement``.

Both are sweep rules over the ledgers, so vouchers imported from a township's old books are
judged exactly like those booked by a case. Each returns everything wrong in the tenant now;
the rule engine opens, keeps or closes the warnings accordingly.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from core import settings
from core.catalog.models import Item
from core.workflow.models import Case, StepRun
from plugins.finance.models import CashRecord, Voucher, fen, yuan
from tenants.models import Tenant, Village


def _limit_fen(tenant: Tenant, key: str) -> int:
    return fen(Decimal(str(settings.value(tenant, key))))


def cash_findings(sess: Session, tenant: Tenant, now: datetime) -> list[dict]:
    """Cash payments at or above the limit, and month-end cash on hand above the limit."""
    payment_limit = _limit_fen(tenant, "finance.cash_payment_limit")
    on_hand_limit = _limit_fen(tenant, "finance.cash_on_hand_limit")
    found = []
    payments = sess.execute(
        select(Voucher, Village.name)
        .join(Village, Village.id == Voucher.village_id)
        .where(
            Voucher.tenant_id == tenant.id,
            Voucher.kind == "expense",
            Voucher.method == "cash",
            Voucher.amount_fen >= payment_limit,
        )
    )
    for voucher, village in payments:
        found.append(
            {
                "subject": f"voucher:{voucher.id}:cash",
                "message": (
                    f"{village}凭证 {voucher.voucher_no}（{voucher.purpose}）以现金支付"
                    f" {voucher.amount} 元，达到现金支付限额 {yuan(payment_limit)} 元，应通过银行转账。"
                ),
                "village_id": voucher.village_id,
                "case_id": voucher.case_id,
                "details": {"voucher_no": voucher.voucher_no, "amount": str(voucher.amount)},
            }
        )
    records = sess.execute(
        select(CashRecord, Village.name)
        .join(Village, Village.id == CashRecord.village_id)
        .where(CashRecord.tenant_id == tenant.id, CashRecord.cash_fen > on_hand_limit)
    )
    for record, village in records:
        found.append(
            {
                "subject": f"cash:{record.village_id}:{record.year}-{record.month:02d}",
                "message": (
                    f"{village}{record.year}年{record.month}月末库存现金 {record.cash_on_hand} 元，"
                    f"超过库存现金限额 {yuan(on_hand_limit)} 元，超出部分应及时存入银行。"
                ),
                "village_id": record.village_id,
                "case_id": record.case_id,
                "details": {"year": record.year, "month": record.month},
            }
        )
    return found


def months_before(day: date, months: int) -> date:
    """The same day ``months`` months earlier (the last day of a shorter month)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def deadline_for(year: int, month: int, day: int) -> date:
    """The last day to report month ``year-month``: ``day`` of the month after it."""
    year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def late_findings(sess: Session, tenant: Tenant, now: datetime) -> list[dict]:
    """Bills booked more than the allowed months after they were issued, and monthly
    accounts reported after the township's deadline."""
    months = int(settings.value(tenant, "finance.bill_age_months"))
    found = []
    vouchers = sess.execute(
        select(Voucher, Village.name)
        .join(Village, Village.id == Voucher.village_id)
        .where(
            Voucher.tenant_id == tenant.id,
            Voucher.kind == "expense",
            Voucher.bill_date.is_not(None),
        )
    )
    for voucher, village in vouchers:
        if voucher.bill_date >= months_before(voucher.booked_on, months):
            continue
        found.append(
            {
                "subject": f"voucher:{voucher.id}:late",
                "message": (
                    f"{village}凭证 {voucher.voucher_no}（{voucher.purpose}）的票据开具于"
                    f" {voucher.bill_date.isoformat()}，{voucher.booked_on.isoformat()} 才报账入账，"
                    f"超过 {months} 个月的报账期限。"
                ),
                "village_id": voucher.village_id,
                "case_id": voucher.case_id,
                "details": {"voucher_no": voucher.voucher_no},
            }
        )
    return found + _late_months(sess, tenant)


def _late_months(sess: Session, tenant: Tenant) -> list[dict]:
    day = int(settings.value(tenant, "finance.reimbursement_day"))
    zone = ZoneInfo(tenant.timezone)
    runs = sess.execute(
        select(Case, StepRun, Village.name)
        .join(Item, Item.id == Case.item_id)
        .join(StepRun, StepRun.case_id == Case.id)
        .join(Village, Village.id == Case.village_id)
        .where(
            Case.tenant_id == tenant.id,
            Item.key == "finance.monthly_accounts",
            StepRun.step_key == "collect",
            StepRun.status == "completed",
        )
        .order_by(StepRun.id)
    )
    first: dict[int, tuple] = {}
    for case, run, village in runs:
        first.setdefault(case.id, (case, run, village))  # a returned case: its first report
    found = []
    for case, run, village in first.values():
        year, month = (case.data or {}).get("year"), (case.data or {}).get("month")
        if not (year and month):
            continue
        deadline = deadline_for(year, month, day)
        reported = run.completed_at.astimezone(zone).date()
        if reported <= deadline:
            continue
        found.append(
            {
                "subject": f"case:{case.id}:late",
                "message": (
                    f"{village}{year}年{month}月的账目于 {reported.isoformat()} 才报账，"
                    f"晚于 {deadline.isoformat()} 的报账截止日。"
                ),
                "village_id": case.village_id,
                "case_id": case.id,
                "details": {"year": year, "month": month, "deadline": deadline.isoformat()},
            }
        )
    return found


RULES = [
    {
        "key": "finance.cash_rules",
        "name": "现金管理违规",
        "severity": "yellow",
        "description": "单笔达到现金支付限额（默认1000元）仍以现金支付，或月末库存现金超过限额"
        "（默认5000元）。",
        "trigger": "sweep",
        "check": cash_findings,
    },
    {
        "key": "finance.late_reimbursement",
        "name": "逾期报账",
        "severity": "yellow",
        "description": "票据开具后超过报账期限（默认2个月）才报账入账，或月度账目晚于每月报账"
        "截止日（默认20日）报送。",
        "trigger": "sweep",
        "check": late_findings,
    },
]
