import copy

import pytest

#: the example of DESIGN §6: a branch by amount and a 四议两公开 include
STREET_LIGHTS = {
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
            "time_limit": {"days": 5, "working": True},
            "fields": [
                {
                    "key": "amount",
                    "type": "money",
                    "label": "金额（元）",
                    "required": True,
                    "public": True,
                },
                {"key": "kind", "type": "text", "label": "类别"},
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
def definition():
    """A fresh copy of a valid item definition to change at will."""
    return copy.deepcopy(STREET_LIGHTS)


@pytest.fixture
def make_item(sess):
    from core.catalog.operations import create_item, publish

    def make(tenant, definition, *, origin="county", published=True):
        item = create_item(sess, tenant, definition, origin=origin, actor_id=None)
        if published:
            publish(sess, item)
        sess.commit()
        return item

    return make
