"""The personnel items (村级工作人员任用), as definitions in the format of DESIGN §6."""

from plugins.personnel.items.elections import GROUP_LEADER, RESERVE_CADRE, SUPERVISOR_ELECTION
from plugins.personnel.items.staff import DISMISSAL, HIRING

ITEMS = [HIRING, GROUP_LEADER, SUPERVISOR_ELECTION, RESERVE_CADRE, DISMISSAL]
