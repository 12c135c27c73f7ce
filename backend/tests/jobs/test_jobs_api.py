"""The jobs API and the rules of a job's life, on either engine (jobs run in
this process, from memory, right after each request)."""

import uuid
from datetime import timedelta

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from app.core.config import settings
from app.core.db import transaction
from app.jobs.email import send_email
from app.jobs.models import IdempotencyKey, Job, JobState
from app.jobs.schedules import HOUSEKEEPING, housekeeping
from app.jobs.sealed import seal
from app.models import utcnow
from app.utils import EmailData
from tests.factories import auth_headers, create_user, random_email
from tests.smtp import SmtpServer

API = f"{settings.API_V1_STR}/jobs"


async def superuser(db: AsyncSession) -> dict[str, str]:
    return await auth_headers(db=db, user=await create_user(db=db, is_superuser=True))


async def add_job(db: AsyncSession, state: JobState, kind: str = "send_email") -> Job:
    job = Job(kind=kind, state=state.value, payload={})
    db.add(job)
    await db.commit()
    return job


ENDPOINTS = [
    ("GET", "/"),
    ("GET", "/counts"),
    ("POST", "/{id}/retry"),
    ("POST", "/{id}/cancel"),
]


@pytest.mark.parametrize(("method", "path"), ENDPOINTS)
@pytest.mark.parametrize(("who", "status"), [("nobody", 401), ("user", 403)])
async def test_only_superusers_reach_the_jobs(
    client: AsyncClient, db: AsyncSession, method: str, path: str, who: str, status: int
) -> None:
    job = await add_job(db, JobState.FAILED)
    headers = {} if who == "nobody" else await auth_headers(db=db, user=await create_user(db=db))
    response = await client.request(method, API + path.format(id=job.id), headers=headers)
    assert response.status_code == status
    assert (await db.get(Job, job.id)) is not None
    await db.refresh(job)
    assert job.state == JobState.FAILED


async def test_a_mail_sent_by_a_request_is_a_job_that_succeeds(
    client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
) -> None:
    headers = await superuser(db)
    address = random_email()
    response = await client.post(
        f"{settings.API_V1_STR}/utils/test-email/", params={"email_to": address}, headers=headers
    )
    assert response.status_code == 201
    assert len(smtp_server.to(address)) == 1
    listed = (await client.get(API + "/", params={"kind": "send_email"}, headers=headers)).json()
    assert [(j["state"], j["attempts"], j["summary"]) for j in listed["data"]] == [
        ("succeeded", 1, f"to @{address.split('@')[1]}")
    ]
    assert address not in str(listed)  # the address is only in the sealed payload


async def test_the_stored_payload_holds_neither_address_nor_link(
    session_factory: async_sessionmaker[AsyncSession], db: AsyncSession
) -> None:
    link = f"https://app.example.com/reset-password?token={uuid.uuid4()}"
    async with transaction(session_factory) as session:
        job = send_email(session, EmailData(to="ann@example.com", subject="s", html=link))
    stored = await db.get(Job, job.id)
    assert stored is not None
    assert stored.summary == "to @example.com"
    assert "ann@" not in str(stored.payload)
    assert link not in str(stored.payload)


async def fail_after_enqueueing(factory: async_sessionmaker[AsyncSession], to: str) -> None:
    async with transaction(factory) as session:
        send_email(session, EmailData(to=to, subject="s", html="h"))
        await session.flush()
        raise RuntimeError("the request failed after enqueueing")


async def test_a_rolled_back_transaction_leaves_no_job(
    session_factory: async_sessionmaker[AsyncSession], db: AsyncSession
) -> None:
    with pytest.raises(RuntimeError):
        await fail_after_enqueueing(session_factory, "someone@rolled-back.example")
    assert (await db.exec(select(Job).where(Job.summary == "to @rolled-back.example"))).all() == []


async def test_counts_cover_every_state(client: AsyncClient, db: AsyncSession) -> None:
    headers = await superuser(db)
    for state in (JobState.FAILED, JobState.FAILED, JobState.CANCELLED):
        await add_job(db, state, kind="report")
    counts = (await client.get(API + "/counts", headers=headers)).json()
    assert set(counts) == {state.value for state in JobState}
    assert counts["failed"] == 2
    assert counts["cancelled"] == 1


async def test_lists_filter_by_state_and_kind(client: AsyncClient, db: AsyncSession) -> None:
    headers = await superuser(db)
    await add_job(db, JobState.FAILED, kind="report")
    await add_job(db, JobState.CANCELLED, kind="report")
    await add_job(db, JobState.FAILED, kind="import")
    failed_reports = await client.get(
        API + "/", params={"state": "failed", "kind": "report"}, headers=headers
    )
    assert failed_reports.json()["count"] == 1
    bad_state = await client.get(API + "/", params={"state": "sleeping"}, headers=headers)
    assert bad_state.status_code == 422


@pytest.mark.parametrize("state", [JobState.RUNNING, JobState.QUEUED, JobState.SUCCEEDED])
async def test_only_failed_or_cancelled_jobs_are_retried(
    client: AsyncClient, db: AsyncSession, state: JobState
) -> None:
    headers = await superuser(db)
    job = await add_job(db, state)
    response = await client.post(f"{API}/{job.id}/retry", headers=headers)
    assert response.status_code == 409
    assert state.value in response.json()["detail"]


@pytest.mark.parametrize("state", [JobState.RUNNING, JobState.SUCCEEDED, JobState.FAILED])
async def test_only_waiting_jobs_are_cancelled(
    client: AsyncClient, db: AsyncSession, state: JobState
) -> None:
    headers = await superuser(db)
    job = await add_job(db, state)
    response = await client.post(f"{API}/{job.id}/cancel", headers=headers)
    assert response.status_code == 409
    await db.refresh(job)
    assert job.state == state


async def test_a_retried_failed_mail_is_delivered(
    client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
) -> None:
    headers = await superuser(db)
    address = random_email()
    sealed = seal({"to": address, "subject": "again", "html": "<p>hi</p>"})
    job = Job(kind="send_email", state=JobState.FAILED.value, payload={"sealed": sealed})
    db.add(job)
    await db.commit()
    response = await client.post(f"{API}/{job.id}/retry", headers=headers)
    assert response.status_code == 200
    assert len(smtp_server.to(address)) == 1
    await db.refresh(job)
    assert (job.state, job.attempts) == (JobState.SUCCEEDED, 1)


async def test_a_cancelled_job_never_runs(client: AsyncClient, db: AsyncSession) -> None:
    headers = await superuser(db)
    job = await add_job(db, JobState.QUEUED)
    response = await client.post(f"{API}/{job.id}/cancel", headers=headers)
    assert response.status_code == 200
    assert response.json()["state"] == "cancelled"
    await db.refresh(job)
    assert (job.state, job.attempts) == (JobState.CANCELLED, 0)


async def test_an_unknown_job_is_404(client: AsyncClient, db: AsyncSession) -> None:
    headers = await superuser(db)
    response = await client.post(f"{API}/{uuid.uuid4()}/retry", headers=headers)
    assert response.status_code == 404


async def test_without_jobs_a_mail_is_sent_after_the_response_and_no_job_is_kept(
    client: AsyncClient,
    db: AsyncSession,
    smtp_server: SmtpServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(settings, "JOBS_ENABLED", False)
    headers = await superuser(db)
    address = random_email()
    response = await client.post(
        f"{settings.API_V1_STR}/utils/test-email/", params={"email_to": address}, headers=headers
    )
    assert response.status_code == 201
    assert len(smtp_server.to(address)) == 1
    assert (await db.exec(select(Job))).all() == []


async def test_housekeeping_forgets_old_finished_jobs_and_keeps_failed_and_recent_ones(
    db: AsyncSession,
) -> None:
    old = utcnow() - timedelta(days=31)
    kept = [
        Job(kind="report", state=JobState.FAILED.value, created_at=old),
        Job(kind="report", state=JobState.SUCCEEDED.value),
    ]
    gone = [
        Job(kind="report", state=JobState.SUCCEEDED.value, created_at=old),
        Job(kind="report", state=JobState.CANCELLED.value, created_at=old),
    ]
    db.add_all([*kept, *gone])
    db.add(IdempotencyKey(key="email:old", created_at=old))
    await db.commit()
    await housekeeping(db, Job(kind=HOUSEKEEPING))
    await db.commit()
    remaining = {job.id for job in (await db.exec(select(Job).where(Job.kind == "report"))).all()}
    assert remaining == {job.id for job in kept}
    assert await db.get(IdempotencyKey, "email:old") is None


async def test_a_job_retried_while_its_old_queue_entry_waits_runs_once(
    client: AsyncClient,
    db: AsyncSession,
    session_factory: async_sessionmaker[AsyncSession],
    smtp_server: SmtpServer,
) -> None:
    headers = await superuser(db)
    address = random_email()
    async with transaction(session_factory) as session:
        job = send_email(session, EmailData(to=address, subject="once", html="<p>hi</p>"))
    stored = await db.get(Job, job.id)
    assert stored is not None
    stored.state = JobState.CANCELLED.value  # cancelled before a worker took it
    await db.commit()
    response = await client.post(f"{API}/{job.id}/retry", headers=headers)
    assert response.status_code == 200
    assert len(smtp_server.to(address)) == 1
    await db.refresh(stored)
    assert (stored.state, stored.attempts, stored.run) == (JobState.SUCCEEDED, 1, 1)
