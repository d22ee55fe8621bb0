"""People in relief: whether they are a cadre's relative. (What villager pages may show of
them is core.public.masking's business: one place for all masking.)"""

from __future__ import annotations

from sqlalchemy.orm import Session


def relatives(sess: Session, tenant_id: int, id_numbers: set[str]) -> dict[str, dict]:
    """Which of ``id_numbers`` belong to a cadre's registered close relative, as
    ``{id_number: {"cadre", "relation", "village_id"}}``.

    The relatives register is the personnel plugin's; it is imported when a rule runs, so
    relief and disaster still load — and their other rules still run — without it.
    """
    from plugins.personnel.relatives import find_kin

    return find_kin(sess, tenant_id, id_numbers) if id_numbers else {}
