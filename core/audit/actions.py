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
}


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)
