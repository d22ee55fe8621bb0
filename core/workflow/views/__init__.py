"""Case pages (办件) for village and township staff: the to-do list, starting a case, step
forms, the case page and list, and the clerk's actions. Importing the modules registers
their routes on :data:`bp`."""

from . import actions, case, listing, start, step, todo
from .blueprint import bp

__all__ = ["actions", "bp", "case", "listing", "start", "step", "todo"]
