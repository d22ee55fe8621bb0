"""The designer's pages: the township's local items, and the editor of one item's draft.

The editor page is a shell; its script fetches the definition and the palette as JSON, keeps
the definition as the source of truth while the admin edits, and posts it whole to preview
or save. Faults come back keyed by path (``steps[1].fields[0].label``) for the script to
show beside the input at fault.
"""

from __future__ import annotations

from flask import Blueprint, Response, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from core import db, plugins
from core.auth.access import resolve_tenant
from core.catalog.models import ORIGIN_LABELS
from core.catalog.operations import canonical_json
from core.errors import Invalid
from formbuilder.filing.operations import filings_of, open_filing

from . import operations as ops
from .forms import CopyItemForm, ImportForm, NewItemForm
from .palette import palette
from .preview import preview as build_preview

bp = Blueprint(
    "designer",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/static/designer",
)


@bp.get("/t/<slug>/designer/")
@login_required
def index(slug: str):
    tenant = resolve_tenant(current_user, slug)
    editable = ops.require_reader(current_user, tenant)
    return _index(tenant, editable, NewItemForm(), CopyItemForm(), ImportForm())


def _index(tenant, editable, new_form, copy_form, import_form, status=200):
    sess = db.session()
    sources = ops.copy_sources(sess, plugins.host(), tenant)
    copy_form.source.choices = [("", "请选择")] + [(item.key, name) for item, name in sources]
    page = render_template(
        "designer/index.html",
        tenant=tenant,
        items=ops.local_items(sess, tenant),
        editable=editable,
        new_form=new_form,
        copy_form=copy_form,
        import_form=import_form,
        origin_labels=ORIGIN_LABELS,
    )
    sess.commit()  # plugin defaults may have been synced
    return page, status


@bp.post("/t/<slug>/designer/new")
@login_required
def new(slug: str):
    tenant = resolve_tenant(current_user, slug)
    ops.require_editor(current_user, tenant)
    form = NewItemForm()
    return _start(
        tenant,
        form,
        lambda sess: ops.create_local_item(
            sess, tenant, current_user, form.name.data, form.key.data or ""
        ),
        "new_form",
    )


@bp.post("/t/<slug>/designer/copy")
@login_required
def copy(slug: str):
    tenant = resolve_tenant(current_user, slug)
    ops.require_editor(current_user, tenant)
    form = CopyItemForm()
    return _start(
        tenant,
        form,
        lambda sess: ops.copy_item(
            sess, plugins.host(), tenant, current_user, form.source.data, form.key.data or ""
        ),
        "copy_form",
    )


@bp.post("/t/<slug>/designer/import")
@login_required
def import_(slug: str):
    tenant = resolve_tenant(current_user, slug)
    ops.require_editor(current_user, tenant)
    form = ImportForm()
    return _start(
        tenant,
        form,
        lambda sess: ops.import_definition(sess, tenant, current_user, form.file.data.read()),
        "import_form",
    )


def _start(tenant, form, create, slot: str):
    """Run ``create`` for a valid ``form`` and open the new item; else show the list again
    with the fault on the form that caused it, keeping what was typed."""
    status = 400 if form.is_submitted() and form.csrf_token.errors else 422
    if form.validate_on_submit():
        sess = db.session()
        try:
            item = create(sess)
        except Invalid as exc:
            sess.rollback()
            form.form_errors.append(exc.message)
            form.form_errors.extend(f"{path}：{text}" for path, text in exc.fields.items())
        else:
            sess.commit()
            flash("已创建草稿，请继续设计。", "success")
            return redirect(url_for(".edit", slug=tenant.slug, key=item.key))
    forms = {
        "new_form": NewItemForm(formdata=None),
        "copy_form": CopyItemForm(formdata=None),
        "import_form": ImportForm(formdata=None),
    }
    return _index(tenant, True, **(forms | {slot: form}), status=status)


@bp.get("/t/<slug>/designer/items/<key>")
@login_required
def edit(slug: str, key: str):
    tenant = resolve_tenant(current_user, slug)
    editable = ops.require_reader(current_user, tenant)
    sess = db.session()
    item = ops.local_item(sess, tenant, key)
    history = filings_of(sess, item)
    return render_template(
        "designer/edit.html",
        tenant=tenant,
        item=item,
        version=ops.working_version(item),
        editable=editable,
        filing=open_filing(sess, item),
        latest_filing=history[0] if history else None,
    )


@bp.get("/t/<slug>/designer/items/<key>/editor.json")
@login_required
def editor_data(slug: str, key: str):
    """What the editor's script starts from: the definition, the palette, the urls."""
    tenant = resolve_tenant(current_user, slug)
    editable = ops.require_reader(current_user, tenant)
    sess = db.session()
    item = ops.local_item(sess, tenant, key)
    version = ops.working_version(item)
    return jsonify(
        definition=ops.export(version),
        version={"number": version.number, "status": version.status},
        palette=palette(sess, plugins.host()),
        editable=editable,
    )


@bp.get("/t/<slug>/designer/items/<key>/export.json")
@login_required
def export(slug: str, key: str):
    """The definition as a file, for import elsewhere or a county's scripts."""
    tenant = resolve_tenant(current_user, slug)
    ops.require_reader(current_user, tenant)
    item = ops.local_item(db.session(), tenant, key)
    number = request.args.get("version", type=int)
    version = next((v for v in item.versions if v.number == number), None)
    body = canonical_json(ops.export(version or ops.working_version(item)))
    return Response(
        body,
        mimetype="application/json",
        headers={"Content-Disposition": f'attachment; filename="{item.key}.json"'},
    )


@bp.post("/t/<slug>/designer/items/<key>/save")
@login_required
def save(slug: str, key: str):
    tenant = resolve_tenant(current_user, slug)
    ops.require_editor(current_user, tenant)
    sess = db.session()
    item = ops.local_item(sess, tenant, key)
    try:
        version = ops.save(sess, tenant, item, current_user, request.get_json(silent=True))
    except Invalid as exc:
        sess.rollback()
        return jsonify(exc.to_dict()), exc.status
    sess.commit()
    return jsonify(version={"number": version.number, "status": version.status})


@bp.post("/t/<slug>/designer/preview")
@login_required
def preview(slug: str):
    tenant = resolve_tenant(current_user, slug)
    ops.require_reader(current_user, tenant)
    try:
        shown = build_preview(db.session(), tenant, request.get_json(silent=True))
    except Invalid as exc:
        return jsonify(exc.to_dict()), exc.status
    return jsonify(forms=shown.forms, flowchart=shown.flowchart)
