"""The plugin's list item, in the definition format (version 1)."""

DRILL_WELL = {
    "format": 1,
    "key": "wells.drill",
    "name": "新打机井",
    "domain": "wells",
    "basis": ["《中华人民共和国水法》第四十八条"],
    "responsible_role": "village_director",
    "description": "村集体或村民申请新打农田机井。",
    "publicity": "审批结果在村务公开栏公示5天",
    "guide_unit": "县水利局",
    "materials": ["打井位置示意图"],
    "steps": [
        {
            "key": "apply",
            "name": "提出申请",
            "kind": "task",
            "role": "village_committee",
            "time_limit": {"days": 5, "working": True},
            "fields": [
                {
                    "key": "location",
                    "type": "text",
                    "label": "打井位置",
                    "required": True,
                    "public": True,
                },
                {
                    "key": "cost",
                    "type": "money",
                    "label": "预计造价（元）",
                    "required": True,
                    "public": True,
                },
            ],
            "branches": [
                {
                    "when": {">=": [{"var": "cost"}, {"var": "settings.wells.major_cost"}]},
                    "goto": "deliberate",
                }
            ],
            "next": "review",
        },
        {"key": "deliberate", "kind": "include", "include": "four_deliberations", "next": "review"},
        {
            "key": "review",
            "name": "乡镇审核",
            "kind": "approval",
            "role": "township_admin",
            "distinct_from": ["apply"],
            "return_to": "apply",
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
