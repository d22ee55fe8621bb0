"""``/t/<slug>/cases/new`` (发起办件): choose the village, the item and a title, then fill in
the first step on its own form.

A refusal of ``start_case`` (an item not in force, a role the person does not hold) is shown
next to the field it names, or above the form, with everything typed kept.
"""

from __future__ import annotations

from flask import redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select
from wtforms.fields import SelectChoice

from core import db, plugins
from core.auth.access import resolve_tenant
from core.catalog.operations import items_in_force
from core.errors import Conflict, Forbidden, Invalid
from tenants.models import Tenant, Village
from tenants.views.blueprint import show_refusal

from .. import cases
from ..forms import StartForm
from ..transactions import case_change
from . import acting
from .blueprint import bp


@bp.route("/t/<slug>/cases/new", methods=["GET", "POST"])
@login_required
def start(slug: str):
    tenant = resolve_tenant(current_user, slug)
    sess = db.session()
    form = StartForm()
    villages = _villages(tenant)
    form.village.choices = _choices((v.code, v.name) for v in villages)
    entries = items_in_force(sess, plugins.host(), tenant)
    form.item.choices = _choices((item.key, version.name) for item, version in entries)
    status = 200
    if not form.is_submitted():
        form.item.data = request.args.get("item", "")
        form.village.data = villages[0].code if len(villages) == 1 else ""
    elif form.validate():
        try:
            with case_change(sess):
                case = _start(tenant, _chosen(villages, form.village.data), form)
        except (Invalid, Forbidden, Conflict) as exc:
            sess.rollback()
            status = show_refusal(form, exc)
        else:
            first = case.process.steps[0]["key"]
            return redirect(url_for(".step", slug=tenant.slug, case_id=case.id, step_key=first))
    else:
        status = 422
    sess.commit()  # the list in force may have synced plugin items
    return render_template("cases/start.html", tenant=tenant, form=form), status


def _start(tenant: Tenant, village: Village, form: StartForm):
    """Start the case; 代办 chosen here is kept on the first step, whose form then shows it."""
    on_behalf = form.on_behalf.form.value()
    case = cases.start_case(
        db.session(),
        plugins.host(),
        tenant,
        village,
        form.item.data,
        acting.me(),
        title=form.title.data or "",
        on_behalf_of=on_behalf,
    )
    if on_behalf:
        case.active_runs[0].on_behalf_of = on_behalf
    return case


def _villages(tenant: Tenant) -> list[Village]:
    """The villages the user serves in ``tenant`` (all of them for township roles)."""
    ids = acting.village_ids(tenant)
    query = select(Village).where(Village.tenant_id == tenant.id).order_by(Village.code)
    if ids is not None:
        query = query.where(Village.id.in_(ids))
    return list(db.session().scalars(query))


def _chosen(villages: list[Village], code: str) -> Village:
    found = next((v for v in villages if v.code == code), None)
    if found is None:
        raise Invalid("请从列表中选择您所在的村。", fields={"village": "不在列表中"})
    return found


def _choices(pairs) -> list[SelectChoice]:
    return [SelectChoice("", "请选择"), *(SelectChoice(value, label) for value, label in pairs)]
