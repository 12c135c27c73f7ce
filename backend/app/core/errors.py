"""Typed application errors, rendered by one handler as `{"detail": ...}`.

Code below `app/api` raises these instead of HTTPException so that data and
domain functions do not depend on the web framework. `persist` marks errors
whose side effects must survive the rollback: a failed login still counts
towards the rate limit and still lands in the audit log. `code`, when set, is
rendered beside `detail` so that a client can act on the error without
reading its words (the dashboard asks for the password again on
`reauthentication_required`).
"""

from collections.abc import Mapping

from fastapi import Request
from fastapi.responses import JSONResponse


class AppError(Exception):
    status_code = 400
    detail = "Bad request"
    persist = False
    code: str | None = None

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


class ReauthenticationRequired(NotPermitted):
    """A sensitive change on a session whose last proof of identity is too
    old: prove it again (POST /users/me/reauthenticate), then retry."""

    code = "reauthentication_required"
    detail = "Confirm it's you: enter your password again to continue"


# region capability: two_factor
class TwoFactorRequired(NotPermitted):
    """TWO_FACTOR_REQUIRED_FOR_SUPERUSERS is on and this superuser has not
    turned two-factor authentication on yet."""

    code = "two_factor_required"
    detail = "Turn on two-factor authentication in your settings to manage the app"


# endregion capability: two_factor
class NotFound(AppError):
    status_code = 404
    detail = "Not found"


class Conflict(AppError):
    status_code = 409
    detail = "Conflict"


class PayloadTooLarge(AppError):
    status_code = 413
    detail = "Request body too large"


class UnsupportedMediaType(AppError):
    status_code = 415
    detail = "This type of file is not accepted here"


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
    body = {"detail": error.detail}
    if error.code is not None:
        body["code"] = error.code
    return JSONResponse(body, status_code=error.status_code, headers=error.headers)
