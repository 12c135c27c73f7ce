import logging
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager

# region capability: sentry
import sentry_sdk

# endregion capability: sentry
from fastapi import FastAPI
from fastapi.routing import APIRoute
from sqlalchemy.exc import DataError

# region capability: admin_panel
from app.admin_db import panel as admin_db

# endregion capability: admin_panel
from app.api import docs
from app.api.deps import engine
from app.api.main import api_router
from app.api.responses import document_unparsable_bodies
from app.core.collection import tune_garbage_collection
from app.core.config import settings
from app.core.errors import AppError, app_error_handler
from app.core.failures import (
    UNAVAILABLE_ERRORS,
    internal_error_handler,
    invalid_data_handler,
    unavailable_handler,
)
from app.core.middleware import (
    BodySizeLimitMiddleware,
    CrossOriginMiddleware,
    SecurityHeadersMiddleware,
)
from app.core.observability import setup_observability

# region capability: file_storage
from app.files.uploads import STREAMED_PATHS

# endregion capability: file_storage
# region capability: background_jobs
from app.jobs.worker import in_process_worker

# endregion capability: background_jobs

logger = logging.getLogger(__name__)


def operation_id(route: APIRoute) -> str:
    """`{tag}-{name}`, so the generated client reads ItemsService.readItems."""
    return f"{route.tags[0]}-{route.name}"


@asynccontextmanager
async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
    if not settings.emails_enabled:
        logger.warning("emails are disabled: set SMTP_HOST and EMAILS_FROM_EMAIL to send them")
    tune_garbage_collection()
    # What lives as long as the app (an in-process worker), stopped with it.
    services = AsyncExitStack()
    try:
        # region capability: background_jobs
        if settings.JOBS_ENABLED and settings.jobs_worker_in_process:
            await services.enter_async_context(in_process_worker())
        # endregion capability: background_jobs
        yield
    finally:
        await services.aclose()
    await engine.dispose()


# region capability: sentry
if settings.SENTRY_DSN and settings.ENVIRONMENT != "local":
    sentry_sdk.init(dsn=str(settings.SENTRY_DSN), enable_tracing=True)
# endregion capability: sentry

app = FastAPI(
    title=settings.PROJECT_NAME,
    openapi_url=docs.OPENAPI_URL,
    # Served by app.api.docs, from the app itself rather than a CDN.
    docs_url=None,
    redoc_url=None,
    generate_unique_id_function=operation_id,
    lifespan=lifespan,
)
app.include_router(api_router, prefix=settings.API_V1_STR)
app.include_router(docs.router)
document_unparsable_bodies(app)
app.add_exception_handler(AppError, app_error_handler)
for error_type in UNAVAILABLE_ERRORS:
    app.add_exception_handler(error_type, unavailable_handler)
app.add_exception_handler(DataError, invalid_data_handler)
app.add_exception_handler(Exception, internal_error_handler)

app.add_middleware(
    BodySizeLimitMiddleware,
    max_bytes=settings.MAX_REQUEST_BODY_BYTES,
    # region capability: file_storage
    streamed_paths=STREAMED_PATHS if settings.FILES_ENABLED else None,
    # endregion capability: file_storage
)
app.add_middleware(
    CrossOriginMiddleware,
    allow_origins=settings.all_cors_origins,
    allow_credentials=True,
    allow_methods=["*"],
    allow_headers=["*"],
    # Not a CORS-safelisted header: without this the dashboard, on another
    # origin, cannot read when a 429 or 503 may be retried.
    expose_headers=["Retry-After"],
)
app.add_middleware(SecurityHeadersMiddleware, hsts=settings.ENVIRONMENT != "local")
setup_observability(app)
# region capability: admin_panel
if settings.admin_db_enabled:
    admin_db.mount(app)
# endregion capability: admin_panel
