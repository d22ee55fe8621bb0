"""The asset items: what the village holds, and how it is leased, renewed and disposed of."""

from plugins.assets.items.holdings import DISPOSAL, REGISTRATION
from plugins.assets.items.leasing import LEASE, RENEWAL

ITEMS = [LEASE, RENEWAL, REGISTRATION, DISPOSAL]
