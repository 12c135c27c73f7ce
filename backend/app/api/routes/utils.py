from typing import Annotated, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, EmailStr
from sqlalchemy import text

from app import notifications
from app.api.deps import SessionFactory, SuperuserDep
from app.api.mailer import MailerDep
from app.api.responses import errors
from app.core.config import settings
from app.core.errors import ServiceUnavailable
from app.models import Message

router = APIRouter(prefix="/utils", tags=["utils"])


class Readiness(BaseModel):
    status: Literal["ok"]


@router.post("/test-email/", status_code=201, responses=errors(401, 403, 503))
async def test_email(
    _superuser: SuperuserDep, mailer: MailerDep, email_to: Annotated[EmailStr, Query()]
) -> Message:
    """Send a test email."""
    if not settings.emails_enabled:
        raise ServiceUnavailable("Email is not configured: set SMTP_HOST and EMAILS_FROM_EMAIL")
    mailer.send(notifications.test_email(settings, email=email_to))
    return Message(message="Test email queued")


@router.get("/health-check/")
async def health_check() -> bool:
    """Liveness: the process answers."""
    return True


@router.get("/ready", responses=errors(503))
async def readiness() -> Readiness:
    """Readiness: the database answers."""
    try:
        async with SessionFactory() as session:
            await session.exec(text("SELECT 1"))  # type: ignore[call-overload]  # raw SQL probe
    except Exception as error:
        raise ServiceUnavailable("Database unavailable") from error
    return Readiness(status="ok")
