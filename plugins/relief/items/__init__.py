"""The relief list items (村民救助事项), as definitions in format 1, one module per item.

``TIMINGS`` says, per item and step, which setting the step's days come from.
"""

from __future__ import annotations

from plugins.relief.items.destitute import DESTITUTE, DESTITUTE_TIMINGS
from plugins.relief.items.dibao import DIBAO, DIBAO_TIMINGS
from plugins.relief.items.medical import MEDICAL_REFERRAL, MEDICAL_TIMINGS
from plugins.relief.items.temporary import TEMPORARY, TEMPORARY_TIMINGS

ITEMS = [DIBAO, TEMPORARY, DESTITUTE, MEDICAL_REFERRAL]

TIMINGS = {
    DIBAO["key"]: DIBAO_TIMINGS,
    TEMPORARY["key"]: TEMPORARY_TIMINGS,
    DESTITUTE["key"]: DESTITUTE_TIMINGS,
    MEDICAL_REFERRAL["key"]: MEDICAL_TIMINGS,
}

#: the ledger's benefit (救助类别) each item grants; the medical referral grants none of its own
BENEFITS = {
    DIBAO["key"]: "dibao",
    TEMPORARY["key"]: "temporary",
    DESTITUTE["key"]: "destitute",
}
