"""``/t/<slug>/cases/<id>/steps/<step_key>``: the form of one step, and its submission.

The page is the step's generated form plus what its kind records (a meeting's tally, an
approval's decision, the countersign role, a notice's objections). Submitting calls
``engine.complete_step`` and nothing else; its refusals come back on the page with their
status — 409 out of turn or too early, 403 for the wrong person, 422 with each message next
to its field — and with everything typed still in the inputs.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import login_required
from werkzeug.datastructures import MultiDict
from wtforms import Form

from core import db
from core.catalog.present import role_names
from core.documents import wording
from core.errors import Conflict, DomainError, Forbidden, Invalid
from formbuilder.fieldtypes.wtf import fields_by_key
from formbuilder.forms import SubmissionForm, build_form
from tenants.models import Tenant

from .. import engine, forms, process
from ..cases import case_by_id
from ..forms import ResolveForm
from ..models import Case
from ..transactions import case_change
from . import acting, details, notice, uploads
from .blueprint import CASE, bp, load_case

INVALID = "填写的内容有误，请按提示修改。"


@bp.route(f"{CASE}/steps/<step_key>", methods=["GET", "POST"])
@login_required
def step(slug: str, case_id: int, step_key: str):
    tenant, case = load_case(slug, case_id)
    definition = process.step(case, step_key)
    if request.method == "GET":
        return step_page(tenant, case, definition)
    formdata, upload_faults = request.form, {}
    if acting.may_act(case, _active_run(case, step_key), definition):
        formdata, upload_faults = uploads.store_chosen_files(
            tenant, definition.get("fields") or [], request.form, request.files
        )
    form, inputs = _forms(case, definition, formdata)
    valid = all([form.validate(), inputs.validate(), not upload_faults])
    for key, message in upload_faults.items():
        form.field(key).errors.append(message)
    if valid or _active_run(case, step_key) is None:  # out of turn: the engine's 409 first
        sess = db.session()
        try:
            with case_change(sess):
                engine.complete_step(
                    sess,
                    case,
                    step_key,
                    acting.me(),
                    form.raw_data() | forms.engine_data(inputs, definition["kind"]),
                    on_behalf_of=forms.on_behalf_of(inputs),
                )
        except (Invalid, Forbidden, Conflict) as exc:
            sess.rollback()
            _place(exc, form, inputs)
            case = case_by_id(sess, case_id)
            return step_page(tenant, case, definition, form, inputs, exc.message), exc.status
        flash(_done_message(case, definition), "success")
        return redirect(url_for(".case", slug=tenant.slug, case_id=case.id))
    return step_page(tenant, case, definition, form, inputs, INVALID), 422


def _forms(case: Case, definition: dict, formdata: MultiDict | None) -> tuple:
    """The generated form of the step's fields (filled from the case on first view, so a
    returned step shows what was filed) and the kind's own inputs."""
    run = _active_run(case, definition["key"])
    fields = definition.get("fields") or []
    if formdata is None:
        keys = {f["key"] for f in fields}
        form = build_form(fields)(data={k: v for k, v in (case.data or {}).items() if k in keys})
        forms.add_spare_rows(form)
    else:
        form = build_form(fields)(formdata=formdata)
    choices = []
    if definition["kind"] == "countersign" and run is not None:
        names = role_names(db.session())
        choices = [(r, names.get(r, r)) for r in acting.signable_roles(case, run, definition)]
    filed = run.on_behalf_of if run is not None and formdata is None else None
    inputs = forms.step_inputs(definition["kind"], choices)(
        formdata, prefix="step", data={"on_behalf": {"filed": True, **filed}} if filed else None
    )
    return form, inputs


def _active_run(case: Case, step_key: str):
    return next((r for r in case.active_runs if r.step_key == step_key), None)


def _place(exc: DomainError, form: SubmissionForm, inputs: Form) -> None:
    """Each of the engine's field messages next to its input; the summary goes on top."""
    mine, declared = fields_by_key(inputs), fields_by_key(form)
    for key, message in exc.fields.items():
        target = mine.get(key) or declared.get(key)
        if target is not None:
            target.errors = [*target.errors, message]


def _done_message(case: Case, definition: dict) -> str:
    name = definition.get("name") or definition["key"]
    if definition["kind"] == "countersign" and _active_run(case, definition["key"]):
        return f"已会签“{name}”，等待其他角色会签。"
    return f"已办理“{name}”。"


def step_page(
    tenant: Tenant,
    case: Case,
    definition: dict,
    form: SubmissionForm | None = None,
    inputs: Form | None = None,
    error: str | None = None,
    resolving: ResolveForm | None = None,
):
    """The step's page; ``resolving`` is an objection's form shown again with its errors."""
    sess = db.session()
    run = _active_run(case, definition["key"])
    if form is None:
        form, inputs = _forms(case, definition, None)
    roles = role_names(sess)
    return render_template(
        "cases/step.html",
        tenant=tenant,
        case=case,
        step=definition,
        run=run,
        can_act=acting.may_act(case, run, definition),
        why_not=_why_not(case, run, definition, roles),
        form=form,
        inputs=inputs,
        error=error,
        roles=roles,
        rule=wording.meeting_rule(
            definition.get("quorum"), definition.get("majority"), definition.get("majority_of")
        ),
        notice=notice.state(sess, run, resolving)
        if run and definition["kind"] == "notice"
        else None,
        signed=details.signatures(sess, run) if run else {},
        wording=wording,
        data=details.data_rows(sess, case),
        multipart=any(f["type"] == "attachment" for f in definition.get("fields") or ()),
    )


def _why_not(case: Case, run, definition: dict, roles: dict[str, str]) -> str | None:
    """Why the page shows no form: the case is closed, the step is not current, or the
    step is someone else's."""
    if case.status in ("completed", "withdrawn"):
        return f"该办件{case.status_label}，不能再办理。"
    if run is None:
        names = process.step_names(case)
        current = "、".join(names.get(r.step_key, r.step_key) for r in case.active_runs) or "无"
        return f"该环节现在不在办理中，当前环节是“{current}”。"
    if acting.may_act(case, run, definition):
        return None
    if run.assignee_id is not None:
        return "该环节已转办给他人办理。"
    if definition["kind"] == "countersign":
        return "您没有尚未会签的会签角色，或已经会签过了。"
    return f"本环节须由本村的{wording.role_name(definition['role'], roles)}办理。"
