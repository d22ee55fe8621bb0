"""``/t/<slug>/admin/users``: who holds which role in a tenant, and changing that.

Admins create accounts with a first role, give an existing account another role (一肩挑)
and remove roles. A county's page also lists its townships' people, read-only: they are
managed on the township's page.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from core import db
from core.auth.access import is_admin_of, require_admin, resolve_tenant
from core.auth.models import Membership, Role, User
from core.auth.operations import add_membership, create_user, remove_membership, user_by_username
from core.auth.roles import STANDARD_ROLES
from core.errors import Invalid, NotFound
from tenants.forms import AddRoleForm, NewUserForm
from tenants.models import Tenant, Village

from .blueprint import bp, show_refusal

#: the role levels a tenant of each kind hands out
LEVELS = {"county": ("county",), "township": ("township", "village")}
_STANDARD_ORDER = {key: n for n, (key, *_rest) in enumerate(STANDARD_ROLES)}


def _roles(tenant: Tenant) -> list[Role]:
    """The roles this tenant may grant, standard ones in their usual order, then the rest."""
    roles = db.session().scalars(select(Role).where(Role.level.in_(LEVELS[tenant.kind])))
    return sorted(roles, key=lambda r: (_STANDARD_ORDER.get(r.key, len(_STANDARD_ORDER)), r.name))


def _villages(tenant: Tenant) -> list[Village] | None:
    if tenant.kind != "township":
        return None
    stmt = select(Village).where(Village.tenant_id == tenant.id).order_by(Village.code)
    return list(db.session().scalars(stmt))


def _forms(tenant: Tenant, submitted: str | None = None):
    """The page's two forms, and its villages by code; only the ``submitted`` form reads
    the request, the other renders empty."""
    roles, villages = _roles(tenant), _villages(tenant)
    new_user = NewUserForm(roles, villages, formdata=request.form if submitted == "new" else None)
    add_role = AddRoleForm(roles, villages, formdata=request.form if submitted == "add" else None)
    return new_user, add_role, {v.code: v for v in villages or ()}


def _chosen_village(form: NewUserForm | AddRoleForm, villages: dict[str, Village]):
    """The village picked in ``form``; none for a county, whose forms have no village field."""
    return villages.get(form.village.data) if form.village else None


def _membership_groups(tenant: Tenant) -> list[tuple[Tenant, list[Membership]]]:
    """This tenant's memberships first, then (for a county) each township's."""
    tenants = [tenant, *(tenant.children if tenant.kind == "county" else ())]
    rows = db.session().scalars(
        select(Membership)
        .join(Membership.user)
        .where(Membership.tenant_id.in_([t.id for t in tenants]))
        .options(selectinload(Membership.user), selectinload(Membership.village))
        .order_by(User.username, Membership.id)
    )
    grouped: dict[int, list[Membership]] = {t.id: [] for t in tenants}
    for membership in rows:
        grouped[membership.tenant_id].append(membership)
    return [(t, grouped[t.id]) for t in tenants]


def _render(tenant, new_user, add_role, status=200, refusal=None):
    return render_template(
        "tenants/users.html",
        tenant=tenant,
        groups=_membership_groups(tenant),
        can_admin=is_admin_of(current_user, tenant),
        new_user=new_user,
        add_role=add_role,
        refusal=refusal,
    ), status


def _done(tenant: Tenant, message: str):
    db.session().commit()
    flash(message, "success")
    return redirect(url_for(".users", slug=tenant.slug))


@bp.route("/t/<slug>/admin/users", methods=["GET", "POST"])
@login_required
def users(slug: str):
    tenant = resolve_tenant(current_user, slug)
    if request.method == "GET":
        return _render(tenant, *_forms(tenant)[:2])
    require_admin(current_user, tenant)
    form, add_role, villages = _forms(tenant, submitted="new")
    if not form.validate():
        return _render(tenant, form, add_role, 400)
    sess = db.session()
    try:
        user = create_user(
            sess, form.username.data, form.password.data, display_name=form.display_name.data
        )
        membership = add_membership(
            sess, user, tenant, form.role.data, _chosen_village(form, villages)
        )
    except Invalid as exc:
        sess.rollback()
        return _render(tenant, form, add_role, show_refusal(form, exc))
    return _done(tenant, f"已创建用户 {user.username}，担任{membership.role.name}。")


@bp.post("/t/<slug>/admin/users/roles")
@login_required
def add_role(slug: str):
    tenant = resolve_tenant(current_user, slug)
    require_admin(current_user, tenant)
    new_user, form, villages = _forms(tenant, submitted="add")
    if not form.validate():
        return _render(tenant, new_user, form, 400)
    sess = db.session()
    village = _chosen_village(form, villages)
    try:
        user = user_by_username(sess, form.username.data)
        membership = add_membership(sess, user, tenant, form.role.data, village)
    except Invalid as exc:
        sess.rollback()
        return _render(tenant, new_user, form, show_refusal(form, exc))
    where = f"在{village.name}" if village else ""
    return _done(tenant, f"{user.label} 现在{where}担任{membership.role.name}。")


@bp.post("/t/<slug>/admin/users/<int:membership_id>/remove")
@login_required
def remove(slug: str, membership_id: int):
    tenant = resolve_tenant(current_user, slug)
    require_admin(current_user, tenant)
    sess = db.session()
    membership = sess.scalar(
        select(Membership).where(Membership.id == membership_id, Membership.tenant_id == tenant.id)
    )
    if membership is None:
        raise NotFound("找不到该角色记录，可能已被移除。")
    name, role = membership.user.label, membership.role.name
    try:
        remove_membership(sess, membership, current_user._get_current_object())  # noqa: SLF001
    except Invalid as exc:
        sess.rollback()
        new_user, add_role_form, _ = _forms(tenant)
        return _render(tenant, new_user, add_role_form, exc.status, refusal=exc.message)
    return _done(tenant, f"已移除 {name} 的“{role}”角色。")
