"""Catalog pages: the list in force, items with their flowcharts and versions, and the
responsibility and negative lists. Importing the modules registers their routes on :data:`bp`.
"""

from . import items, lists, rules, settings
from .blueprint import bp

__all__ = ["bp", "items", "lists", "rules", "settings"]
