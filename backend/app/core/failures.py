"""What clients see when something outside the request's control fails:
a clear status and message, never a stack trace."""

import logging

from fastapi import Request
from fastapi.responses import JSONResponse
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

logger = logging.getLogger(__name__)

# A database or Redis that is down, restarting or saturated: retryable, so 503.
UNAVAILABLE_ERRORS: tuple[type[Exception], ...] = (
    OperationalError,
    InterfaceError,
    PoolTimeoutError,
    RedisConnectionError,
    RedisTimeoutError,
    ConnectionRefusedError,
)


async def unavailable_handler(_request: Request, error: Exception) -> JSONResponse:
    logger.warning("dependency unavailable: %s", type(error).__name__)
    return JSONResponse(
        {"detail": "Service temporarily unavailable: the database could not be reached"},
        status_code=503,
        headers={"Retry-After": "5"},
    )


async def internal_error_handler(_request: Request, error: Exception) -> JSONResponse:
    logger.error("unhandled error", exc_info=error)
    return JSONResponse({"detail": "Internal server error"}, status_code=500)


async def invalid_data_handler(_request: Request, error: Exception) -> JSONResponse:
    """Input the database refuses to store (a NUL character in PostgreSQL
    text, a number out of range) is the client's error, not ours."""
    logger.info("database refused a value: %s", type(getattr(error, "orig", error)).__name__)
    return JSONResponse(
        {"detail": "The request contains a value that cannot be stored"}, status_code=422
    )
