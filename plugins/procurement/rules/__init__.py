"""The procurement warning rules (DOMAIN §5): split purchases, too few quotes, an award not
at the lowest quote, a skipped tier, and a cadre's relative as contractor."""

from plugins.procurement.rules.kin import KIN_CONTRACTOR
from plugins.procurement.rules.quotes import NOT_LOWEST_QUOTE, TOO_FEW_QUOTES
from plugins.procurement.rules.tiers import SPLIT_PURCHASE, TIER_BYPASS

RULES = [SPLIT_PURCHASE, TOO_FEW_QUOTES, NOT_LOWEST_QUOTE, TIER_BYPASS, KIN_CONTRACTOR]
