"""The finance items (村级财务管理), as definitions in the format of DESIGN §6."""

from plugins.finance.items.accounts import BORROWING, DISCLOSURE, MONTHLY_ACCOUNTS
from plugins.finance.items.spending import PAYMENT, REIMBURSEMENT

ITEMS = [REIMBURSEMENT, PAYMENT, MONTHLY_ACCOUNTS, BORROWING, DISCLOSURE]
