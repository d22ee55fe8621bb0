"""Local rules (本地规则): the figures a county or township sets over the published defaults.

For now, the 四议两公开 block: the quorum and majority of each meeting and the notice days.
A township's rules are laid over its county's; what neither sets keeps the default.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from core.errors import Invalid
from formbuilder.definitions import BLOCKS, settings_errors
from formbuilder.definitions.blocks import ADJUSTABLE
from tenants.models import Tenant, overlay

BLOCK = "four_deliberations"


def block_figures(tenant: Tenant) -> list[dict]:
    """Each adjustable step of the block with its figures in force for ``tenant``."""
    settings = tenant.effective_settings().get(BLOCK, {})
    own = (tenant.settings or {}).get(BLOCK, {})
    rows = []
    for step in BLOCKS[BLOCK]["steps"]:
        figures = {k: step[k] for k in ADJUSTABLE if k in step}
        figures.update({k: v for k, v in settings.get(step["key"], {}).items() if k in figures})
        if step["kind"] == "notice" and "publish_days" in settings:
            figures["notice_days"] = settings["publish_days"]
        rows.append(
            {
                "key": step["key"],
                "name": step["name"],
                "kind": step["kind"],
                "figures": figures,
                "own": own.get(step["key"], {}),
            }
        )
    return rows


def save_block_rules(sess: Session, tenant: Tenant, rules: dict) -> dict:
    """Replace ``tenant``'s own 四议两公开 rules with ``rules`` (checked first)."""
    candidate = {BLOCK: rules}
    errors = settings_errors(candidate)
    if errors:
        raise Invalid("规则设置有误，请按提示修改。", fields=errors)
    tenant.settings = overlay(
        {k: v for k, v in (tenant.settings or {}).items() if k != BLOCK}, candidate if rules else {}
    )
    sess.flush()
    return tenant.settings
