"""Logs, metrics and traces, wired into the app by one call in app.main.

- Logs: JSON lines (readable lines when ENVIRONMENT=local), one per request
  with its X-Request-ID, which is taken from the caller or generated and
  always returned.
- Metrics: Prometheus at /metrics when METRICS_ENABLED. Outside local
  development METRICS_TOKEN is required, so that the endpoint is never
  public: scrapers send `Authorization: Bearer <METRICS_TOKEN>`.
- Traces: OpenTelemetry when OTEL_EXPORTER_OTLP_ENDPOINT is set.
- Errors: reported by app.main when configured (docs/operations.md).
"""

import sys

from fastapi import FastAPI

from app.api.deps import engine
from app.core.config import Settings, settings
from app.core.logs import configure_logging
from app.core.request_log import Observer, RequestObservationMiddleware

METRICS_PATH = "/metrics"


def setup_observability(app: FastAPI, config: Settings = settings) -> None:
    json_logs = config.LOG_FORMAT == "json" or (
        config.LOG_FORMAT is None and config.ENVIRONMENT != "local"
    )

    def configure() -> None:
        configure_logging(json=json_logs, level=config.LOG_LEVEL)

    # Now for import-time messages, and again when the server starts the app:
    # `fastapi run` imports the app before uvicorn applies its own log config.
    configure()
    observers: list[Observer] = []
    if config.METRICS_ENABLED:
        observers.append(_serve_metrics(app, config))
    if config.OTEL_EXPORTER_OTLP_ENDPOINT:
        from app.core import tracing

        provider = tracing.otlp_tracer_provider(
            endpoint=config.OTEL_EXPORTER_OTLP_ENDPOINT, service_name=config.OTEL_SERVICE_NAME
        )
        tracing.instrument(app, engine, provider)
    # Added last, so it is the outermost of our middleware and times them all.
    app.add_middleware(RequestObservationMiddleware, observers=observers, on_startup=configure)


def _serve_metrics(app: FastAPI, config: Settings) -> Observer:
    from app.core.metrics import AppMetrics, metrics_endpoint

    if config.ENVIRONMENT != "local" and not config.METRICS_TOKEN:
        sys.exit(
            "Configuration error: METRICS_ENABLED outside local development needs "
            "METRICS_TOKEN, so that /metrics is never public"
        )
    metrics = AppMetrics({"app": engine})
    # region capability: background_jobs
    if config.JOBS_ENABLED and config.jobs_worker_in_process:
        # The worker runs in this process: no port of its own serves its figures.
        from app.jobs.metrics import registry as job_registry

        metrics.include(job_registry)
    # endregion capability: background_jobs
    app.add_route(
        METRICS_PATH,
        metrics_endpoint(metrics, token=config.METRICS_TOKEN),
        methods=["GET"],
        include_in_schema=False,
    )
    return metrics.observe
