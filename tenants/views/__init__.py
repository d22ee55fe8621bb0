"""The tenant admin pages: the tenant tree, villages, users and roles, domain plugins.

Each page is its own module; importing them registers their routes on :data:`bp`.
"""

from . import directory, plugins, users, villages
from .blueprint import bp

__all__ = ["bp", "directory", "plugins", "users", "villages"]
