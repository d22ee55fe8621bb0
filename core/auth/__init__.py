"""Accounts: users, memberships, roles, sessions and API tokens."""
