"""The seeded people and item of the public pages' tests: personal data, public and not."""

from types import SimpleNamespace

from stdnum.cn import ric


def id_number(region_and_birth: str, serial: str = "001") -> str:
    """A valid 18-digit ID (check digit computed) born on the date in ``region_and_birth``."""
    body = region_and_birth + serial
    return body + ric.calc_check_digit(body + "0")


PEOPLE = SimpleNamespace(
    applicant=("欧阳建国", id_number("11010519650312", "013")),
    recipient=("王大锤", id_number("11010519800101", "024")),
    child=("李小宝", id_number("11010520150606", "035")),
    officer_id=id_number("11010519700707", "046"),
    phone="13912345678",
    other_phone="15887654321",
)
HOSTILE = "<script>alert(1)</script>{{ 7*7 }}"

DEFINITION = {
    "format": 1,
    "key": "local.help",
    "name": "困难帮扶",
    "domain": "local",
    "basis": ["《社会救助暂行办法》"],
    "responsible_role": "village_director",
    "materials": ["户口簿", "身份证"],
    "steps": [
        {
            "key": "apply",
            "name": "提出申请",
            "kind": "task",
            "role": "village_committee",
            "time_limit": {"days": 5, "working": True},
            "fields": [
                {"key": "applicant", "type": "person", "label": "申请人", "required": True},
                {"key": "applicant_phone", "type": "phone", "label": "联系电话"},
                {"key": "officer_id", "type": "id_number", "label": "经办人身份证号"},
                {"key": "recipient", "type": "person", "label": "受助人", "public": True},
                {"key": "child", "type": "person", "label": "受助子女", "public": True},
                {"key": "note", "type": "textarea", "label": "情况说明", "public": True},
                {"key": "amount", "type": "money", "label": "金额（元）", "public": True},
            ],
            "next": "notice",
        },
        {
            "key": "notice",
            "name": "结果公示",
            "kind": "notice",
            "role": "village_director",
            "notice_days": 5,
            "next": None,
        },
    ],
}


def case_data() -> dict:
    applicant, recipient, child = PEOPLE.applicant, PEOPLE.recipient, PEOPLE.child
    return {
        "applicant": {"name": applicant[0], "id_number": applicant[1]},
        "applicant_phone": PEOPLE.phone,
        "officer_id": PEOPLE.officer_id,
        "recipient": {"name": recipient[0], "id_number": recipient[1]},
        "child": {"name": child[0], "id_number": child[1]},
        "note": (
            f"{applicant[0]}（身份证 {applicant[1]}，电话 {PEOPLE.other_phone}）为{child[0]}申请。"
            f"{HOSTILE}"
        ),
        "amount": "1200.00",
    }
