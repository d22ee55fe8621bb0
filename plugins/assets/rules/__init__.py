"""The asset warning rules (DOMAIN §5): contracts about to end, rent overdue, and a cadre's
relative taking a lease."""

from plugins.assets.rules.contracts import LEASE_EXPIRY, RENT_OVERDUE
from plugins.assets.rules.kin import KIN_LESSEE

RULES = [LEASE_EXPIRY, RENT_OVERDUE, KIN_LESSEE]
