"""Typed application errors, rendered by one handler as `{"detail": ...}`.

Code below `app/api` raises these instead of HTTPException so that data and
domain functions do not depend on the web framework. `persist` marks errors
whose side effects must survive the rollback: a failed login still counts
towards the rate limit and still lands in the audit log.
"""

from collections.abc import Mapping

from fastapi import Request
from fastapi.responses import JSONResponse


class AppError(Exception):
    status_code = 400
    detail = "Bad request"
    persist = False

    def __init__(self, detail: str | None = None, *, headers: Mapping[str, str] | None = None):
        super().__init__(detail or self.detail)
        self.detail = detail or self.detail
        self.headers = dict(headers or {})


class BadRequest(AppError):
    status_code = 400


class FailedAttempt(BadRequest):
    """A refused credential whose counters and audit row must be kept."""

    persist = True


class NotAuthenticated(AppError):
    status_code = 401
    detail = "Could not validate credentials"

    def __init__(self, detail: str | None = None) -> None:
        super().__init__(detail, headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})


class SessionRevoked(NotAuthenticated):
    """A reused refresh token: the revocation must be committed."""

    persist = True


class NotPermitted(AppError):
    status_code = 403
    detail = "The user doesn't have enough privileges"


class NotFound(AppError):
    status_code = 404
    detail = "Not found"


class Conflict(AppError):
    status_code = 409
    detail = "Conflict"


class TooManyRequests(AppError):
    status_code = 429
    detail = "Too many attempts; try again later"

    def __init__(self, retry_after_seconds: int) -> None:
        super().__init__(headers={"Retry-After": str(max(1, retry_after_seconds))})


class ServiceUnavailable(AppError):
    status_code = 503
    detail = "Service temporarily unavailable"


async def app_error_handler(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, AppError)  # registered for AppError only
    return JSONResponse(
        {"detail": error.detail}, status_code=error.status_code, headers=error.headers
    )
