"""The list catalog: list items (事项) and their versions, the responsibility list (责任清单)
and the negative list (负面清单)."""
