"""OpenTelemetry: a request produces a server span and a span per SQL statement."""

from collections.abc import AsyncIterator

import pytest
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient
from opentelemetry.instrumentation.sqlalchemy import SQLAlchemyInstrumentor
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from app.core import tracing
from app.core.config import settings, to_async_url
from app.core.db import create_engine


@pytest.fixture
async def traced_engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(settings, url=to_async_url(database_url))
    yield engine
    SQLAlchemyInstrumentor().uninstrument()
    await engine.dispose()


async def test_a_request_and_its_query_become_spans(traced_engine: AsyncEngine) -> None:
    app = FastAPI()

    @app.get("/probe/{name}")
    async def probe(name: str) -> dict[str, int]:
        async with traced_engine.connect() as connection:
            value = (await connection.execute(text("SELECT 41 + 1"))).scalar_one()
        return {name: value}

    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    tracing.instrument(app, traced_engine, provider)

    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as client:
        assert (await client.get("/probe/answer")).json() == {"answer": 42}

    spans = exporter.get_finished_spans()
    server = [s for s in spans if s.name == "GET /probe/{name}"]
    queries = [s for s in spans if "SELECT 41 + 1" in str((s.attributes or {}).get("db.statement"))]
    assert server
    assert queries
    assert queries[0].context.trace_id == server[0].context.trace_id


async def test_health_checks_are_not_traced(traced_engine: AsyncEngine) -> None:
    app = FastAPI()

    @app.get("/api/v1/utils/health-check/")
    async def health() -> bool:
        return True

    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    tracing.instrument(app, traced_engine, provider)
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as client:
        await client.get("/api/v1/utils/health-check/")
    assert exporter.get_finished_spans() == ()
