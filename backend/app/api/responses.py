"""OpenAPI documentation of the error responses a route can give."""

from typing import Any

from pydantic import BaseModel, Field


class ErrorBody(BaseModel):
    detail: str
    code: str | None = Field(
        default=None,
        description="Set when a client can act on the error: `reauthentication_required` "
        "(prove your identity again, then retry).",
    )


DESCRIPTIONS = {
    400: "Bad request",
    401: "Missing, invalid or expired credentials",
    403: "Not permitted",
    404: "Not found",
    409: "Conflict with existing data",
    413: "Request body too large",
    429: "Too many requests (see Retry-After)",
    503: "Service unavailable",
}


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    return {
        code: {"model": ErrorBody, "description": DESCRIPTIONS.get(code, "Error")}
        for code in codes
        if code != 422
    }
