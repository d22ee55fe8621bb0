"""The built-in domain plugins, one package per domain of 八项规范."""
