"""The power handbook (权力手册) of a township or of one village, as a PDF.

Cover, table of contents, then every item in force by domain — basis, responsible role, the
steps (who, time limit, what to record) and the item's flowchart — and last the
responsibility and negative lists: the booklet counties hand out and hang on notice boards.
A village's handbook is its township's list with the village's name and QR code on the cover
(villages publish the list their township adopted).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from markupsafe import Markup
from sqlalchemy.orm import Session

from core.catalog import present
from core.catalog.lists import lists_in_force
from core.catalog.models import Item, ItemVersion
from core.catalog.operations import definition_of, items_in_force
from core.documents import wording
from core.documents.flowchart import flowchart_svg
from core.documents.pdf import render_document
from core.documents.poster import qr_markup, village_url
from core.plugins import PluginHost
from tenants.models import Tenant, Village

#: called with (items done, items in all) as each item's pages are prepared
Progress = Callable[[int, int], None]
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'


@dataclass
class Entry:
    """One item as the handbook prints it."""

    number: int
    anchor: str
    name: str
    definition: dict
    responsible: str
    steps: list[dict]
    flowchart: Markup


@dataclass
class Section:
    """The items of one domain (one of the 八项规范, or the township's local items)."""

    name: str
    entries: list[Entry] = field(default_factory=list)


def handbook_pdf(
    sess: Session,
    host: PluginHost,
    tenant: Tenant,
    village: Village | None = None,
    *,
    base_url: str,
    on_progress: Progress | None = None,
) -> bytes:
    """The handbook of ``tenant`` (or of ``village``); ``base_url`` roots the cover's QR."""
    roles = present.role_names(sess)
    sections = _sections(sess, host, tenant, roles, on_progress or (lambda done, total: None))
    duties, bans = lists_in_force(sess, host, tenant)
    qr = None
    if village is not None:
        qr = qr_markup(village_url(base_url, tenant, village), title="本村清单二维码")
    return render_document(
        "handbook.html",
        tenant=tenant,
        village=village,
        sections=sections,
        duties=duties,
        bans=bans,
        roles=roles,
        qr=qr,
        today=date.today(),
    )


def _sections(sess, host, tenant, roles, on_progress: Progress) -> list[Section]:
    names = present.domain_names(host)
    order = list(names)
    in_force = sorted(
        items_in_force(sess, host, tenant),
        key=lambda pair: (_rank(order, pair[0].domain), pair[1].name, pair[0].key),
    )
    sections: dict[str, Section] = {}
    for number, (item, version) in enumerate(in_force, start=1):
        section = sections.setdefault(item.domain, Section(names.get(item.domain, item.domain)))
        section.entries.append(_entry(number, item, version, tenant, roles))
        on_progress(number, len(in_force))
    return list(sections.values())


def _rank(order: list[str], domain: str) -> int:
    return order.index(domain) if domain in order else len(order)


def _entry(number: int, item: Item, version: ItemVersion, tenant: Tenant, roles) -> Entry:
    definition = definition_of(version)
    steps = present.steps_of(version, tenant)
    return Entry(
        number=number,
        anchor=f"item-{number}",
        name=version.name,
        definition=definition,
        responsible=wording.role_name(definition.get("responsible_role"), roles),
        steps=[_step_row(step, roles) for step in steps],
        flowchart=_inline_flowchart(
            version.definition_json,
            json.dumps(steps, ensure_ascii=False, sort_keys=True),
            json.dumps(roles, ensure_ascii=False, sort_keys=True),
        ),
    )


def _step_row(step: dict, roles) -> dict:
    """A step in words: who does it, by when, under which rules, recording what."""
    who = step.get("roles") or [step.get("role")]
    return {
        "name": step.get("name") or step.get("key"),
        "group": step.get("group_name"),
        "kind": wording.kind_name(step.get("kind", "")),
        "who": "、".join(wording.role_name(role, roles) for role in who),
        "limit": wording.time_limit(step.get("time_limit")) or "—",
        "rules": [
            line
            for line in wording.step_details(step, roles)
            if not line.startswith("时限")  # the limit has a column of its own
        ],
        "records": [
            f.get("label", f["key"]) for f in step.get("fields") or () if f.get("type") != "section"
        ],
    }


@lru_cache(maxsize=512)
def _inline_flowchart(definition_json: str, steps_json: str, roles_json: str) -> Markup:
    """The item's flowchart as an inline ``<svg>`` element.

    Drawing is the slow part of a handbook and a chart depends only on these three texts, so
    charts are cached by them: a township's second handbook, and every village handbook of
    the same list, reuse the charts already drawn. Keyed by content, a chart can never show
    one tenant's labels to another.
    """
    steps = json.loads(steps_json)
    svg = flowchart_svg(
        json.loads(definition_json),
        steps,
        role_names=json.loads(roles_json),
        labels=present.field_labels(steps),
    )
    # the SVG is built with ElementTree, so every label in it is escaped already
    return Markup(svg.removeprefix(XML_DECLARATION))
