"""村级工作人员任用 — appointing village staff: a built-in domain plugin.

Items: hiring village staff, choosing group leaders and supervision committee members,
reserve cadres, and dismissal (``items/``). Ledgers: appointments, and the cadres' relatives
register that every domain's kin rules read through :func:`relatives.find_kin`
(``models.py``, ``ledger.py``). Rule: ``kin_committee`` (``rules.py``).
"""

from core import hookimpl

QINGDAN_CONTRACT = 1


@hookimpl
def qingdan_domain():
    return {
        "key": "personnel",
        "name": "村级工作人员任用",
        "description": "村报账员、出纳、会计等工作人员及村民小组长的选任、公示、备案和解聘。",
        "icon": "personnel",
    }


@hookimpl
def qingdan_items():
    from plugins.personnel.items import ITEMS

    return ITEMS


@hookimpl
def qingdan_rules():
    from plugins.personnel.rules import RULES

    return RULES


@hookimpl
def qingdan_responsibilities():
    from plugins.personnel.lists import RESPONSIBILITIES

    return RESPONSIBILITIES


@hookimpl
def qingdan_prohibitions():
    from plugins.personnel.lists import PROHIBITIONS

    return PROHIBITIONS


@hookimpl
def qingdan_step_completed(case, step_run):
    if not case.item.key.startswith("personnel."):
        return
    from sqlalchemy.orm import object_session

    from plugins.personnel.ledger import record_step

    record_step(object_session(case), case, step_run)


@hookimpl
def qingdan_blueprints():
    from plugins.personnel.views import bp

    return [bp]


@hookimpl
def qingdan_cadre_relatives(tenant, village_ids, names):
    from plugins.personnel.relatives import recorded_relatives

    return recorded_relatives(tenant, village_ids, names)
