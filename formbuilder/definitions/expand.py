"""From a loaded definition to the concrete steps a case runs through.

An ``include`` step stands for a block's steps (``deliberate`` → ``deliberate.propose`` …
``deliberate.publish_results``), chained in order, the last one continuing where the include
went. Every reference to the include key then means its first step (``next``, ``goto``,
``return_to``), or, in ``distinct_from``, all of its steps: whoever acted anywhere in the
procedure. The tenant's settings fix the block's figures at this point, so a case pins the
figures in force when it started.
"""

from __future__ import annotations

import copy

from core.errors import Invalid
from formbuilder.definitions.blocks import BLOCKS, block_steps, settings_errors
from formbuilder.definitions.kinds import normalized


def expand_steps(definition: dict, settings: dict | None = None) -> list[dict]:
    """The flat, ordered list of concrete steps of a definition ``load_item_definition``
    returned; ``settings`` are the tenant's block overrides (``{"four_deliberations": …}``).

    Each step carries ``group`` and ``group_name``: the include key and the block's name for
    steps of a block, None otherwise.
    """
    settings = settings or {}
    errors = settings_errors(settings)
    if errors:
        raise Invalid("流程模块的设置有误，请检查。", fields=errors)
    members = {
        step["key"]: [f"{step['key']}.{sub['key']}" for sub in BLOCKS[step["include"]]["steps"]]
        for step in definition["steps"]
        if step["kind"] == "include"
    }
    expanded: list[dict] = []
    for step in definition["steps"]:
        if step["kind"] == "include":
            expanded.extend(_block(step, settings, members))
        else:
            expanded.append(_concrete(step, members))
    return expanded


def _entry(key: str | None, members: dict[str, list[str]]) -> str | None:
    """The step a flow reference lands on: an include's first step, else the step itself."""
    return members[key][0] if key in members else key


def _concrete(step: dict, members: dict[str, list[str]]) -> dict:
    result = copy.deepcopy(step)
    result["next"] = _entry(step["next"], members)
    for branch in result["branches"]:
        branch["goto"] = _entry(branch["goto"], members)
    if step["kind"] == "approval":
        result["return_to"] = _entry(step["return_to"], members)
        result["distinct_from"] = [
            key
            for reference in step["distinct_from"]
            for key in members.get(reference, [reference])
        ]
    return {**result, "group": None, "group_name": None}


def _block(include: dict, settings: dict, members: dict[str, list[str]]) -> list[dict]:
    keys = members[include["key"]]
    following = keys[1:] + [_entry(include["next"], members)]
    group_name = BLOCKS[include["include"]]["name"]
    return [
        {
            **normalized({**sub, "key": key, "next": after}),
            "group": include["key"],
            "group_name": group_name,
        }
        for sub, key, after in zip(
            block_steps(include["include"], settings), keys, following, strict=True
        )
    ]
