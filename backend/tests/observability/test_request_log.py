"""One log line per request, tied together by a request id."""

import logging
import re

import pytest
from httpx import AsyncClient
from sqlmodel.ext.asyncio.session import AsyncSession

from app.core.config import settings
from app.core.logs import JsonFormatter
from tests.factories import DEFAULT_PASSWORD, auth_headers, create_user

API = settings.API_V1_STR
REQUEST_LOGGER = "app.request"
FIELDS = ("method", "path", "status", "request_id", "user_id")


def request_records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == REQUEST_LOGGER]


class TestRequestId:
    async def test_a_callers_request_id_is_returned(self, client: AsyncClient) -> None:
        response = await client.get(
            f"{API}/utils/health-check/", headers={"X-Request-ID": "trace-42.a"}
        )
        assert response.headers["X-Request-ID"] == "trace-42.a"

    async def test_a_request_id_is_generated_when_none_is_sent(self, client: AsyncClient) -> None:
        response = await client.get(f"{API}/utils/health-check/")
        assert re.fullmatch(r"[0-9a-f]{32}", response.headers["X-Request-ID"])

    async def test_a_request_id_that_could_forge_log_lines_is_replaced(
        self, client: AsyncClient
    ) -> None:
        response = await client.get(
            f"{API}/utils/health-check/", headers={"X-Request-ID": 'x" injected=1'}
        )
        assert re.fullmatch(r"[0-9a-f]{32}", response.headers["X-Request-ID"])

    async def test_error_responses_carry_a_request_id(self, client: AsyncClient) -> None:
        response = await client.get(f"{API}/users/me")
        assert response.status_code == 401
        assert response.headers["X-Request-ID"]


class TestRequestLine:
    async def test_one_line_names_the_route_template_status_and_user(
        self, client: AsyncClient, db: AsyncSession, caplog: pytest.LogCaptureFixture
    ) -> None:
        user = await create_user(db=db)
        headers = await auth_headers(db=db, user=user) | {"X-Request-ID": "req-1"}
        caplog.set_level(logging.INFO, logger=REQUEST_LOGGER)

        await client.get(f"{API}/users/{user.id}", headers=headers)

        (record,) = request_records(caplog)
        assert {k: record.__dict__.get(k) for k in FIELDS} == {
            "method": "GET",
            "path": f"{API}/users/{{user_id}}",
            "status": 200,
            "request_id": "req-1",
            "user_id": str(user.id),
        }

    async def test_the_line_records_the_duration_in_milliseconds(
        self, client: AsyncClient, caplog: pytest.LogCaptureFixture
    ) -> None:
        caplog.set_level(logging.INFO, logger=REQUEST_LOGGER)
        await client.get(f"{API}/utils/health-check/")
        (record,) = request_records(caplog)
        assert 0 <= record.__dict__["duration_ms"] < 5000

    async def test_an_unmatched_path_is_logged_without_an_email_address(
        self, client: AsyncClient, caplog: pytest.LogCaptureFixture
    ) -> None:
        caplog.set_level(logging.INFO, logger=REQUEST_LOGGER)
        await client.get("/nowhere/alice.secret@example.com")
        (record,) = request_records(caplog)
        assert record.__dict__["status"] == 404
        assert "alice.secret" not in record.__dict__["path"]

    async def test_a_login_logs_neither_password_token_nor_email(
        self, client: AsyncClient, db: AsyncSession, caplog: pytest.LogCaptureFixture
    ) -> None:
        user = await create_user(db=db)
        caplog.set_level(logging.DEBUG)

        response = await client.post(
            f"{API}/login/access-token",
            data={"username": user.email, "password": DEFAULT_PASSWORD},
        )
        token = response.json()["access_token"]
        await client.get(f"{API}/users/me", headers={"Authorization": f"Bearer {token}"})

        output = "\n".join(JsonFormatter().format(r) for r in caplog.records)
        assert request_records(caplog)
        for secret in (DEFAULT_PASSWORD, token, user.email):
            assert secret not in output


class TestJsonFormat:
    def test_a_record_becomes_one_json_object_with_its_fields(self) -> None:
        record = logging.LogRecord("app.request", logging.INFO, "", 0, "GET %s", ("/x",), None)
        record.status = 200
        line = JsonFormatter().format(record)
        assert "\n" not in line
        assert line.startswith("{")
        assert '"message":"GET /x"' in line
        assert '"status":200' in line
