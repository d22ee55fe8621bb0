"""The asset entries of the responsibility list (责任清单) and the negative list (负面清单),
from DOMAIN §3.6 and §4; a prohibition names the warning rule that detects it, if any."""

RESPONSIBILITIES = [
    {
        "role": "village_secretary",
        "text": "对集体资源发包、资产出租和处置等重大事项提议并主持“四议两公开”程序。",
    },
    {
        "role": "village_director",
        "text": "组织清产核资和资源资产登记，拟定发包（出租）方案并进入乡镇交易中心公开竞价，"
        "签订规范合同，催收租金，合同到期前及时续签或重新发包。",
    },
    {
        "role": "village_accountant",
        "text": "登记资源资产台账和合同台账，及时收取租金并入账，按规定办理资产核销。",
    },
    {
        "role": "village_supervisor",
        "text": "监督资源发包、资产出租、处置和租金收缴全过程，核实资产登记。",
    },
    {
        "role": "township_admin",
        "text": "乡镇农村产权交易中心审核发包方案和竞买人资格、组织公开竞价，审核合同并登记备案。",
    },
]

PROHIBITIONS = [
    {
        "text": "不得未经村民会议或村民代表会议同意擅自处置集体资产资源，"
        "不得以集体资产资源为他人提供担保或出借。",
        "rule": None,
    },
    {
        "text": "不得违规发包集体土地，不得暗箱操作、低价发包或不经公开竞价发包出租。",
        "rule": None,
    },
    {
        "text": "村干部及其三代以内近亲属不得承包经营本村集体资产资源，也不得借用他人名义承包。",
        "rule": "assets.kin_lessee",
    },
    {"text": "不得放任承包费、租金拖欠不收。", "rule": "assets.rent_overdue"},
    {
        "text": "合同到期不得放任无合同占用，应及时续签或重新发包。",
        "rule": "assets.lease_expiry",
    },
]
