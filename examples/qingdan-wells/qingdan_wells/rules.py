"""A warning rule: a well approved without a location on record."""


def _unregistered(sess, case, run):
    """Step rule: called when a step of any case completes; answers for its own items only."""
    if not case.item.key.startswith("wells.") or case.status != "completed":
        return []
    if (case.data or {}).get("location"):
        return []
    return [
        {
            "subject": f"case:{case.id}",
            "case_id": case.id,
            "village_id": case.village_id,
            "message": f"办件 {case.code} 已办结，但没有登记机井位置。",
        }
    ]


UNREGISTERED_WELL = {
    "key": "wells.unregistered",
    "name": "机井未登记位置",
    "severity": "yellow",
    "description": "机井审批办结时没有登记打井位置。",
    "trigger": "step",
    "check": _unregistered,
}
