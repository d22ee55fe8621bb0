"""Fixtures come from the ``core.testing`` pytest plugin (registered by entry point)."""
