"""Malformed item definitions: each is refused with its fault at the exact path, in Chinese."""

import copy
import json
from pathlib import Path

import pytest

from core.errors import Invalid
from formbuilder.definitions import load_item_definition

EXAMPLE = json.loads((Path(__file__).parent / "test_definitions_example.json").read_text("utf-8"))
# steps: 0 apply (task), 1 deliberate (include), 2 review (approval), 3 sign (countersign),
#        4 council (meeting), 5 notice (notice)


def _set(path, value):
    def change(d):
        *parents, last = path
        for part in parents:
            d = d[part]
        d[last] = value

    return change


def _drop(path):
    def change(d):
        *parents, last = path
        for part in parents:
            d = d[part]
        del d[last]

    return change


def _when(logic):
    return _set(["steps", 0, "branches", 0, "when"], logic)


MALFORMED = [
    ("missing name", _drop(["name"]), "name"),
    ("missing steps", _drop(["steps"]), "steps"),
    ("no steps at all", _set(["steps"], []), "steps"),
    ("unknown item key", _set(["owner"], "张三"), "owner"),
    ("unsupported format", _set(["format"], 2), "format"),
    ("format as a string", _set(["format"], "1"), "format"),
    ("basis not a list", _set(["basis"], "组织法"), "basis"),
    ("item key with capitals", _set(["key"], "Local.Lights"), "key"),
    ("step not an object", lambda d: d["steps"].append("notice"), "steps[6]"),
    ("step without kind", _drop(["steps", 0, "kind"]), "steps[0].kind"),
    ("unknown kind", _set(["steps", 4, "kind"], "vote"), "steps[4].kind"),
    ("task without role", _drop(["steps", 0, "role"]), "steps[0].role"),
    ("task with a null role", _set(["steps", 0, "role"], None), "steps[0].role"),
    ("meeting with a null majority", _set(["steps", 4, "majority"], None), "steps[4].majority"),
    ("step name of the wrong type", _set(["steps", 0, "name"], 5), "steps[0].name"),
    ("bad step key", _set(["steps", 5, "key"], "Notice"), "steps[5].key"),
    ("duplicate step key", _set(["steps", 3, "key"], "review"), "steps[3].key"),
    ("unknown step key", _set(["steps", 4, "quorom"], "2/3"), "steps[4].quorom"),
    ("next names no step", _set(["steps", 0, "next"], "nowhere"), "steps[0].next"),
    ("goto names no step", _set(["steps", 0, "branches", 0, "goto"], "bidding"), "steps[0].branches[0].goto"),
    ("branch without condition", _drop(["steps", 0, "branches", 0, "when"]), "steps[0].branches[0].when"),
    ("return_to names no step", _set(["steps", 2, "return_to"], "start"), "steps[2].return_to"),
    ("return_to a later step", _set(["steps", 2, "return_to"], "notice"), "steps[2].return_to"),
    ("return_to itself", _set(["steps", 2, "return_to"], "review"), "steps[2].return_to"),
    ("distinct_from names no step", _set(["steps", 2, "distinct_from"], ["applicant"]), "steps[2].distinct_from[0]"),
    ("distinct_from a later step", _set(["steps", 2, "distinct_from"], ["apply", "sign"]), "steps[2].distinct_from[1]"),
    ("distinct_from a step a block does not have", _set(["steps", 2, "distinct_from"], ["deliberate.vote"]), "steps[2].distinct_from[0]"),
    ("unreachable step", lambda d: d["steps"].append({"key": "orphan", "name": "孤立环节", "kind": "task", "role": "village_director"}), "steps[6]"),
    ("cycle through next", _set(["steps", 5, "next"], "apply"), "steps[5].next"),
    ("step that follows itself", _set(["steps", 3, "next"], "sign"), "steps[3].next"),
    ("cycle through a branch", _set(["steps", 4, "branches"], [{"when": True, "goto": "review"}]), "steps[4].branches[0].goto"),
    ("condition on an unknown field", _when({">=": [{"var": "budget"}, 50000]}), "steps[0].branches[0].when"),
    ("condition on a later step's field", _when({"==": [{"var": "venue"}, "村部"]}), "steps[0].branches[0].when"),
    ("condition on a section heading", lambda d: (d["steps"][0]["fields"].append({"key": "part", "type": "section", "label": "补充信息"}), _when({"var": "part"})(d)), "steps[0].branches[0].when"),
    ("condition with an unknown operator", _when({"log": [{"var": "amount"}]}), "steps[0].branches[0].when"),
    ("condition with a wrong argument count", _when({">=": [{"var": "amount"}]}), "steps[0].branches[0].when"),
    ("condition that is a bare string", _when("amount >= 50000"), "steps[0].branches[0].when"),
    ("quorum on a task", _set(["steps", 0, "quorum"], "2/3"), "steps[0].quorum"),
    ("notice_days on a meeting", _set(["steps", 4, "notice_days"], 3), "steps[4].notice_days"),
    ("roles on an approval", _set(["steps", 2, "roles"], ["village_director", "township_admin"]), "steps[2].roles"),
    ("fields on an include", _set(["steps", 1, "fields"], []), "steps[1].fields"),
    ("quorum above one", _set(["steps", 4, "quorum"], "3/2"), "steps[4].quorum"),
    ("quorum of zero", _set(["steps", 4, "quorum"], "0/1"), "steps[4].quorum"),
    ("quorum that is not a fraction", _set(["steps", 4, "quorum"], "abc"), "steps[4].quorum"),
    ("quorum over zero", _set(["steps", 4, "quorum"], "1/0"), "steps[4].quorum"),
    ("majority as a number", _set(["steps", 4, "majority"], 0.5), "steps[4].majority"),
    ("meeting without majority", _drop(["steps", 4, "majority"]), "steps[4].majority"),
    ("unknown majority base", _set(["steps", 4, "majority_of"], "all"), "steps[4].majority_of"),
    ("notice without notice_days", _drop(["steps", 5, "notice_days"]), "steps[5].notice_days"),
    ("notice_days of zero", _set(["steps", 5, "notice_days"], 0), "steps[5].notice_days"),
    ("countersign with one role", _set(["steps", 3, "roles"], ["village_director"]), "steps[3].roles"),
    ("countersign with a role twice", _set(["steps", 3, "roles"], ["village_director", "village_director"]), "steps[3].roles[1]"),
    ("include of an unknown block", _set(["steps", 1, "include"], "five_deliberations"), "steps[1].include"),
    ("time limit of zero days", _set(["steps", 0, "time_limit", "days"], 0), "steps[0].time_limit.days"),
    ("time limit working as text", _set(["steps", 0, "time_limit", "working"], "yes"), "steps[0].time_limit.working"),
    ("time limit days as true", _set(["steps", 0, "time_limit", "days"], True), "steps[0].time_limit.days"),
    ("field of an unknown type", lambda d: d["steps"][0]["fields"].append({"key": "x", "type": "no_such_type", "label": "某项"}), "steps[0].fields[2].type"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("change", "path"), [m[1:] for m in MALFORMED], ids=[m[0] for m in MALFORMED]
)
def test_malformed_definition_is_refused_at_its_path(change, path):
    definition = copy.deepcopy(EXAMPLE)
    change(definition)
    with pytest.raises(Invalid) as caught:
        load_item_definition(definition)
    assert path in caught.value.fields, caught.value.fields
    assert any("\u4e00" <= ch <= "\u9fff" for ch in caught.value.fields[path])


def test_the_table_covers_enough_faults():
    assert len(MALFORMED) >= 20


def test_every_fault_is_reported_at_once():
    chosen = {
        "missing name": "name",
        "duplicate step key": "steps[3].key",
        "unknown step key": "steps[4].quorom",
        "next names no step": "steps[0].next",
        "quorum on a task": "steps[0].quorum",
        "notice_days on a meeting": "steps[4].notice_days",
        "notice without notice_days": "steps[5].notice_days",
        "condition on an unknown field": "steps[0].branches[0].when",
    }
    definition = copy.deepcopy(EXAMPLE)
    for name, change, _ in MALFORMED:
        if name in chosen:
            change(definition)
    with pytest.raises(Invalid) as caught:
        load_item_definition(definition)
    assert set(chosen.values()) <= set(caught.value.fields)


def test_a_definition_that_is_not_an_object_is_refused():
    with pytest.raises(Invalid) as caught:
        load_item_definition(["steps"])
    assert caught.value.fields


def test_an_item_without_steps_reports_the_missing_keys_together():
    with pytest.raises(Invalid) as caught:
        load_item_definition({"format": 1})
    assert {"key", "name", "domain", "basis", "responsible_role", "steps"} <= set(
        caught.value.fields
    )
