"""救灾款申请 — disaster-relief fund applications: a built-in domain plugin.

Four items (``items``), their local figures (``settings``), the disaster-relief roster with
its Excel import and export (``models``, ``ledger``, ``sheet``, ``views``), warning rules
(``rules``), the 补贴去哪了 panel of the villager page (``panels``) and the responsibility
and negative list entries (``lists``). Timing, masking and the relatives look-up are shared
with the relief plugin (``plugins.relief.timing``, ``plugins.relief.people``).
"""

from sqlalchemy.orm import object_session

from core import hookimpl
from plugins.disaster import ledger
from plugins.disaster.items import ITEMS, TIMINGS
from plugins.disaster.lists import PROHIBITIONS, RESPONSIBILITIES
from plugins.disaster.panels import subsidies_panel
from plugins.disaster.rules import RULES
from plugins.disaster.settings import SETTINGS
from plugins.disaster.views import bp
from plugins.relief.timing import retime

QINGDAN_CONTRACT = 1


@hookimpl
def qingdan_domain():
    return {
        "key": "disaster",
        "name": "救灾款申请",
        "description": "受灾群众救灾款物的申请、评议、公示、审核、发放和台账管理。",
        "icon": "disaster",
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
    """Time the next steps by the township's settings and keep the roster up to date."""
    if not case.item.key.startswith("disaster."):
        return
    sess = object_session(case)
    retime(sess, case, TIMINGS.get(case.item.key, {}))
    ledger.record_case(sess, case, step_run)


@hookimpl
def qingdan_public_panels(tenant, village):
    return [subsidies_panel(tenant, village)]


@hookimpl
def qingdan_blueprints():
    return [bp]
