"""The procurement entries of the responsibility list (责任清单) and the negative list (负面清单),
from DOMAIN §3.2 and §4; a prohibition names the warning rule that detects it, if any."""

RESPONSIBILITIES = [
    {
        "role": "village_secretary",
        "text": "对达到重大事项金额的采购和工程项目提议并主持“四议两公开”程序；不直接分管工程项目。",
    },
    {
        "role": "village_director",
        "text": "组织编制采购计划和工程立项，按金额分档确定采购或发包方式，代表村委会签订合同，"
        "组织竣工验收、审价和结算。",
    },
    {
        "role": "village_committee",
        "text": "按规定取得书面报价、如实记录比价过程，参加验收并在验收单上签字。",
    },
    {
        "role": "village_supervisor",
        "text": "监督采购、招投标、合同签订、验收和结算全过程，审核达到金额的采购计划，"
        "在合同、验收单和结算单上签字。",
    },
    {
        "role": "village_accountant",
        "text": "凭合同、验收单和发票办理报账，在验收后一年内完成工程竣工决算。",
    },
    {
        "role": "township_admin",
        "text": "管理定额平台和乡镇公共资源交易中心，联村领导审签村级合同并备案，组织工程审价。",
    },
]

PROHIBITIONS = [
    {
        "text": "不得将采购或工程化整为零、拆分发包，规避询价、平台抽取或招标。",
        "rule": "procurement.split_purchase",
    },
    {
        "text": "超过询价金额的采购，不得不询价或少于三家书面报价即确定供应商。",
        "rule": "procurement.too_few_quotes",
    },
    {
        "text": "不得不选最低的合格报价而不说明理由。",
        "rule": "procurement.not_lowest_quote",
    },
    {
        "text": "达到定额平台或招标金额的工程，不得绕过平台抽取或招标直接发包。",
        "rule": "procurement.tier_bypass",
    },
    {
        "text": "村干部及其三代以内近亲属不得承揽本村工程和采购项目，也不得借用他人名义承揽。",
        "rule": "procurement.kin_contractor",
    },
    {"text": "不得在工程项目中暗箱操作、虚假招标或围标串标。", "rule": None},
    {"text": "不得先施工后补手续，不得未经验收、审价即结算付款。", "rule": None},
]
