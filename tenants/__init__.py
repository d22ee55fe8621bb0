"""Tenants: counties and townships, their villages, and which plugins each has on."""
