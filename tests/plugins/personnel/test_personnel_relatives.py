"""``find_kin``: the one-query look-up other plugins' kin rules call, and ``kin_committee``."""

import pytest
from sqlalchemy import event, select

from core.rules.models import Warning
from plugins.personnel.models import CadreRelative
from plugins.personnel.relatives import find_kin
from plugins.personnel.rules import kin_findings

SPOUSE = "11010519491231002X"
NEPHEW = "110102198001010017"
STRANGER = "110105194912310038"


@pytest.fixture
def register(sess, world):
    def add(village, cadre, role, number, relation, tenant=None):
        row = CadreRelative(
            tenant_id=(tenant or world.a1).id, village_id=village.id, cadre_name=cadre,
            cadre_role=role, relative_name="王某", relative_id_number=number, relation=relation,
        )  # fmt: skip
        sess.add(row)
        sess.commit()
        return row

    return add


def test_find_kin_maps_recorded_relatives_in_one_query(sess, world, register, app):
    register(world.villages.a1x, "李书记", "village_secretary", SPOUSE, "配偶")
    register(world.villages.a1y, "赵主任", "village_director", NEPHEW, "侄子女、甥子女")
    register(world.villages.a2x, "钱主任", "village_director", STRANGER, "子女", tenant=world.a2)
    statements = []

    def seen(conn, cursor, statement, *rest):
        statements.append(statement)

    event.listen(sess.bind, "before_cursor_execute", seen)
    try:
        found = find_kin(sess, world.a1.id, {SPOUSE.lower(), NEPHEW, STRANGER})
    finally:
        event.remove(sess.bind, "before_cursor_execute", seen)
    assert found == {
        SPOUSE.lower(): {
            "cadre": "李书记",
            "relation": "配偶",
            "village_id": world.villages.a1x.id,
        },
        NEPHEW: {
            "cadre": "赵主任",
            "relation": "侄子女、甥子女",
            "village_id": world.villages.a1y.id,
        },
    }
    assert len([s for s in statements if "personnel_cadre_relatives" in s]) == 1


def test_find_kin_of_nobody_asks_nothing(sess, world):
    assert find_kin(sess, world.a1.id, set()) == {}


def _person(number):
    return {"name": "王某", "id_number": number}


def test_a_directors_spouse_nominated_to_the_supervision_committee_is_red(
    sess, world, register, start
):
    register(world.villages.a1x, "赵主任", "village_director", SPOUSE, "配偶")
    case = start("personnel.supervisor_election", appointee=_person(SPOUSE))
    warning = sess.scalar(select(Warning).where(Warning.rule == "personnel.kin_committee"))
    assert (warning.severity, warning.case_id, warning.status) == ("red", case["id"], "open")
    assert "村委会主任赵主任的配偶" in warning.message and "第三十二条" in warning.message


def test_an_accountant_related_to_a_committee_member_is_red(sess, world, register, start, run_case):
    register(world.villages.a1x, "李委员", "village_committee", SPOUSE, "兄弟姐妹")
    case = start("personnel.hiring", post="accountant")
    run_case(case["id"], "town-a1")  # the sample appointee carries SPOUSE's number
    warning = sess.scalar(select(Warning).where(Warning.rule == "personnel.kin_committee"))
    assert warning.case_id == case["id"] and "会计" in warning.message


@pytest.mark.parametrize(
    ("item", "data", "relative_of"),
    [
        ("personnel.supervisor_election", {"appointee": _person(STRANGER)}, "village_director"),
        ("personnel.group_leader", {}, "village_director"),
        ("personnel.supervisor_election", {"appointee": _person(SPOUSE)}, "group_leader"),
    ],
    ids=["not a relative", "post not barred", "relative of a group leader"],
)
def test_kin_committee_stays_silent_on_clean_cases(
    item, data, relative_of, app, sess, world, register, start, run_case
):
    register(world.villages.a1x, "某干部", relative_of, SPOUSE, "配偶")
    case = start(item, **data)
    run_case(case["id"], "town-a1")
    assert sess.scalar(select(Warning).where(Warning.rule == "personnel.kin_committee")) is None


def test_a_relative_in_another_village_is_not_a_conflict(app, sess, world, register, start):
    from core.workflow.models import Case

    register(world.villages.a1y, "赵主任", "village_director", SPOUSE, "配偶")
    case = sess.get(Case, start("personnel.supervisor_election", appointee=_person(SPOUSE))["id"])
    assert kin_findings(sess, case, case.runs[0]) == []
