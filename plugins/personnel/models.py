"""The personnel ledgers: appointments (任职登记) and the cadres' relatives register (亲属登记).

The relatives register is what the kin rules of every domain read: a relief recipient, a
contractor or a new accountant who is a close relative of a village cadre (to the third
degree) must be caught, so the register keeps the relative's ID number, the only key that
survives different spellings of a name.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base, TenantOwned, Timestamped, tenant_join, tenant_reference
from tenants.models import Village

#: posts a village appoints or elects, by the key the item forms use
POSTS = {
    "accountant": "会计",
    "cashier": "出纳",
    "bookkeeper": "报账员",
    "clerk": "文书",
    "group_leader": "村民小组长",
    "supervisor": "村务监督委员会成员",
    "reserve_cadre": "村级后备干部",
    "other": "其他工作人员",
}

#: cadres whose relatives the register tracks, by role key
CADRE_ROLES = {
    "village_secretary": "村党组织书记",
    "village_director": "村委会主任",
    "village_committee": "两委委员",
    "village_supervisor": "村务监督委员会成员",
    "village_accountant": "报账员",
    "group_leader": "村民小组长",
}

#: close relatives to the third degree (三代以内直系、旁系血亲及近姻亲)
RELATIONS = (
    "配偶",
    "父母",
    "子女",
    "兄弟姐妹",
    "祖父母、外祖父母",
    "孙子女、外孙子女",
    "伯叔姑舅姨",
    "侄子女、甥子女",
    "堂兄弟姐妹、表兄弟姐妹",
    "配偶的父母",
    "配偶的兄弟姐妹",
    "子女的配偶",
    "兄弟姐妹的配偶",
)


class Appointment(TenantOwned, Timestamped, Base):
    """One person holding one village post for a term (任职登记), written by a hiring,
    election or reserve-cadre case and closed by a dismissal case."""

    __tablename__ = "personnel_appointments"
    __table_args__ = (
        Index("ix_personnel_appointments_tenant_id_village_id", "tenant_id", "village_id"),
        Index("ix_personnel_appointments_tenant_id_id_number", "tenant_id", "id_number"),
        tenant_reference("village_id", "villages"),
        tenant_reference("case_id", "cases"),
    )

    village_id: Mapped[int]
    person_name: Mapped[str] = mapped_column(String(50))
    #: 居民身份证号, 18 characters with a capital X
    id_number: Mapped[str] = mapped_column(String(18))
    #: a key of :data:`POSTS`
    post: Mapped[str] = mapped_column(String(20))
    starts_on: Mapped[date]
    #: the end of the term, or the day of dismissal; None while open-ended
    ends_on: Mapped[date | None]
    #: the case that made (or last changed) the appointment
    case_id: Mapped[int | None]

    village: Mapped[Village] = relationship(
        primaryjoin=tenant_join("Village", "Appointment.village_id")
    )

    @property
    def post_label(self) -> str:
        return POSTS.get(self.post, self.post)


class CadreRelative(TenantOwned, Timestamped, Base):
    """A close relative of a village cadre, as the cadre declared it (干部亲属登记)."""

    __tablename__ = "personnel_cadre_relatives"
    __table_args__ = (
        UniqueConstraint(
            "tenant_id",
            "village_id",
            "cadre_name",
            "relative_id_number",
            name="uq_personnel_cadre_relatives_tenant_id_village_cadre_relative",
        ),
        Index(
            "ix_personnel_cadre_relatives_tenant_id_relative_id_number",
            "tenant_id",
            "relative_id_number",
        ),
        tenant_reference("village_id", "villages"),
    )

    village_id: Mapped[int]
    cadre_name: Mapped[str] = mapped_column(String(50))
    #: a key of :data:`CADRE_ROLES`
    cadre_role: Mapped[str] = mapped_column(String(40))
    relative_name: Mapped[str] = mapped_column(String(50))
    relative_id_number: Mapped[str] = mapped_column(String(18))
    #: one of :data:`RELATIONS`
    relation: Mapped[str] = mapped_column(String(20))

    village: Mapped[Village] = relationship(
        primaryjoin=tenant_join("Village", "CadreRelative.village_id")
    )

    @property
    def cadre_role_label(self) -> str:
        return CADRE_ROLES.get(self.cadre_role, self.cadre_role)
