"""Finance entries of the responsibility list (责任清单) and the negative list (负面清单),
from DOMAIN §3.3 and §4. A prohibition names the warning rule that detects it, if any."""

RESPONSIBILITIES = [
    {"role": "village_secretary",
     "text": "对村级财务管理负总责，审核开支事项并与村委会主任联审联签，不得一人审批。"},
    {"role": "village_director",
     "text": "组织执行村级财务收支计划，与村党组织书记联审联签，按月组织财务公开。"},
    {"role": "village_accountant",
     "text": "按月整理票据报镇代理服务中心报账，不得保管账簿；收入及时足额入账，库存现金不超过限额。"},
    {"role": "village_committee",
     "text": "经办开支时取得合法有效票据，注明用途并签字，对票据真实性负责。"},
    {"role": "village_supervisor",
     "text": "审核每笔开支凭证并签字盖章，组织民主理财，监督财务公开。"},
    {"role": "group_leader",
     "text": "参加5000元以上开支的联席会议审批，向本组村民通报村级财务情况。"},
    {"role": "township_admin",
     "text": "代理村级会计核算，审核原始凭证的合法性、真实性，对不合规票据退回不予入账。"},
]  # fmt: skip

PROHIBITIONS = [
    {
        "text": "不得以现金支付达到限额的款项，不得超限额存放库存现金。",
        "rule": "finance.cash_rules",
    },
    {"text": "不得坐支现金，收入应在规定时间内存入银行。", "rule": None},
    {"text": "不得以白条抵库、白条入账。", "rule": None},
    {"text": "不得设立“小金库”或账外账。", "rule": None},
    {"text": "不得用集体资金请客送礼、购买烟酒。", "rule": None},
    {"text": "不得拖延报账，票据超过报账期限不得积压。", "rule": "finance.late_reimbursement"},
    {"text": "不得举债搞非生产性建设，不得以集体资金资产为他人提供担保或出借。", "rule": None},
    {"text": "不得擅自处置集体资金，不得侵占、挪用、私分集体资金。", "rule": None},
]
