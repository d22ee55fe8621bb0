"""After the award (DOMAIN §3.2): contract → filed → completion acceptance → price audit →
settlement → final accounts within one year.

Each is its own item, because each happens at its own time and often by other people; each
names the award case it follows. Their amounts are called prices (``contract_price``, …),
not amounts: they carry out a decision already taken in the award case, so they are not new
spending that would need 四议两公开 again.
"""

from __future__ import annotations

from plugins.procurement.items.common import (
    CAPITAL_FINANCE_RULES,
    CIVIL_CODE_CONTRACTS,
    FINANCE_RULES,
    GUIDE_UNIT,
    INTEGRITY_RULES,
    QUALITY_REGULATIONS,
    SETTLEMENT_RULES,
    WORKS_GUIDE_UNIT,
    attachment,
    case_reference,
    date,
    money,
    notice,
    text,
)

CONTRACT = {
    "format": 1,
    "key": "procurement.contract",
    "name": "采购和工程合同签订",
    "domain": "procurement",
    "basis": [CIVIL_CODE_CONTRACTS, FINANCE_RULES, INTEGRITY_RULES],
    "responsible_role": "village_director",
    "guide_unit": GUIDE_UNIT,
    "description": "确定供应商或施工单位后，村委会主任按中标（成交）结果拟定合同，村务监督委员会"
    "和联村的乡镇领导联审联签，报乡镇备案后公开。合同价不得高于中标（成交）价。",
    "publicity": "合同相对方、标的、金额和履行期限在村务公开栏公示5天。",
    "materials": ["中标（成交）通知书", "合同文本"],
    "steps": [
        {
            "key": "draft",
            "name": "拟定合同",
            "kind": "task",
            "role": "village_director",
            "time_limit": {"days": 10, "working": True},
            "fields": [
                case_reference(),
                text("contract_no", "合同编号", 50, required=True),
                text("counterparty", "合同相对方", 100, required=True, public=True),
                text("subject", "合同标的", 200, required=True, public=True),
                money("contract_price", "合同金额（元）", public=True),
                date("starts_on", "履行期限自", public=True),
                date("ends_on", "履行期限至", public=True),
                attachment("contract_file", "合同文本"),
            ],
            "next": "sign",
        },
        {
            # 联审联签: the village, its supervision committee, and the township official
            # linked to the village (联村领导), played here by the township admin role
            "key": "sign",
            "name": "合同联审联签",
            "kind": "countersign",
            "roles": ["village_director", "village_supervisor", "township_admin"],
            "time_limit": {"days": 5, "working": True},
            "next": "file",
        },
        {
            "key": "file",
            "name": "报乡镇备案",
            "kind": "task",
            "role": "township_admin",
            "time_limit": {"days": 5, "working": True},
            "fields": [date("filed_on", "备案日期"), text("filing_no", "备案号", 50)],
            "next": "publish",
        },
        notice("publish", "合同公开", None),
    ],
}

ACCEPTANCE = {
    "format": 1,
    "key": "procurement.acceptance",
    "name": "工程竣工验收",
    "domain": "procurement",
    "basis": [QUALITY_REGULATIONS, FINANCE_RULES],
    "responsible_role": "village_director",
    "guide_unit": WORKS_GUIDE_UNIT,
    "description": "工程完工后，施工单位提交竣工报告，村委会组织村“两委”、村务监督委员会、"
    "村民代表和施工、监理单位验收，验收单由村委会主任和监委会签字；不合格的整改后复验。",
    "publicity": "验收结论在村务公开栏公示5天。",
    "materials": ["竣工报告", "验收报告（签字）", "整改复验记录（如有）"],
    "steps": [
        {
            "key": "apply",
            "name": "申请竣工验收",
            "kind": "task",
            "role": "village_director",
            "fields": [
                case_reference(),
                text("subject", "工程名称", 200, required=True, public=True),
                text("contractor", "施工单位", 100, required=True, public=True),
                date("completed_on", "完工日期", public=True),
                attachment("completion_report", "竣工报告"),
            ],
            "next": "inspect",
        },
        {
            "key": "inspect",
            "name": "组织验收",
            "kind": "task",
            "role": "village_committee",
            "time_limit": {"days": 10, "working": True},
            "fields": [
                date("inspected_on", "验收日期", public=True),
                {
                    "key": "inspectors",
                    "type": "textarea",
                    "label": "验收小组成员",
                    "required": True,
                    "help": "村“两委”、村务监督委员会、村民代表、施工和监理单位参加人员。",
                },
                {
                    "key": "result",
                    "type": "choice",
                    "label": "验收结论",
                    "required": True,
                    "public": True,
                    "options": [
                        {"value": "passed", "label": "合格"},
                        {"value": "failed", "label": "不合格，须整改"},
                    ],
                },
                {
                    "key": "defects",
                    "type": "textarea",
                    "label": "存在问题和整改要求",
                    "required_when": {"==": [{"var": "result"}, "failed"]},
                },
                attachment("inspection_report", "验收报告"),
            ],
            "branches": [{"when": {"==": [{"var": "result"}, "failed"]}, "goto": "rectify"}],
            "next": "sign",
        },
        {
            "key": "rectify",
            # completed once the re-inspection passes: until then the step stays open
            "name": "整改复验",
            "kind": "task",
            "role": "village_committee",
            "time_limit": {"days": 30, "working": False},
            "fields": [
                date("reinspected_on", "复验日期", public=True),
                {
                    "key": "rectification",
                    "type": "textarea",
                    "label": "整改情况",
                    "required": True,
                    "help": "复验合格后办理本环节；仍不合格的继续整改，不得办理验收签字。",
                    "public": True,
                },
                attachment("reinspection_report", "复验记录"),
            ],
            "next": "sign",
        },
        {
            "key": "sign",
            "name": "验收单签字",
            "kind": "countersign",
            "roles": ["village_director", "village_supervisor"],
            "time_limit": {"days": 5, "working": True},
            "next": "publish",
        },
        notice("publish", "验收结果公示", None),
    ],
}

SETTLEMENT = {
    "format": 1,
    "key": "procurement.settlement",
    "name": "工程审价和结算",
    "domain": "procurement",
    "basis": [SETTLEMENT_RULES, CAPITAL_FINANCE_RULES, FINANCE_RULES],
    "responsible_role": "village_director",
    "guide_unit": WORKS_GUIDE_UNIT,
    "description": "竣工验收合格后，施工单位报送结算资料，经乡镇（或委托的造价咨询机构）审价，"
    "按审定金额结算，村委会主任和村务监督委员会签字；结算公开后，在验收后一年内完成竣工决算。",
    "publicity": "送审金额、审定金额和结算金额在村务公开栏公示5天；决算结果随财务公开公布。",
    "materials": ["结算书及签证变更资料", "审价报告", "竣工决算报告"],
    "steps": [
        {
            "key": "submit",
            "name": "报送结算资料",
            "kind": "task",
            "role": "village_director",
            "fields": [
                case_reference(),
                text("subject", "工程名称", 200, required=True, public=True),
                text("contractor", "施工单位", 100, required=True, public=True),
                money("contract_price", "合同金额（元）", public=True),
                money("claimed_price", "送审金额（元）", public=True),
                date("accepted_on", "竣工验收日期"),
                attachment("settlement_file", "结算书及签证变更资料"),
            ],
            "next": "audit",
        },
        {
            "key": "audit",
            "name": "审价",
            "kind": "task",
            "role": "township_admin",
            "time_limit": {"days": 20, "working": True},
            "fields": [
                text("auditor", "审价单位", 100, required=True, public=True),
                money("audited_price", "审定金额（元）", public=True),
                attachment("audit_report", "审价报告"),
            ],
            "next": "settle",
        },
        {
            "key": "settle",
            "name": "办理结算",
            "kind": "task",
            "role": "village_director",
            "time_limit": {"days": 10, "working": True},
            "fields": [
                money("settled_price", "结算金额（元）", public=True),
                {
                    "key": "retention",
                    "type": "money",
                    "label": "预留质量保证金（元）",
                    "help": "按合同约定预留，缺陷责任期满后返还。",
                },
                date("settled_on", "结算日期"),
            ],
            "next": "sign",
        },
        {
            "key": "sign",
            "name": "结算联审联签",
            "kind": "countersign",
            "roles": ["village_director", "village_supervisor"],
            "time_limit": {"days": 5, "working": True},
            "next": "publish",
        },
        notice("publish", "结算公示", "final_accounts"),
        {
            "key": "final_accounts",
            "name": "竣工决算",
            "kind": "task",
            "role": "village_accountant",
            "time_limit": {"days": 365, "working": False},
            "fields": [
                money("final_cost", "决算总投资（元）", public=True),
                date("final_on", "决算日期"),
                attachment("final_report", "竣工决算报告"),
            ],
            "next": None,
        },
    ],
}
