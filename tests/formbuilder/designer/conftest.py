import copy

import pytest

HOSTILE = "<script>alert(1)</script>{{ 7*7 }}"

#: a local item with a conditional field, a branch and the 四议两公开 block
LOCAL_ITEM = {
    "format": 1,
    "key": "local.street_lights",
    "name": "路灯安装",
    "domain": "local",
    "basis": ["《村民委员会组织法》第二十四条"],
    "responsible_role": "village_director",
    "steps": [
        {
            "key": "apply",
            "name": "提出申请",
            "kind": "task",
            "role": "village_committee",
            "fields": [
                {"key": "amount", "type": "money", "label": "金额（元）", "required": True},
                {
                    "key": "kind",
                    "type": "choice",
                    "label": "类别",
                    "options": [
                        {"value": "new", "label": "新装"},
                        {"value": "other", "label": "其他"},
                    ],
                },
                {
                    "key": "other",
                    "type": "text",
                    "label": "其他说明",
                    "visible_when": {"==": [{"var": "kind"}, "other"]},
                },
            ],
            "branches": [{"when": {">=": [{"var": "amount"}, 50000]}, "goto": "deliberate"}],
            "next": "notice",
        },
        {"key": "deliberate", "kind": "include", "include": "four_deliberations", "next": "notice"},
        {
            "key": "notice",
            "name": "结果公示",
            "kind": "notice",
            "role": "village_director",
            "notice_days": 5,
            "next": None,
        },
    ],
}


@pytest.fixture
def local_item():
    """A fresh copy of the example local item definition."""
    return copy.deepcopy(LOCAL_ITEM)


@pytest.fixture
def hostile_item(local_item):
    """The example item with script and template syntax in every label, help and option."""
    local_item["name"] = "路灯" + HOSTILE
    local_item["steps"][0]["name"] = "申请" + HOSTILE
    for field in local_item["steps"][0]["fields"]:
        field["label"] = field["label"] + HOSTILE
        field["help"] = "说明" + HOSTILE
    local_item["steps"][0]["fields"][1]["options"][1]["label"] = "其他" + HOSTILE
    return local_item
