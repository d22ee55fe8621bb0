"""A small per-process cache of derived values, keyed by tenant.

Pages derive the same things from the same rows over and over (a flowchart from a version, the
concrete steps from a definition and a township's settings). :class:`TenantMemo` keeps the
latest of them. Its keys always start with the tenant's id, so no tenant is ever answered from
another's entry, and callers put a digest of every input in the rest of the key, so an entry
cannot outlive the data it was made from.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")


class TenantMemo(Generic[T]):
    """The ``size`` most recently used values, made at most once per key and process."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._values: OrderedDict[tuple[int, Hashable], T] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, tenant_id: int, key: Hashable, make: Callable[[], T]) -> T:
        full = (tenant_id, key)
        with self._lock:
            if full in self._values:
                self._values.move_to_end(full)
                return self._values[full]
        value = make()  # outside the lock: two threads may both make it, both get one
        with self._lock:
            self._values[full] = value
            while len(self._values) > self.size:
                self._values.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._values.clear()
