"""OpenAPI documentation of the error responses a route can give."""

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI
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


UNPARSABLE_BODY = {
    "description": "Bad request: a body that is not UTF-8 text (FastAPI's parser refuses it)",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}},
}


def document_unparsable_bodies(app: FastAPI) -> None:
    """Every operation that reads a JSON body may answer 400: FastAPI refuses
    a body it cannot decode before any route runs. Documented here, once,
    rather than on each route."""
    build: Callable[[], dict[str, Any]] = app.openapi

    def openapi() -> dict[str, Any]:
        schema = build()  # FastAPI builds once and keeps it: this edits the kept one
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                content = operation.get("requestBody", {}).get("content", {})
                if "application/json" in content:
                    operation["responses"].setdefault("400", UNPARSABLE_BODY)
        return schema

    app.openapi = openapi  # type: ignore[method-assign]  # FastAPI's documented override
