"""Prometheus metrics at /metrics, only when enabled, never public outside local."""

import subprocess
import sys

import pytest
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient
from sqlalchemy import text

from app.core.config import BACKEND_DIR, settings, to_async_url
from app.core.db import create_engine
from app.core.metrics import PoolCollector
from app.core.observability import setup_observability

# region capability: background_jobs
from app.jobs.metrics import observe_job

# endregion capability: background_jobs


def app_with_metrics(**overrides: object) -> FastAPI:
    app = FastAPI()

    @app.get("/things/{thing_id}")
    async def read_thing(thing_id: str) -> dict[str, str]:
        return {"id": thing_id}

    config = settings.model_copy(update={"METRICS_ENABLED": True, **overrides})
    setup_observability(app, config)
    return app


async def scrape(app: FastAPI, headers: dict[str, str] | None = None) -> tuple[int, str]:
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as client:
        await client.get("/things/1")
        await client.get("/things/2")
        await client.get("/missing")
        response = await client.get("/metrics", headers=headers or {})
    return response.status_code, response.text


async def test_requests_are_counted_by_route_template_and_status() -> None:
    _, text = await scrape(app_with_metrics())
    assert 'http_requests_total{method="GET",route="/things/{thing_id}",status="200"} 2.0' in text
    assert 'http_requests_total{method="GET",route="<unmatched>",status="404"} 1.0' in text


async def test_latency_is_a_histogram_by_route_template() -> None:
    _, text = await scrape(app_with_metrics())
    count = 'http_request_duration_seconds_count{method="GET",route="/things/{thing_id}"} 2.0'
    assert count in text


async def test_the_database_pools_usage_is_exposed(database_url: str) -> None:
    engine = create_engine(settings, url=to_async_url(database_url))
    collector = PoolCollector({"app": engine})
    try:
        async with engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
            checked_out = {
                sample.labels["pool"]: sample.value
                for family in collector.collect()
                if family.name == "db_pool_checked_out"
                for sample in family.samples
            }
    finally:
        await engine.dispose()
    assert checked_out == {"app": 1.0}


async def test_with_a_token_the_endpoint_refuses_scrapers_without_it() -> None:
    status, _ = await scrape(app_with_metrics(METRICS_TOKEN="s3cret-scraper"))
    assert status == 401


async def test_with_a_token_the_endpoint_answers_scrapers_that_send_it() -> None:
    headers = {"Authorization": "Bearer s3cret-scraper"}
    status, text = await scrape(app_with_metrics(METRICS_TOKEN="s3cret-scraper"), headers)
    assert status == 200
    assert "http_requests_total" in text


# region capability: background_jobs
@pytest.mark.parametrize("in_process", [True, False])
async def test_the_api_exposes_the_job_figures_when_it_runs_the_worker(in_process: bool) -> None:
    overrides = {
        "JOBS_ENABLED": True,
        "JOBS_QUEUE": "postgres",
        "JOBS_WORKER_IN_PROCESS": in_process,
    }
    observe_job("metrics-test", "succeeded", 0.01)
    _, text = await scrape(app_with_metrics(**overrides))
    assert ('job_runs_total{kind="metrics-test",outcome="succeeded"}' in text) is in_process
    assert ("# TYPE job_queue_depth gauge" in text) is in_process


# endregion capability: background_jobs


async def test_metrics_are_off_by_default() -> None:
    app = FastAPI()
    setup_observability(app, settings.model_copy(update={"METRICS_ENABLED": False}))
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://test") as client:
        assert (await client.get("/metrics")).status_code == 404


@pytest.mark.parametrize("environment", ["staging", "production"])
def test_deployments_refuse_to_start_with_public_metrics(environment: str) -> None:
    env = {
        "ENV_FILE": "",
        "ENVIRONMENT": environment,
        "DATABASE_URL": "postgresql://app@127.0.0.1:9/app",
        "SECRET_KEY": "k" * 40,
        "FIRST_SUPERUSER_PASSWORD": "first-superuser-Pa55",
        "METRICS_ENABLED": "true",
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(
        [sys.executable, "-c", "import app.main"],
        cwd=BACKEND_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "METRICS_TOKEN" in result.stderr.strip().splitlines()[-1]
