"""Values made of parts: ``table`` (repeating rows of sub-fields) and ``vote`` (a tally).

A table's columns are field definitions, and each row is cleaned exactly like a small form
(``clean_submission``), so a cell says what the same field would say on its own; a column's
conditions and formulas read the other cells of its row.
"""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields
from wtforms import Form
from wtforms.fields import FieldList, FormField, StringField
from wtforms.fields.core import UnboundField
from wtforms.widgets import NumberInput

from core.errors import Invalid
from formbuilder.fieldtypes import options
from formbuilder.fieldtypes.base import FieldError, FieldType, blank
from formbuilder.fieldtypes.submission import clean_submission, field_type
from formbuilder.fieldtypes.wtf import field_kwargs, form_class

MAX_ROWS = 500


class Columns(fields.Field):
    """A table's ``columns``: a list of field definitions, checked like a form's fields."""

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> list[dict]:
        from formbuilder.definitions.form import load_fields  # columns are a form of their own

        try:
            return load_fields(value, path="")
        except Invalid as exc:
            raise ValidationError(exc.fields) from None


class TableType(FieldType):
    key = "table"
    label = "表格（多行）"
    required_message = "请至少填写一行"
    value_schema = {"type": "array", "items": {"type": "object"}}

    def option_fields(self) -> dict:
        return {
            "columns": Columns(required=True, error_messages={"required": "表格至少需要一列"}),
            "min_rows": options.integer(0, MAX_ROWS),
            "max_rows": options.integer(1, MAX_ROWS),
        }

    def check_settings(self, definition: dict) -> dict[str, str]:
        errors = {}
        if definition.get("min_rows", 0) > definition.get("max_rows", MAX_ROWS):
            errors["min_rows"] = "最少行数不能大于最多行数"
        if definition.get("columns") == []:
            errors["columns"] = "表格至少需要一列"
        for index, column in enumerate(definition.get("columns", [])):
            if column["type"] == self.key or field_type(column).is_layout:
                errors[f"columns[{index}].type"] = "表格的列不能是表格或分节标题"
        return errors

    def clean(self, value: Any, definition: dict) -> list[dict]:
        columns = definition["columns"]
        if not isinstance(value, list) or not all(isinstance(row, dict) for row in value):
            raise FieldError("表格内容格式不对")
        filled = [(index, row) for index, row in enumerate(value) if not blank(row)]
        count_fault = self._count_fault(len(filled), definition)
        if len(filled) > definition.get("max_rows", MAX_ROWS):
            raise FieldError(count_fault[""])  # before the work of cleaning every row
        keys = {column["key"] for column in columns}
        rows, parts = [], {}
        for index, row in filled:
            unknown = sorted(set(row) - keys)
            data, errors = clean_submission(columns, row)
            if unknown:
                errors[""] = "没有这些列：" + "、".join(unknown)
            parts |= {options.join(f"[{index}]", path): text for path, text in errors.items()}
            rows.append(data)
        parts |= count_fault
        if parts:
            raise FieldError("表格中有需要修改的内容", parts)
        return rows

    def _count_fault(self, count: int, definition: dict) -> dict[str, str]:
        if count < definition.get("min_rows", 0):
            return {"": f"至少填写 {definition['min_rows']} 行，现有 {count} 行"}
        if count > definition.get("max_rows", MAX_ROWS):
            return {"": f"最多填写 {definition.get('max_rows', MAX_ROWS)} 行，现有 {count} 行"}
        return {}

    def dump(self, value: list[dict], definition: dict) -> list[dict]:
        return [self._cells(row, definition, "dump") for row in value]

    def display(self, value: Any, definition: dict) -> str:
        return self._text(value, definition, "display")

    def public_text(self, value: Any, definition: dict) -> str:
        return self._text(value, definition, "public_text")

    def _cells(self, row: dict, definition: dict, how: str) -> dict:
        """Each cell as ``how`` renders it; ``"public": false`` keeps a column off public pages."""
        return {
            column["key"]: getattr(field_type(column), how)(row[column["key"]], column)
            for column in definition["columns"]
            if column["key"] in row and not (how == "public_text" and column.get("public") is False)
        }

    def _text(self, value: Any, definition: dict, how: str) -> str:
        labels = {column["key"]: column["label"] for column in definition["columns"]}
        return "；".join(
            "，".join(
                f"{labels[key]}：{text}" for key, text in self._cells(row, definition, how).items()
            )
            for row in value or []
        )

    def to_wtforms(self, definition: dict) -> UnboundField:
        cells = {c["key"]: field_type(c).to_wtforms(c) for c in definition["columns"]}
        row = FormField(form_class(Form, cells, "TableRow"), label="")
        shown = max(definition.get("min_rows", 0), 1)
        return FieldList(row, min_entries=shown, **field_kwargs(definition))


#: the parts of a tally, in the order minutes record them
VOTE_PARTS = {
    "expected": "应到",
    "present": "实到",
    "for": "赞成",
    "against": "反对",
    "abstain": "弃权",
}


class VoteType(FieldType):
    """A meeting's tally. Whether it makes quorum and majority is the process engine's call
    (from the step's definition); here the numbers only have to be possible."""

    key = "vote"
    label = "表决结果"
    value_schema = {
        "type": "object",
        "properties": {part: {"type": "integer", "minimum": 0} for part in VOTE_PARTS},
        "required": list(VOTE_PARTS),
    }

    def clean(self, value: Any, definition: dict) -> dict[str, int]:
        if not isinstance(value, dict) or not set(value) <= set(VOTE_PARTS):
            raise FieldError("表决结果应包含应到、实到、赞成、反对、弃权人数")
        tally, parts = {}, {}
        for part, label in VOTE_PARTS.items():
            count = value.get(part)
            if isinstance(count, str) and count.strip().isdigit() and count.strip().isascii():
                count = int(count)
            if blank(count):
                parts[f".{part}"] = f"请填写{label}人数"
            elif isinstance(count, bool) or not isinstance(count, int) or count < 0:
                parts[f".{part}"] = f"{label}人数应为不小于 0 的整数"
            else:
                tally[part] = count
        if parts:
            raise FieldError("请核对表决人数", parts)
        if tally["present"] > tally["expected"]:
            raise FieldError("实到人数不能多于应到人数", {".present": "实到人数不能多于应到人数"})
        if tally["for"] + tally["against"] + tally["abstain"] > tally["present"]:
            raise FieldError("赞成、反对、弃权票数合计不能多于实到人数")
        return tally

    def display(self, value: Any, definition: dict) -> str:
        if not value:
            return ""
        people = f"应到 {value['expected']} 人，实到 {value['present']} 人"
        votes = f"赞成 {value['for']} 票，反对 {value['against']} 票，弃权 {value['abstain']} 票"
        return f"{people}；{votes}"

    def to_wtforms(self, definition: dict) -> UnboundField:
        counts = {
            part: StringField(label, name=part, widget=NumberInput(step=1, min=0))
            for part, label in VOTE_PARTS.items()
        }
        return FormField(form_class(Form, counts, "VoteForm"), **field_kwargs(definition))
