"""The audit log (审计日志): append-only, hash-chained events, one chain per tenant.

Operations call :func:`record` inside their own transaction; ``qingdan audit verify`` and
:func:`verify` walk the chains and name the first event that was edited or deleted.
"""

from .chain import Problem, verify
from .operations import SYSTEM, Actor, actor_of, record, set_actor

__all__ = ["SYSTEM", "Actor", "Problem", "actor_of", "record", "set_actor", "verify"]
