"""村级财务管理 — financial management (报账, 联审联签, 村账镇代理): a built-in domain plugin.

Items: reimbursement with countersigning, payment approval, the monthly township-managed
accounts, borrowing, and the monthly finance disclosure (``items/``). Ledgers: vouchers and
the monthly cash count (``models.py``, written by ``ledger.py`` when a case is booked).
Rules: ``cash_rules`` and ``late_reimbursement`` (``rules.py``). Villager panel: 我们的钱包.
"""

from core import hookimpl

QINGDAN_CONTRACT = 1


@hookimpl
def qingdan_domain():
    return {
        "key": "finance",
        "name": "村级财务管理",
        "description": "村账镇代理，报账员报账，联审联签，现金、票据和开支分档审批。",
        "icon": "finance",
    }


@hookimpl
def qingdan_items():
    from plugins.finance.items import ITEMS

    return ITEMS


@hookimpl
def qingdan_settings():
    from plugins.finance.settings import SETTINGS

    return SETTINGS


@hookimpl
def qingdan_rules():
    from plugins.finance.rules import RULES

    return RULES


@hookimpl
def qingdan_responsibilities():
    from plugins.finance.lists import RESPONSIBILITIES

    return RESPONSIBILITIES


@hookimpl
def qingdan_prohibitions():
    from plugins.finance.lists import PROHIBITIONS

    return PROHIBITIONS


@hookimpl
def qingdan_step_completed(case, step_run):
    if not case.item.key.startswith("finance."):
        return
    from sqlalchemy.orm import object_session

    from plugins.finance.ledger import record_step

    record_step(object_session(case), case, step_run)


@hookimpl
def qingdan_public_panels(tenant, village):
    from plugins.finance.panels import wallet

    return [wallet(tenant, village)]


@hookimpl
def qingdan_blueprints():
    from plugins.finance.views import bp

    return [bp]
