"""The decisions tests' township, people and API helpers, shared."""

from tests.plugins.decisions.conftest import (  # noqa: F401
    call,
    ledger,
    run_sweep,
    start,
    step,
    town,
    warnings,
)
