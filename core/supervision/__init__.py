"""Supervision (监督): what villagers report (码上举报) and, later, warnings' follow-up,
supervision orders and dashboards."""
