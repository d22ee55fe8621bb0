"""村民救助 — villager relief (低保, 临时救助, 特困): a built-in domain plugin.

Four items (``items``), their local figures (``settings``), the relief ledger with its Excel
import and export (``models``, ``ledger``, ``sheet``, ``views``), warning rules (``rules``),
the 补贴去哪了 panel of the villager page (``panels``) and the responsibility and negative
list entries (``lists``).
"""

from sqlalchemy.orm import object_session

from core import hookimpl
from core.db import utcnow
from plugins.relief import ledger
from plugins.relief.items import ITEMS, TIMINGS
from plugins.relief.lists import PROHIBITIONS, RESPONSIBILITIES
from plugins.relief.panels import subsidies_panel
from plugins.relief.rules import RULES
from plugins.relief.settings import SETTINGS
from plugins.relief.timing import retime
from plugins.relief.views import bp

QINGDAN_CONTRACT = 1


@hookimpl
def qingdan_domain():
    return {
        "key": "relief",
        "name": "村民救助",
        "description": "最低生活保障、临时救助、特困人员供养等救助申请的入户调查、民主评议、公示和审核。",
        "icon": "relief",
    }


@hookimpl
def qingdan_items():
    return ITEMS


@hookimpl
def qingdan_settings():
    return SETTINGS


@hookimpl
def qingdan_responsibilities():
    return RESPONSIBILITIES


@hookimpl
def qingdan_prohibitions():
    return PROHIBITIONS


@hookimpl
def qingdan_rules():
    return RULES


@hookimpl
def qingdan_step_completed(case, step_run):
    """Time the next steps by the township's settings, keep minors off notices, and write
    the ledger when the county grants the benefit."""
    if not case.item.key.startswith("relief."):
        return
    sess = object_session(case)
    retime(sess, case, TIMINGS.get(case.item.key, {}))
    ledger.protect_minors(sess, case, utcnow().date())
    ledger.record_case(sess, case, step_run)


@hookimpl
def qingdan_public_panels(tenant, village):
    return [subsidies_panel(tenant, village)]


@hookimpl
def qingdan_blueprints():
    return [bp]
