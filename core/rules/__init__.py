"""The warning engine (违规预警): rules from core and plugins, findings kept as warnings.

The engine enforces what the law makes mandatory; rules warn about what is suspicious or was
written around the engine (DESIGN §3). Step rules run inside the transaction that completes a
step (:func:`on_step_completed`); sweep rules run over a whole tenant in the periodic sweep
(:func:`sweep_rules`, see ``core.workflow.sweep``).
"""

from .evaluate import Outcome, on_step_completed, sweep_rules
from .models import Warning
from .registry import Rule, rule_names, rules_for

__all__ = [
    "Outcome",
    "Rule",
    "Warning",
    "on_step_completed",
    "rule_names",
    "rules_for",
    "sweep_rules",
]
