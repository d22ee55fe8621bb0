"""Domain errors. Operations raise them with a Chinese message a village clerk understands;
views turn them into a 4xx page or a JSON ``{"error": {...}}``."""

from __future__ import annotations


class DomainError(Exception):
    status = 400
    code = "bad_request"

    def __init__(self, message: str, *, code: str | None = None, fields: dict | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        self.fields = fields or {}

    def to_dict(self) -> dict:
        body: dict = {"code": self.code, "message": self.message}
        if self.fields:
            body["fields"] = self.fields
        return {"error": body}


class Invalid(DomainError):
    status = 422
    code = "invalid"


class NotFound(DomainError):
    """Also what a foreign tenant's object answers: it must look exactly like a missing one."""

    status = 404
    code = "not_found"

    def __init__(self, message: str = "找不到该对象，或您无权查看。", **kw):
        super().__init__(message, **kw)


class Forbidden(DomainError):
    status = 403
    code = "forbidden"

    def __init__(self, message: str = "您没有执行此操作的权限。", **kw):
        super().__init__(message, **kw)


class Conflict(DomainError):
    status = 409
    code = "conflict"


class Unauthorized(DomainError):
    status = 401
    code = "unauthorized"

    def __init__(self, message: str = "请先登录。", **kw):
        super().__init__(message, **kw)


class Throttled(DomainError):
    status = 429
    code = "throttled"
