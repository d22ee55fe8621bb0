"""村集体资源和资产管理 — collective resources and assets (三资): a built-in domain plugin.

Items: leasing and contracting out by open bidding, contract renewal, registration, and
disposal and write-off (``items/``). Ledgers: the register of resources and assets, their
contracts and the rent paid (``models.py``), written by ``ledger.py`` when a case is
registered and kept to and from Excel by ``sheets.py``. Rules: contracts about to end, rent
overdue, a cadre's relative as lessee (``rules/``). Villager panel: contracts and rents.
"""

from core import hookimpl

QINGDAN_CONTRACT = 1


@hookimpl
def qingdan_domain():
    return {
        "key": "assets",
        "name": "村集体资源和资产管理",
        "description": "集体资源发包、资产租赁、处置和登记，公开竞价，合同管理与租金收缴。",
        "icon": "assets",
    }


@hookimpl
def qingdan_items():
    from plugins.assets.items import ITEMS

    return ITEMS


@hookimpl
def qingdan_settings():
    from plugins.assets.settings import SETTINGS

    return SETTINGS


@hookimpl
def qingdan_rules():
    from plugins.assets.rules import RULES

    return RULES


@hookimpl
def qingdan_responsibilities():
    from plugins.assets.lists import RESPONSIBILITIES

    return RESPONSIBILITIES


@hookimpl
def qingdan_prohibitions():
    from plugins.assets.lists import PROHIBITIONS

    return PROHIBITIONS


@hookimpl
def qingdan_step_completed(case, step_run):
    if not case.item.key.startswith("assets."):
        return
    from sqlalchemy.orm import object_session

    from plugins.assets.ledger import record_step

    record_step(object_session(case), case, step_run)


@hookimpl
def qingdan_public_panels(tenant, village):
    from plugins.assets.panels import contracts_panel

    return [contracts_panel(tenant, village)]


@hookimpl
def qingdan_blueprints():
    from plugins.assets.views import bp

    return [bp]
