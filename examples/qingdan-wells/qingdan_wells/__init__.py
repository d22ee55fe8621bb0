"""机井管理 — farmland wells: who may drill one, and how its use is published.

The example plugin of Qingdan's plugin guide (docs/plugins.md). Everything here is plain
data and plain functions; from the platform it needs only the hook marker.
"""

from core import hookimpl

from .items import DRILL_WELL
from .rules import UNREGISTERED_WELL

QINGDAN_CONTRACT = 1


@hookimpl
def qingdan_domain():
    return {
        "key": "wells",
        "name": "机井管理",
        "description": "农田机井的审批、登记和使用公开。",
        "icon": "well",
    }


@hookimpl
def qingdan_settings():
    return [
        {
            "key": "wells.major_cost",
            "label": "须“四议两公开”的机井造价",
            "type": "money",
            "default": 50000,
            "help": "造价达到此金额的机井按重大事项决策",
        }
    ]


@hookimpl
def qingdan_items():
    return [DRILL_WELL]


@hookimpl
def qingdan_responsibilities():
    return [{"role": "village_director", "text": "组织机井巡查，登记机井使用情况"}]


@hookimpl
def qingdan_prohibitions():
    return [{"text": "不得私自打井或将集体机井转让他人", "rule": UNREGISTERED_WELL["key"]}]


@hookimpl
def qingdan_rules():
    return [UNREGISTERED_WELL]
