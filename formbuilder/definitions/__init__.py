"""Item and process definitions (事项与流程定义): the JSON of DESIGN §6, checked and expanded.

``load_item_definition`` checks a definition and fills in its defaults; ``expand_steps``
turns its ``include`` steps into the steps of their blocks; ``parse_fraction`` reads a
meeting's "2/3". Field lists are checked by ``formbuilder.definitions.form``.
"""

from formbuilder.definitions.blocks import BLOCKS, settings_errors
from formbuilder.definitions.expand import expand_steps
from formbuilder.definitions.kinds import KINDS, MAJORITY_BASES
from formbuilder.definitions.process import load_item_definition
from formbuilder.definitions.quorum import parse_fraction

__all__ = [
    "BLOCKS",
    "KINDS",
    "MAJORITY_BASES",
    "expand_steps",
    "load_item_definition",
    "parse_fraction",
    "settings_errors",
]
