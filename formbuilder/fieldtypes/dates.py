"""Dates and times: ``date`` and ``datetime`` (Beijing time, as villagers read clocks).

Both are stored as ISO 8601 text; a datetime sent with an offset (``Z``, ``+00:00``) is
converted to Beijing time and stored without one, since every village shares that clock.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from typing import Any

from wtforms.fields import StringField
from wtforms.fields.core import UnboundField
from wtforms.widgets import DateInput, DateTimeLocalInput

from formbuilder.fieldtypes.base import FieldError, FieldType
from formbuilder.fieldtypes.wtf import field_kwargs

BEIJING = timezone(timedelta(hours=8), "Asia/Shanghai")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?")


class DateType(FieldType):
    key = "date"
    label = "日期"
    value_schema = {"type": "string", "format": "date"}

    def clean(self, value: Any, definition: dict) -> date:
        if isinstance(value, date) and not isinstance(value, datetime):
            return value
        if not isinstance(value, str) or not _DATE.fullmatch(value.strip()):
            raise FieldError("请填写日期，如 2026-03-01")
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise FieldError("没有这一天，请核对日期") from None

    def dump(self, value: date, definition: dict) -> str:
        return value.isoformat()

    def display(self, value: Any, definition: dict) -> str:
        if value is None:
            return ""
        day = date.fromisoformat(value) if isinstance(value, str) else value
        return f"{day.year}年{day.month}月{day.day}日"

    def to_wtforms(self, definition: dict) -> UnboundField:
        return StringField(widget=DateInput(), **field_kwargs(definition))


class DateTimeType(FieldType):
    key = "datetime"
    label = "日期和时间"
    value_schema = {"type": "string", "format": "date-time"}

    def clean(self, value: Any, definition: dict) -> datetime:
        if isinstance(value, str) and _DATETIME.fullmatch(value.strip()):
            try:
                value = datetime.fromisoformat(value.strip())
            except ValueError:
                raise FieldError("没有这个时间，请核对日期和时间") from None
        if not isinstance(value, datetime):
            raise FieldError("请填写日期和时间，如 2026-03-01 09:30")
        if value.tzinfo is not None:
            value = value.astimezone(BEIJING).replace(tzinfo=None)
        return value.replace(microsecond=0)

    def dump(self, value: datetime, definition: dict) -> str:
        return value.isoformat(timespec="minutes" if not value.second else "seconds")

    def display(self, value: Any, definition: dict) -> str:
        if value is None:
            return ""
        moment = datetime.fromisoformat(value) if isinstance(value, str) else value
        return f"{moment.year}年{moment.month}月{moment.day}日 {moment:%H:%M}"

    def to_wtforms(self, definition: dict) -> UnboundField:
        return StringField(widget=DateTimeLocalInput(), **field_kwargs(definition))
