"""村级采购事项 — procurement and small works (询价, 招投标): a built-in domain plugin.

Items: goods and services by quotation, small works by tier, and what follows an award —
contract, completion acceptance, price audit and settlement (``items/``). Ledgers: suppliers
and awards (``models.py``), written by ``ledger.py`` when a case records its winner. Rules:
split purchases, too few quotes, not the lowest quote, a skipped tier, a cadre's relative as
contractor (``rules/``). Villager panel: the village's awards (``panels.py``).
"""

from core import hookimpl

QINGDAN_CONTRACT = 1


@hookimpl
def qingdan_domain():
    return {
        "key": "procurement",
        "name": "村级采购事项",
        "description": "村级货物、服务采购和小型工程：按金额分档询价、招投标，合同、验收、审价、结算全程留痕。",
        "icon": "procurement",
    }


@hookimpl
def qingdan_items():
    from plugins.procurement.items import ITEMS

    return ITEMS


@hookimpl
def qingdan_settings():
    from plugins.procurement.settings import SETTINGS

    return SETTINGS


@hookimpl
def qingdan_rules():
    from plugins.procurement.rules import RULES

    return RULES


@hookimpl
def qingdan_responsibilities():
    from plugins.procurement.lists import RESPONSIBILITIES

    return RESPONSIBILITIES


@hookimpl
def qingdan_prohibitions():
    from plugins.procurement.lists import PROHIBITIONS

    return PROHIBITIONS


@hookimpl
def qingdan_step_completed(case, step_run):
    if not case.item.key.startswith("procurement."):
        return
    from sqlalchemy.orm import object_session

    from plugins.procurement.ledger import record_step

    record_step(object_session(case), case, step_run)


@hookimpl
def qingdan_public_panels(tenant, village):
    from plugins.procurement.panels import awards_panel

    return [awards_panel(tenant, village)]


@hookimpl
def qingdan_blueprints():
    from plugins.procurement.views import bp

    return [bp]
