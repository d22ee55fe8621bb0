"""The standard roles of a county's list system. Roles are data: counties may add more."""

from __future__ import annotations

#: (key, Chinese name, level, admin)
STANDARD_ROLES: tuple[tuple[str, str, str, bool], ...] = (
    ("county_admin", "县级管理员", "county", True),
    ("county_inspector", "县纪委监察人员", "county", False),
    ("township_admin", "乡镇管理员", "township", True),
    ("township_inspector", "乡镇纪委监察人员", "township", False),
    ("village_secretary", "村党组织书记", "village", False),
    ("village_director", "村委会主任", "village", False),
    ("village_committee", "两委委员", "village", False),
    ("village_accountant", "报账员", "village", False),
    ("village_supervisor", "村务监督委员会", "village", False),
    ("group_leader", "村民小组长", "village", False),
)

LEVEL_LABELS = {"county": "县级", "township": "乡镇级", "village": "村级"}
