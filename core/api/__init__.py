"""The ``/api/v1`` JSON API and its OpenAPI document.

Integrators and the acceptance suite rely on it (DESIGN §6). It authenticates with bearer
tokens only, answers errors as ``{"error": {"code", "message", "fields"?}}`` in Chinese, and
keeps tenants apart exactly as the pages do: a foreign tenant's slug or id answers 404.
"""

#: where every route of this API version lives
URL_PREFIX = "/api/v1"
