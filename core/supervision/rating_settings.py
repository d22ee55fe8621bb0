"""The points of the village ratings, as local figures (本地规定) a county or township may
change on its settings page (``core.settings``): points lost per thing that weighs on a
village in a month, and the least points of grades A, B and C."""

from __future__ import annotations

PREFIX = "ratings."

#: (key without the prefix, label, default)
_POINTS = (
    ("warning.blue", "评级：每条蓝色预警扣分", 2),
    ("warning.yellow", "评级：每条黄色预警扣分", 5),
    ("warning.red", "评级：每条红色预警扣分", 10),
    ("order.blue", "评级：每份蓝色督查令扣分", 5),
    ("order.yellow", "评级：每份黄色督查令扣分", 10),
    ("order.red", "评级：每份红色督查令扣分", 20),
    ("late_answer", "评级：每件逾期答复的举报扣分", 3),
    ("overdue_step", "评级：每个逾期环节扣分", 1),
    ("grade.A", "评级：A 级最低分（满分 100）", 90),
    ("grade.B", "评级：B 级最低分", 75),
    ("grade.C", "评级：C 级最低分（低于此为 D 级）", 60),
)

SETTINGS = tuple(
    {"key": PREFIX + key, "label": label, "type": "integer", "default": default}
    for key, label, default in _POINTS
)
