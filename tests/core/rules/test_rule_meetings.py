"""quorum_fail: meetings recorded short of quorum or majority."""

from core import rules

SHORT = {"expected": 30, "present": 12, "for": 10, "against": 1, "abstain": 1}


def test_a_meeting_short_of_the_default_quorum_is_red(
    lax_item, to_council, works, complete, warnings
):
    case = to_council(lax_item())
    complete(works.people.director, case["id"], "council", SHORT)  # the step sets no quorum
    [warning] = warnings("quorum_fail")
    assert (warning.severity, warning.subject) == ("red", f"case:{case['id']}:step:council")
    assert f"办件 {case['code']}" in warning.message
    assert "“村民代表会议”到会人数不足：应到 30 人，实到 12 人，须至少 20 人（2/3）到会" in (
        warning.message
    )
    assert "本环节未规定到会比例" in warning.message


def test_a_meeting_that_meets_the_default_raises_nothing(
    lax_item, to_council, works, complete, warnings, meeting_ok
):
    case = to_council(lax_item())
    complete(works.people.director, case["id"], "council", meeting_ok)
    assert warnings("quorum_fail") == []


def test_a_tally_rewritten_below_the_steps_figures_is_red(
    app, start, to_council, works, complete, warnings, meeting_ok, run_of, sess
):
    case = to_council(start())
    complete(works.people.director, case["id"], "council", meeting_ok)
    council = run_of(case["id"], "council")
    council.data = {**council.data, "for": 6}  # edited in the database after the meeting
    sess.commit()
    with app.app_context():
        rules.on_step_completed(sess, council.case, council)
        sess.commit()
    [warning] = warnings("quorum_fail")
    assert "表决未达到通过比例：同意 6 票，须超过实到 25 人的 1/2，即至少 13 票" in warning.message


def test_the_two_committees_meeting_has_no_default_quorum(start, works, complete, warnings):
    """四议两公开 step 2 needs a majority of those present, and no quorum (DOMAIN §2)."""
    case = start("80000.00")
    complete(works.people.secretary, case["id"], "deliberate.propose")
    few = {"expected": 9, "present": 3, "for": 3, "against": 0, "abstain": 0}
    complete(works.people.secretary, case["id"], "deliberate.discuss", few)
    assert warnings("quorum_fail") == []
