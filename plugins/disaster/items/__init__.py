"""The disaster-relief list items (救灾款申请事项), as definitions in format 1.

``TIMINGS`` says, per item and step, which setting the step's days come from; ``CATEGORIES``
which roster category (救助项目) each item pays.
"""

from __future__ import annotations

from plugins.disaster.items.common import TIMINGS as SHARED_TIMINGS
from plugins.disaster.items.goods import GOODS_DISTRIBUTION
from plugins.disaster.items.household import GROUP_NOMINATION, HOUSEHOLD_RELIEF
from plugins.disaster.items.housing import HOUSING_REBUILD

ITEMS = [HOUSEHOLD_RELIEF, GROUP_NOMINATION, GOODS_DISTRIBUTION, HOUSING_REBUILD]

TIMINGS = {item["key"]: SHARED_TIMINGS for item in ITEMS}

CATEGORIES = {
    HOUSEHOLD_RELIEF["key"]: "living",
    GROUP_NOMINATION["key"]: "living",
    HOUSING_REBUILD["key"]: "housing",
    GOODS_DISTRIBUTION["key"]: "goods",
}
