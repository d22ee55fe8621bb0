"""The county template library (模板库): items a county offers its townships to start from."""
