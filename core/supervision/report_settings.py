"""The answer deadline of villagers' reports (码上举报) as a local figure (本地规定) a county or
township may change on its settings page (``core.settings``)."""

from __future__ import annotations

#: working days from receipt within which a report is answered
ANSWER_DAYS = "supervision.report_answer_days"

SETTINGS = (
    {
        "key": ANSWER_DAYS,
        "label": "码上举报答复期限（工作日）",
        "type": "days",
        "default": 10,
        "help": "村民举报自受理次日起算，超过此工作日数仍未答复的，列为逾期。",
    },
)
