"""What the pages offer whom: a form only to people who may submit it.

These answers only decide what a page shows. The engine decides again on every submission
(role, assignee, separation of duties), so a page that offered too much is refused there,
never obeyed.
"""

from __future__ import annotations

from flask_login import current_user

from core.auth.access import memberships
from core.auth.models import Membership, User
from tenants.models import Tenant

from ..models import Case, StepRun


def mine() -> list[Membership]:
    """The signed-in user's memberships."""
    return memberships(current_user) if current_user.is_authenticated else []


def held_roles(found: list[Membership], tenant_id: int, village_id: int) -> set[str]:
    """Roles held for a village: village roles in it, township roles in its township."""
    return {
        m.role_key
        for m in found
        if m.tenant_id == tenant_id
        and (m.village_id == village_id if m.role.level == "village" else m.village_id is None)
    }


def may_act(case: Case, run: StepRun | None, step: dict) -> bool:
    """Whether the user may complete (or, for a countersign, sign) the active ``run``."""
    if run is None or run.status != "active":
        return False
    if run.assignee_id is not None:
        return run.assignee_id == current_user.id
    if step["kind"] == "countersign":
        return bool(signable_roles(case, run, step))
    return step["role"] in held_roles(mine(), case.tenant_id, case.village_id)


def signable_roles(case: Case, run: StepRun, step: dict) -> list[str]:
    """The countersign roles not yet signed that the user holds — none if they signed."""
    signed = run.signatures or []
    if any(s["user_id"] == current_user.id for s in signed):
        return []
    held = held_roles(mine(), case.tenant_id, case.village_id)
    done = {s["role"] for s in signed}
    return [role for role in step.get("roles") or () if role in held and role not in done]


def is_township_admin(case: Case) -> bool:
    """An admin of the case's own township: may withdraw it. A county admin reads the
    township's cases but does not change them (DESIGN §3)."""
    return any(m.role.admin and m.tenant_id == case.tenant_id for m in mine())


def may_start(tenant: Tenant, step: dict | None) -> bool:
    """Whether the user holds ``step``'s role (an item's first step) somewhere in ``tenant``."""
    if tenant.kind != "township" or not step or not current_user.is_authenticated:
        return False
    return any(m.tenant_id == tenant.id and m.role_key == step.get("role") for m in mine())


def me() -> User:
    """The signed-in user itself (not Flask-Login's proxy), for the engine's records."""
    return current_user._get_current_object()


def village_ids(tenant: Tenant) -> set[int] | None:
    """The villages the user serves in ``tenant``; None for all (a township role)."""
    here = [m for m in mine() if m.tenant_id == tenant.id]
    if any(m.village_id is None for m in here):
        return None
    return {m.village_id for m in here}
