"""self_approval: the applicant approving their own matter, whatever the definition allows."""


def test_the_applicant_approving_is_red_even_without_distinct_from(
    lax_item, works, complete, warnings
):
    case = lax_item(user=works.people.both)  # a committee member who is also a township admin
    complete(works.people.both, case["id"], "review", {"decision": "approve"})
    [warning] = warnings("self_approval")
    assert (warning.severity, warning.subject) == ("red", f"case:{case['id']}:step:review")
    assert f"办件 {case['code']}" in warning.message
    assert "“镇街审核”由both审批同意" in warning.message
    assert "该办件的办件发起人" in warning.message


def test_an_independent_approver_raises_nothing(lax_item, works, complete, warnings):
    case = lax_item()
    complete(works.people.reviewer, case["id"], "review", {"decision": "approve"})
    assert warnings("self_approval") == []


def test_returning_ones_own_matter_is_no_approval(lax_item, works, complete, warnings):
    case = lax_item(user=works.people.both)
    complete(works.people.both, case["id"], "review", {"decision": "return", "comment": "补材料"})
    assert warnings("self_approval") == []
