"""Building blocks (流程模块): reusable step sequences a definition includes by name.

``four_deliberations`` is the 四议两公开 procedure for major matters (DOMAIN §2): the party
branch proposes, the two committees discuss, the party members' meeting reviews, the
villagers' (representatives') meeting resolves, the resolution and then the results are made
public. Its figures are the defaults of DOMAIN §2; a county or township overrides them in its
settings (``{"four_deliberations": {"review": {"quorum": "3/4"}, "publish_days": 5}}``),
because notice days and vote rules are local rules, not national ones.
"""

from __future__ import annotations

import copy

from formbuilder.definitions.kinds import MAJORITY_BASES
from formbuilder.definitions.quorum import FRACTION_HINT, parse_fraction

BLOCKS: dict[str, dict] = {
    "four_deliberations": {
        "name": "四议两公开",
        "steps": [
            {"key": "propose", "name": "村党组织提议", "kind": "task", "role": "village_secretary"},
            {
                # joint meeting of the branch and the committee: a simple majority of those present
                "key": "discuss",
                "name": "村“两委”会议商议",
                "kind": "meeting",
                "role": "village_secretary",
                "quorum": None,
                "majority": "1/2",
                "majority_of": "present",
            },
            {
                # ≥ 2/3 of members present; passes with > 1/2 of the members due to attend
                "key": "review",
                "name": "党员大会审议",
                "kind": "meeting",
                "role": "village_secretary",
                "quorum": "2/3",
                "majority": "1/2",
                "majority_of": "expected",
            },
            {
                # representatives' meeting: ≥ 2/3 present, passes with > 1/2 of those present
                "key": "resolve",
                "name": "村民会议或村民代表会议决议",
                "kind": "meeting",
                "role": "village_director",
                "quorum": "2/3",
                "majority": "1/2",
                "majority_of": "present",
            },
            {
                "key": "publish_resolution",
                "name": "决议公开",
                "kind": "notice",
                "role": "village_director",
                "notice_days": 3,  # 宁海's rule, a local default
            },
            {
                "key": "publish_results",
                "name": "实施结果公开",
                "kind": "notice",
                "role": "village_director",
                "notice_days": 3,
            },
        ],
    },
}

#: The per-step figures a tenant's settings may change.
ADJUSTABLE = ("quorum", "majority", "majority_of", "notice_days")
#: A block setting that sets ``notice_days`` on every notice step of the block.
PUBLISH_DAYS = "publish_days"


def block_steps(name: str, settings: dict | None = None) -> list[dict]:
    """Copies of block ``name``'s steps with ``settings`` (a tenant's overrides) applied.
    Settings are checked with ``settings_errors`` when they are saved; here they are trusted."""
    steps = copy.deepcopy(BLOCKS[name]["steps"])
    overrides = (settings or {}).get(name) or {}
    for step in steps:
        if step["kind"] == "notice" and PUBLISH_DAYS in overrides:
            step["notice_days"] = overrides[PUBLISH_DAYS]
        own = overrides.get(step["key"]) or {}
        step.update({key: own[key] for key in ADJUSTABLE if key in own and key in step})
    return steps


def settings_errors(settings: dict) -> dict[str, str]:
    """Faults in a tenant's block settings, by path (``four_deliberations.review.quorum``)."""
    errors: dict[str, str] = {}
    for name, overrides in settings.items():
        if name not in BLOCKS:
            continue  # settings hold more than blocks; only ours are checked here
        if not isinstance(overrides, dict):
            errors[name] = "应为对象。"
            continue
        steps = {step["key"]: step for step in BLOCKS[name]["steps"]}
        for key, value in overrides.items():
            path = f"{name}.{key}"
            if key == PUBLISH_DAYS:
                _check_days(value, path, errors)
            elif key not in steps or not isinstance(value, dict):
                errors[path] = f"“{BLOCKS[name]['name']}”中没有可以这样设置的环节。"
            else:
                _check_step(steps[key], value, path, errors)
    return errors


def _check_step(step: dict, values: dict, path: str, errors: dict[str, str]) -> None:
    for key, value in values.items():
        here = f"{path}.{key}"
        if key not in ADJUSTABLE or key not in step:
            errors[here] = f"“{step['name']}”没有可调整的“{key}”。"
        elif key == "notice_days":
            _check_days(value, here, errors)
        elif key == "majority_of":
            if value not in MAJORITY_BASES:
                errors[here] = "应为 present（到会人数）或 expected（应到人数）。"
        elif not (key == "quorum" and value is None) and parse_fraction(value) is None:
            errors[here] = FRACTION_HINT


def _check_days(value: object, path: str, errors: dict[str, str]) -> None:
    if type(value) is not int or not 1 <= value <= 365:
        errors[path] = "应为1到365之间的整数天数。"
