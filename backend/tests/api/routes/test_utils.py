"""The utils contract: test email, liveness and readiness."""

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import async_sessionmaker

# region capability: background_jobs
from sqlmodel import select

# endregion capability: background_jobs
from sqlmodel.ext.asyncio.session import AsyncSession

from app.api.routes import utils
from app.core.config import settings
from app.core.db import create_engine, session_factory

# region capability: background_jobs
from app.jobs.models import Job

# endregion capability: background_jobs
from tests.factories import auth_headers, create_user, random_email
from tests.smtp import Inbox, SmtpServer, free_port

API = settings.API_V1_STR


# region capability: background_jobs
async def email_job_states(db: AsyncSession) -> list[tuple[str, int]]:
    """Each email job's state and attempts so far."""
    jobs = await db.exec(select(Job).where(Job.kind == "send_email"))
    return [(job.state, job.attempts) for job in jobs.all()]


# endregion capability: background_jobs

SMTP_LOGIN = "mailer"
SMTP_SECRET = "smtp-secret"


@dataclass
class QuitCountingInbox(Inbox):
    """Records how many clients ended their SMTP session politely."""

    quits: int = 0

    async def handle_QUIT(  # noqa: N802  # aiosmtpd's hook name
        self, _server: SMTP, _session: Session, _envelope: Envelope
    ) -> str:
        self.quits += 1
        return "221 Bye"


@dataclass
class RefusingInbox(Inbox):
    async def handle_DATA(  # noqa: N802  # aiosmtpd's hook name
        self, _server: SMTP, _session: Session, _envelope: Envelope
    ) -> str:
        return "550 Mailbox unavailable"


def accept_mailer_login(
    _server: SMTP, _session: Session, _envelope: Envelope, _mechanism: str, auth_data: object
) -> AuthResult:
    valid = LoginPassword(login=SMTP_LOGIN.encode(), password=SMTP_SECRET.encode())
    return AuthResult(success=auth_data == valid)


def serve(
    inbox: Inbox, monkeypatch: pytest.MonkeyPatch, **controller_options: Any
) -> Iterator[Inbox]:
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, **controller_options)
    controller.start()
    monkeypatch.setattr(settings, "SMTP_HOST", "127.0.0.1")
    monkeypatch.setattr(settings, "SMTP_PORT", port)
    monkeypatch.setattr(settings, "SMTP_TLS", False)
    monkeypatch.setattr(settings, "SMTP_SSL", False)
    monkeypatch.setattr(settings, "EMAILS_FROM_EMAIL", "noreply@example.com")
    try:
        yield inbox
    finally:
        controller.stop()


@pytest.fixture
def quit_counting_inbox(monkeypatch: pytest.MonkeyPatch) -> Iterator[Inbox]:
    yield from serve(QuitCountingInbox(), monkeypatch)


@pytest.fixture
def refusing_inbox(monkeypatch: pytest.MonkeyPatch) -> Iterator[Inbox]:
    yield from serve(RefusingInbox(), monkeypatch)


@pytest.fixture
def authenticating_inbox(monkeypatch: pytest.MonkeyPatch) -> Iterator[Inbox]:
    yield from serve(
        Inbox(), monkeypatch, authenticator=accept_mailer_login, auth_require_tls=False
    )


async def superuser_headers(db: AsyncSession) -> dict[str, str]:
    return await auth_headers(db=db, user=await create_user(db=db, is_superuser=True))


class TestTestEmail:
    async def test_superuser_sends_a_test_email_that_arrives(
        self, client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
    ) -> None:
        headers = await superuser_headers(db)
        address = random_email()
        response = await client.post(
            f"{API}/utils/test-email/", params={"email_to": address}, headers=headers
        )
        assert response.status_code == 201
        assert response.json() == {"message": "Test email queued"}
        [mail] = smtp_server.to(address)
        assert mail.subject == f"{settings.PROJECT_NAME} - Test email"
        assert mail.sender == "noreply@example.com"

    async def test_sending_closes_the_smtp_connection(
        self, client: AsyncClient, db: AsyncSession, quit_counting_inbox: QuitCountingInbox
    ) -> None:
        headers = await superuser_headers(db)
        await client.post(
            f"{API}/utils/test-email/", params={"email_to": random_email()}, headers=headers
        )
        assert len(quit_counting_inbox.mails) == 1
        assert quit_counting_inbox.quits == 1

    async def test_without_smtp_configured_it_is_unavailable_with_a_clear_reason(
        self, client: AsyncClient, db: AsyncSession, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(settings, "SMTP_HOST", None)
        headers = await superuser_headers(db)
        response = await client.post(
            f"{API}/utils/test-email/", params={"email_to": random_email()}, headers=headers
        )
        assert response.status_code == 503
        assert "SMTP_HOST" in response.json()["detail"]

    async def test_unreachable_smtp_server_does_not_fail_the_request(
        self,
        client: AsyncClient,
        db: AsyncSession,
        monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture,
    ) -> None:
        monkeypatch.setattr(settings, "SMTP_HOST", "127.0.0.1")
        monkeypatch.setattr(settings, "SMTP_PORT", free_port())
        monkeypatch.setattr(settings, "SMTP_TLS", False)
        monkeypatch.setattr(settings, "EMAILS_FROM_EMAIL", "noreply@example.com")
        headers = await superuser_headers(db)
        with caplog.at_level(logging.WARNING):
            response = await client.post(
                f"{API}/utils/test-email/",
                params={"email_to": "someone@unreachable.example"},
                headers=headers,
            )
        assert response.status_code == 201
        assert "@unreachable.example" in caplog.text
        assert "someone@" not in caplog.text
        # region capability: background_jobs
        assert await email_job_states(db) == [("retrying", 1)]
        # endregion capability: background_jobs

    async def test_refused_email_is_logged_without_the_address(
        self,
        client: AsyncClient,
        db: AsyncSession,
        refusing_inbox: Inbox,
        caplog: pytest.LogCaptureFixture,
    ) -> None:
        headers = await superuser_headers(db)
        with caplog.at_level(logging.WARNING):
            response = await client.post(
                f"{API}/utils/test-email/",
                params={"email_to": "someone@refused.example"},
                headers=headers,
            )
        assert response.status_code == 201
        assert "refused" in caplog.text
        assert "someone@" not in caplog.text
        assert refusing_inbox.mails == []
        # region capability: background_jobs
        assert await email_job_states(db) == [("retrying", 1)]
        # endregion capability: background_jobs

    async def test_smtp_credentials_are_used_to_log_in(
        self,
        client: AsyncClient,
        db: AsyncSession,
        authenticating_inbox: Inbox,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        monkeypatch.setattr(settings, "SMTP_USER", SMTP_LOGIN)
        monkeypatch.setattr(settings, "SMTP_PASSWORD", SMTP_SECRET)
        headers = await superuser_headers(db)
        await client.post(
            f"{API}/utils/test-email/", params={"email_to": random_email()}, headers=headers
        )
        assert len(authenticating_inbox.mails) == 1

    async def test_wrong_smtp_credentials_deliver_nothing(
        self,
        client: AsyncClient,
        db: AsyncSession,
        authenticating_inbox: Inbox,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        monkeypatch.setattr(settings, "SMTP_USER", SMTP_LOGIN)
        monkeypatch.setattr(settings, "SMTP_PASSWORD", "not-the-secret")
        # After a refused login the client sits out its whole timeout; keep it short.
        monkeypatch.setattr(settings, "SMTP_TIMEOUT_SECONDS", 0.5)
        headers = await superuser_headers(db)
        response = await client.post(
            f"{API}/utils/test-email/", params={"email_to": random_email()}, headers=headers
        )
        assert response.status_code == 201
        assert authenticating_inbox.mails == []

    async def test_required_starttls_never_falls_back_to_plain_text(
        self,
        client: AsyncClient,
        db: AsyncSession,
        smtp_server: SmtpServer,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        monkeypatch.setattr(settings, "SMTP_TLS", True)
        headers = await superuser_headers(db)
        await client.post(
            f"{API}/utils/test-email/", params={"email_to": random_email()}, headers=headers
        )
        assert smtp_server.mails == []

    async def test_required_ssl_never_falls_back_to_plain_text(
        self,
        client: AsyncClient,
        db: AsyncSession,
        smtp_server: SmtpServer,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        monkeypatch.setattr(settings, "SMTP_SSL", True)
        headers = await superuser_headers(db)
        await client.post(
            f"{API}/utils/test-email/", params={"email_to": random_email()}, headers=headers
        )
        assert smtp_server.mails == []

    async def test_normal_user_is_forbidden(
        self, client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
    ) -> None:
        user = await create_user(db=db)
        response = await client.post(
            f"{API}/utils/test-email/",
            params={"email_to": random_email()},
            headers=await auth_headers(db=db, user=user),
        )
        assert response.status_code == 403
        assert smtp_server.mails == []

    async def test_invalid_address_is_a_validation_error(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        headers = await superuser_headers(db)
        response = await client.post(
            f"{API}/utils/test-email/", params={"email_to": "nobody"}, headers=headers
        )
        assert response.status_code == 422


class TestHealthCheck:
    async def test_answers_true_to_anyone(self, client: AsyncClient) -> None:
        response = await client.get(f"{API}/utils/health-check/")
        assert response.status_code == 200
        assert response.json() is True


class TestReadiness:
    async def test_ok_when_the_database_answers(
        self,
        client: AsyncClient,
        session_factory: async_sessionmaker[AsyncSession],
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        monkeypatch.setattr(utils, "SessionFactory", session_factory)
        response = await client.get(f"{API}/utils/ready")
        assert response.status_code == 200
        assert response.json() == {"status": "ok"}

    async def test_unavailable_when_the_database_does_not_answer(
        self, client: AsyncClient, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        unreachable = create_engine(settings, url="sqlite+aiosqlite:////nonexistent/dir/app.db")
        monkeypatch.setattr(utils, "SessionFactory", session_factory(unreachable))
        try:
            response = await client.get(f"{API}/utils/ready")
        finally:
            await unreachable.dispose()
        assert response.status_code == 503
        assert response.json() == {"detail": "Database unavailable"}
