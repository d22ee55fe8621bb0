"""Qingdan core: the platform, which knows no governance domain.

Plugins need nothing from core but the hook marker::

    from core import hookimpl
"""

import pluggy

PROJECT = "qingdan"
#: the plugin contract version; a plugin declares the one it was written for
CONTRACT_VERSION = 1

hookimpl = pluggy.HookimplMarker(PROJECT)
hookspec = pluggy.HookspecMarker(PROJECT)

__all__ = ["CONTRACT_VERSION", "PROJECT", "hookimpl", "hookspec"]
