"""The procurement items in the order a project meets them: buy or award, contract, accept,
settle."""

from plugins.procurement.items.after_award import ACCEPTANCE, CONTRACT, SETTLEMENT
from plugins.procurement.items.purchasing import QUOTATION, WORKS

ITEMS = [QUOTATION, WORKS, CONTRACT, ACCEPTANCE, SETTLEMENT]
