"""The clerk's actions on a case page — 退回, 撤销, 转办 — and answering a notice's objection.

Each parses its form, calls one engine operation inside ``case_change`` and goes back to the
case; a refusal shows the case page again with the message and what was typed.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import flash, redirect, url_for
from flask_login import login_required
from flask_wtf import FlaskForm
from sqlalchemy import select

from core import db
from core.auth.models import User
from core.errors import Conflict, DomainError, Forbidden, Invalid, NotFound
from tenants.models import Tenant

from .. import engine, notices, process
from ..cases import case_by_id
from ..forms import ResolveForm, ReturnForm, TransferForm, WithdrawForm
from ..models import Case, Notice, Objection
from ..transactions import case_change
from . import acting
from .blueprint import CASE, MAX_ID, bp, load_case
from .case import render_case
from .notice import prefix
from .step import step_page

REFUSALS = (Invalid, Forbidden, Conflict)


@bp.post(f"{CASE}/return")
@login_required
def return_case(slug: str, case_id: int):
    tenant, case = load_case(slug, case_id)
    form = ReturnForm(prefix="return")
    return _act(
        tenant,
        case,
        form,
        lambda: engine.return_case(
            db.session(), case, form.to_step.data or "", acting.me(), form.reason.data or ""
        ),
        "已退回。",
    )


@bp.post(f"{CASE}/withdraw")
@login_required
def withdraw_case(slug: str, case_id: int):
    tenant, case = load_case(slug, case_id)
    form = WithdrawForm(prefix="withdraw")
    return _act(
        tenant,
        case,
        form,
        lambda: engine.withdraw_case(
            db.session(),
            case,
            acting.me(),
            form.reason.data or "",
            is_admin=acting.is_township_admin(case),
        ),
        "办件已撤销。",
    )


@bp.post(f"{CASE}/steps/<step_key>/transfer")
@login_required
def transfer_step(slug: str, case_id: int, step_key: str):
    tenant, case = load_case(slug, case_id)
    form = TransferForm(prefix="transfer")
    return _act(
        tenant,
        case,
        form,
        lambda: engine.transfer_step(
            db.session(), case, step_key, acting.me(), _receiver(form.to_user.data)
        ),
        "已转办。",
    )


@bp.post(f"{CASE}/objections/<int(max={MAX_ID}):objection_id>/resolve")
@login_required
def resolve_objection(slug: str, case_id: int, objection_id: int):
    """Record how an objection was resolved; only whoever runs the notice step may."""
    tenant, case = load_case(slug, case_id)
    sess = db.session()
    objection = _objection(case.id, objection_id)
    step = process.step(case, objection.notice.step_key)
    run = next((r for r in case.active_runs if r.id == objection.notice.step_run_id), None)
    form = ResolveForm(prefix=prefix(objection.id))
    try:
        if not acting.may_act(case, run, step):
            raise Forbidden("只有本公示环节的办理人可以处理异议。")
        with case_change(sess):
            notices.resolve_objection(sess, objection, acting.me().id, form.resolution.data or "")
            engine.audit(
                sess, case, "objection.resolved", run, acting.me(), {"objection": objection.id}
            )
    except REFUSALS as exc:
        sess.rollback()
        _mark(form, exc)
        case = case_by_id(sess, case_id)
        return step_page(tenant, case, step, resolving=form, error=exc.message), exc.status
    flash("已记录异议的处理结果。", "success")
    return redirect(url_for(".step", slug=tenant.slug, case_id=case.id, step_key=step["key"]))


def _act(tenant: Tenant, case: Case, form: FlaskForm, action: Callable[[], object], done: str):
    """Run ``action`` on the case if ``form`` is well-formed; the case page again if not."""
    sess = db.session()
    try:
        if not form.validate():
            raise Invalid(next(iter(form.errors.values()))[0])
        with case_change(sess):
            action()
    except REFUSALS as exc:
        sess.rollback()
        _mark(form, exc)
        return render_case(
            tenant, case_by_id(sess, case.id), typed=form, error=exc.message, status=exc.status
        )
    flash(done, "success")
    return redirect(url_for(".case", slug=tenant.slug, case_id=case.id))


def _mark(form: FlaskForm, exc: DomainError) -> None:
    """The operation's messages on the fields they name, after WTForms' own."""
    for name, message in exc.fields.items():
        if name in form:
            form[name].errors = [*form[name].errors, message]


def _receiver(user_id: str | None) -> User:
    with db.system_scope() as sess:
        known = (user_id or "").isdigit() and int(user_id) <= MAX_ID
        found = sess.get(User, int(user_id)) if known else None
    if found is None:
        raise Invalid("请选择接办人。", fields={"to_user": "请选择"})
    return found


def _objection(case_id: int, objection_id: int) -> Objection:
    found = db.session().scalar(
        select(Objection)
        .join(Objection.notice)
        .where(Objection.id == objection_id, Notice.case_id == case_id)
    )
    if found is None:
        raise NotFound("找不到该异议。")
    return found
