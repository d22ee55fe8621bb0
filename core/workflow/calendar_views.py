"""``/t/<slug>/admin/calendar``: which years the official holiday data covers, and the days
a county has entered for the rest (节假日与调休上班日).

County admins add and remove days on their county's page; a township's page shows its
county's list read-only, because deadlines in all of a county's townships count by it.
"""

from __future__ import annotations

from itertools import groupby

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField
from wtforms.fields import SelectChoice
from wtforms.validators import InputRequired, Length, Optional

from core import db
from core.auth.access import is_county_admin_of, require_county_admin, resolve_tenant
from core.errors import Forbidden, Invalid
from tenants.models import Tenant
from tenants.views.blueprint import show_refusal

from .calendar import OFFICIAL_YEARS, official_years
from .holidays import KIND_LABELS, enter_days, entered_days, remove_day

bp = Blueprint("calendar", __name__, template_folder="templates")
WEEKDAYS = "一二三四五六日"


class DayField(DateField):
    """A date typed as 2027-10-01 (what a browser's date input sends)."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as exc:
            raise ValueError("日期格式应为“年-月-日”，如 2027-10-01。") from exc


class EnterDaysForm(FlaskForm):
    first = DayField("日期", validators=[InputRequired("请填写日期。")])
    last = DayField("至（可选）", description="连续多天放假时填写最后一天", validators=[Optional()])
    kind = SelectField("类型", choices=[SelectChoice(k, label) for k, label in KIND_LABELS.items()])
    note = StringField(
        "说明",
        description="如“2027 年国庆节”",
        validators=[Length(max=100, message="说明最长 100 个字。")],
    )


def _editable(tenant: Tenant) -> bool:
    return tenant.kind == "county" and is_county_admin_of(current_user, tenant)


def _require_editor(tenant: Tenant) -> None:
    require_county_admin(current_user, tenant)
    if tenant.kind != "county":
        raise Forbidden("节假日和调休上班日由县（区）统一录入，乡镇（街道）只能查看。")


@bp.route("/t/<slug>/admin/calendar", methods=["GET", "POST"])
@login_required
def calendar(slug: str):
    tenant = resolve_tenant(current_user, slug)
    form = EnterDaysForm()
    status = 200
    if form.is_submitted():
        _require_editor(tenant)
        status = 400
        if form.validate():
            sess = db.session()
            data = form.data
            try:
                rows = enter_days(
                    sess, tenant, data["first"], data["last"], data["kind"], data["note"] or ""
                )
            except Invalid as exc:
                sess.rollback()
                status = show_refusal(form, exc)
            else:
                sess.commit()
                flash(f"已录入 {len(rows)} 天{KIND_LABELS[data['kind']]}。", "success")
                return redirect(url_for(".calendar", slug=tenant.slug))
    return _page(tenant, form, status)


@bp.post("/t/<slug>/admin/calendar/<int:day_id>/remove")
@login_required
def remove(slug: str, day_id: int):
    tenant = resolve_tenant(current_user, slug)
    _require_editor(tenant)
    sess = db.session()
    row = remove_day(sess, tenant, day_id)
    sess.commit()
    flash(f"已删除 {row.day.isoformat()}（{KIND_LABELS[row.kind]}）。", "success")
    return redirect(url_for(".calendar", slug=tenant.slug))


def _page(tenant: Tenant, form: EnterDaysForm, status: int):
    days = entered_days(db.session(), tenant)
    return render_template(
        "workflow/calendar.html",
        tenant=tenant,
        years=[(year, list(rows)) for year, rows in groupby(days, key=lambda d: d.day.year)],
        official=official_years(),
        official_years=OFFICIAL_YEARS,
        kinds=KIND_LABELS,
        weekdays=WEEKDAYS,
        form=form if _editable(tenant) else None,
    ), status
