"""``/t/<slug>/cases/<id>``: one case — where it is on its flowchart, what happened when and
by whom, what was filed — with the actions the viewer may take (退回, 撤销, 转办)."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Response, render_template
from flask_login import current_user, login_required
from wtforms.fields import SelectChoice

from core import db
from core.catalog.present import role_names
from core.rules.models import SEVERITY_LABELS
from tenants.models import Tenant

from .. import process
from ..forms import ReturnForm, TransferForm, WithdrawForm
from ..models import Case
from ..present import case_flowchart
from ..roles import holders
from . import acting, details
from .blueprint import CASE, bp, load_case


@dataclass
class Actions:
    """The action forms the viewer is offered; None where they may not take the action."""

    returning: ReturnForm | None = None
    withdrawing: WithdrawForm | None = None
    transferring: TransferForm | None = None
    #: the active step a return or a transfer acts on
    step_key: str | None = None


@bp.get(CASE)
@login_required
def case(slug: str, case_id: int):
    tenant, found = load_case(slug, case_id)
    return render_case(tenant, found)


@bp.get(f"{CASE}/flowchart.svg")
@login_required
def flowchart(slug: str, case_id: int):
    """The item's flowchart as the case runs it (its pinned steps), current steps marked."""
    _, found = load_case(slug, case_id)
    svg = case_flowchart(db.session(), found)
    return Response(svg, mimetype="image/svg+xml", headers={"Cache-Control": "private, no-store"})


def render_case(
    tenant: Tenant, found: Case, *, typed=None, error: str | None = None, status: int = 200
):
    """The case page; ``typed`` is an action form shown again with its errors."""
    sess = db.session()
    roles = role_names(sess)
    return render_template(
        "cases/case.html",
        tenant=tenant,
        case=found,
        names=process.step_names(found),
        actable={r.step_key for r in found.active_runs if _may_act(found, r)},
        timeline=details.timeline(sess, found, roles),
        data=details.data_rows(sess, found),
        warnings=details.open_warnings(sess, found),
        severity_labels=SEVERITY_LABELS,
        actions=_offered_actions(found, typed),
        error=error,
    ), status


def _offered_actions(found: Case, typed=None) -> Actions:
    """退回 and 转办 for whoever holds the active step, 撤销 for the starter and the
    township's admins; the engine checks each again when it is submitted."""
    actions = Actions()
    if found.status in ("completed", "withdrawn"):
        return actions
    if found.created_by_id == current_user.id or acting.is_township_admin(found):
        actions.withdrawing = _form(WithdrawForm, "withdraw", typed)
    run = found.active_runs[0] if found.active_runs else None
    if run is None or process.step(found, run.step_key)["kind"] == "countersign":
        return actions  # a countersign is signed, never returned or handed on
    if not _may_act(found, run):
        return actions
    actions.step_key = run.step_key
    earlier = _earlier_steps(found, run.step_key)
    if earlier:
        actions.returning = _form(ReturnForm, "return", typed)
        actions.returning.to_step.choices = [SelectChoice(k, n) for k, n in earlier]
    others = _other_holders(found, run.step_key)
    if others:
        actions.transferring = _form(TransferForm, "transfer", typed)
        actions.transferring.to_user.choices = others
    return actions


def _may_act(found: Case, run) -> bool:
    return acting.may_act(found, run, process.step(found, run.step_key))


def _form(cls, prefix: str, typed):
    if isinstance(typed, cls):
        return typed
    return cls(formdata=None, prefix=prefix)


def _earlier_steps(found: Case, current: str) -> list[tuple[str, str]]:
    """Completed steps before ``current`` in process order: where the case may go back to."""
    done = {r.step_key for r in found.runs if r.status == "completed"}
    keys = [s["key"] for s in process.steps(found)]
    names = process.step_names(found)
    return [(k, names[k]) for k in keys[: keys.index(current)] if k in done]


def _other_holders(found: Case, step_key: str) -> list[SelectChoice]:
    sess = db.session()
    role = process.step(found, step_key)["role"]
    ids = holders(sess, found.tenant_id, found.village_id, role) - {current_user.id}
    labels = details.user_labels(sess, ids)
    return [SelectChoice(str(i), labels[i]) for i in sorted(ids, key=lambda i: labels[i])]
