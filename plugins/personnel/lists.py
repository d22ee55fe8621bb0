"""Personnel entries of the responsibility list (责任清单) and the negative list (负面清单),
from DOMAIN §3.4 and §4."""

RESPONSIBILITIES = [
    {"role": "village_secretary",
     "text": "提出村级工作人员岗位和任职条件，组织资格审查和亲属回避审查，如实申报本人近亲属。"},
    {"role": "village_director",
     "text": "召集村民小组会议、村民代表会议推选村民小组长和村务监督委员会成员，公布选聘结果。"},
    {"role": "village_committee",
     "text": "如实登记本人三代以内近亲属，在涉及近亲属的选聘事项中主动回避。"},
    {"role": "village_supervisor",
     "text": "监督村级工作人员选聘全过程，对近亲属任职、违规选聘提出纠正意见。"},
    {"role": "group_leader",
     "text": "召集村民小组会议，组织本组村民议事，配合村委会开展工作。"},
    {"role": "township_admin",
     "text": "审查村级工作人员、村务监督委员会成员和后备干部人选资格，办理备案。"},
]  # fmt: skip

PROHIBITIONS = [
    {"text": "村“两委”成员的近亲属不得担任本村会计、出纳、报账员和村务监督委员会成员。",
     "rule": "personnel.kin_committee"},
    {"text": "村“两委”成员之间不得有近亲属关系。", "rule": None},
    {"text": "不得未经公开招聘、资格审查和公示擅自聘用村级工作人员。", "rule": None},
    {"text": "不得隐瞒、漏报本人近亲属情况。", "rule": None},
    {"text": "不得在选聘、推选中拉票贿选，不得以任何形式干预村民自主推选。", "rule": None},
]  # fmt: skip
