"""What each audit action is called on the audit page.

A package that records a new action adds its Chinese name here; an action without one is
shown by its key, so a missing name never hides an event.
"""

ACTION_LABELS = {
    "membership.added": "授予角色",
    "membership.removed": "移除角色",
    "plugins.changed": "调整启用的领域插件",
    "plugins.inherited": "恢复沿用县（区）插件设置",
    "item.created": "新建事项",
    "item.draft_saved": "保存事项草稿",
    "item.published": "发布事项版本",
    "calendar.days_entered": "录入节假日或调休上班日",
    "calendar.day_removed": "删除录入的日期",
    "filing.submitted": "提交备案",
    "filing.withdrawn": "撤回备案",
    "filing.approved": "备案通过",
    "filing.returned": "备案退回",
    "filing.published": "发布备案事项",
    "library.added": "加入模板库",
    "library.removed": "移出模板库",
    "warning.acknowledged": "签收预警",
    "warning.assigned": "指派预警",
    "warning.commented": "备注预警",
    "warning.resolved": "预警处理完毕",
    "warning.dismissed": "排除预警",
    "warning.upheld": "复核：维持排除",
    "warning.reopened": "复核：重新打开预警",
    "warning.escalated": "预警逾期升级为红色",
    "order.issued": "下达督查令",
    "order.rectification_submitted": "提交整改情况",
    "order.accepted": "整改验收通过",
    "order.sent_back": "整改退回",
    "order.escalated": "督查令逾期升级",
    "rating.changed": "村级评级变化",
    "rating.notice": "评级为C或D，通报乡镇",
    "integrity.evaluation_entered": "录入年度考评",
    "complaint.assigned": "指派举报",
    "complaint.noted": "举报内部备注",
    "complaint.answered": "公开答复举报",
    "complaint.linked": "关联举报",
    "complaint.closed": "举报办结",
}


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)
