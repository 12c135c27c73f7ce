"""A job's span links to the trace of the request that enqueued it."""

from collections.abc import Iterator

import pytest
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from app.core import tracing
from app.core.db import transaction
from app.jobs.noop import KIND
from app.jobs.queue import enqueue, queue
from app.jobs.sessions import use_sessions
from app.jobs.worker import run_queued_jobs


@pytest.fixture
def exporter() -> Iterator[InMemorySpanExporter]:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    tracing.use_provider(provider)
    yield exporter
    tracing._provider = None  # back to tracing off, as the other tests expect


async def test_the_job_span_links_to_the_enqueueing_span(
    exporter: InMemorySpanExporter, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    use_sessions(session_factory)
    queue.connector.reset()  # type: ignore[attr-defined]  # the in-memory connector's
    with tracing.tracer("test").start_as_current_span("POST /things") as request_span:
        async with transaction(session_factory) as session:
            job = enqueue(session, KIND)
    assert job.traceparent is not None
    async with queue.open_async():
        await run_queued_jobs()
    [job_span] = [span for span in exporter.get_finished_spans() if span.name == f"job {KIND}"]
    assert [link.context.trace_id for link in job_span.links] == [
        request_span.get_span_context().trace_id
    ]
    assert job_span.context.trace_id != request_span.get_span_context().trace_id
