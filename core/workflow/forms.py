"""Page forms of cases: starting one, what the engine reads for each step kind, and the
clerk's actions (退回, 撤销, 转办, answering an objection).

A step's declared fields come from ``formbuilder.forms.build_form``. What the engine itself
reads for a kind — a meeting's tally, an approval's decision, the countersign role — and 代办
go in a second form prefixed ``step-``: a declared field's key has no ``-``, so the two can
never share an HTML name. These forms only collect input; the engine judges it.
"""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import Form
from wtforms.fields import (
    BooleanField,
    FormField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, ValidationError
from wtforms.widgets import NumberInput

from formbuilder.fieldtypes.base import FieldError
from formbuilder.fieldtypes.identity import IdNumberType
from formbuilder.fieldtypes.wtf import fields_by_key, form_class
from formbuilder.forms import SubmissionForm

from .cases import MAX_TITLE
from .kinds import BUILT_IN, TALLY_LABELS

#: blank rows a table field offers beyond its minimum, so a page without script can add rows
SPARE_ROWS = 2
MAX_REASON = 500
_ID_NUMBER = IdNumberType()


class OnBehalfForm(Form):
    """代办: the villager a clerk files for (the API's ``on_behalf_of``)."""

    filed = BooleanField("代村民办理（代办）")
    name = StringField("村民姓名", render_kw={"maxlength": 50, "autocomplete": "off"})
    id_number = StringField("身份证号（可选）", render_kw={"maxlength": 18, "autocomplete": "off"})

    def validate_name(self, field: StringField) -> None:
        text = (field.data or "").strip()
        if self.filed.data and not text:
            raise ValidationError("代办时请填写村民姓名。")
        if len(text) > 50:
            raise ValidationError("姓名不能超过 50 个字。")

    def validate_id_number(self, field: StringField) -> None:
        if self.filed.data and (field.data or "").strip():
            try:
                _ID_NUMBER.clean(field.data, {})
            except FieldError as exc:
                raise ValidationError(exc.message) from None

    def value(self) -> dict | None:
        """``{"name", "id_number"}`` when 代办 is ticked, else None."""
        if not self.filed.data:
            return None
        number = (self.id_number.data or "").strip()
        return {
            "name": self.name.data.strip(),
            "id_number": _ID_NUMBER.clean(number, {}) if number else None,
        }


class StartForm(FlaskForm):
    village = SelectField(
        "村（社区）", validators=[InputRequired("请选择村。")], validate_choice=False
    )
    item = SelectField("事项", validators=[InputRequired("请选择事项。")], validate_choice=False)
    title = StringField(
        "办件标题",
        description="可不填，默认为“村名＋事项名”",
        validators=[Length(max=MAX_TITLE, message=f"标题不能超过 {MAX_TITLE} 字。")],
    )
    on_behalf = FormField(OnBehalfForm, label="代办")


def step_inputs(kind: str, role_choices: list[tuple[str, str]]) -> type[Form]:
    """The engine's own inputs for a step of ``kind``, named as the API names its data.

    ``role_choices`` are the countersign roles the person may sign for.
    """
    fields: dict = {}
    if kind == "meeting":
        fields = {
            key: StringField(label, name=key, widget=NumberInput(step=1, min=0))
            for key, label in TALLY_LABELS.items()
        }
    elif kind == "approval":
        fields = {
            "decision": RadioField(
                "审批意见",
                choices=[SelectChoice("approve", "同意"), SelectChoice("return", "退回")],
                validate_choice=False,
            ),
            "comment": TextAreaField("意见说明", description="退回时必填", render_kw={"rows": 3}),
        }
    elif kind == "countersign":
        fields = {
            "role": RadioField(
                "以…身份会签",
                choices=[SelectChoice(key, name) for key, name in role_choices],
                validate_choice=False,
            )
        }
    elif kind == "task":
        fields = {"on_behalf": FormField(OnBehalfForm, label="代办")}
    return form_class(Form, fields, f"{kind.title()}Inputs")


def engine_data(inputs: Form, kind: str) -> dict:
    """What the inputs say, keyed as the engine reads it (blank answers left out)."""
    by_key = fields_by_key(inputs)
    data = {key: by_key[key].data for key in BUILT_IN.get(kind, ()) if key in by_key}
    return {key: value for key, value in data.items() if value not in (None, "")}


def on_behalf_of(inputs: Form) -> dict | None:
    """The villager a task step is filed for (代办), or None."""
    by_key = fields_by_key(inputs)
    return by_key["on_behalf"].form.value() if "on_behalf" in by_key else None


def add_spare_rows(form: SubmissionForm) -> None:
    """Give each table field blank rows to fill; blank rows are dropped when cleaned."""
    for definition in form.definitions:
        if definition["type"] == "table":
            rows = form.field(definition["key"])
            shown = max(definition.get("min_rows", 0), 1) + SPARE_ROWS
            while len(rows) < min(shown, definition.get("max_rows", shown)):
                rows.append_entry()


def _reason(label: str) -> TextAreaField:
    return TextAreaField(
        label,
        validators=[Length(max=MAX_REASON, message=f"理由不能超过 {MAX_REASON} 字。")],
        render_kw={"rows": 2, "maxlength": MAX_REASON},
    )


class ReturnForm(FlaskForm):
    to_step = SelectField("退回到", validate_choice=False)
    reason = _reason("退回理由")


class WithdrawForm(FlaskForm):
    reason = _reason("撤销理由")


class TransferForm(FlaskForm):
    to_user = SelectField("转给", validate_choice=False)


class ResolveForm(FlaskForm):
    resolution = TextAreaField(
        "处理结果",
        validators=[Length(max=2000, message="处理结果不能超过 2000 字。")],
        render_kw={"rows": 2},
    )
