"""OpenTelemetry spans for requests and SQL, exported over OTLP/HTTP.

Off unless OTEL_EXPORTER_OTLP_ENDPOINT is set; the instrumentation is then
added to the app and the engine, so disabled tracing costs nothing.
"""

from fastapi import FastAPI
from opentelemetry import propagate, trace
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor
from opentelemetry.instrumentation.sqlalchemy import SQLAlchemyInstrumentor
from opentelemetry.sdk.resources import SERVICE_NAME, Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor
from sqlalchemy.ext.asyncio import AsyncEngine

# Probes and scrapes would drown the interesting traces.
EXCLUDED_URLS = "utils/health-check,utils/ready,metrics"


def otlp_tracer_provider(*, endpoint: str, service_name: str) -> TracerProvider:
    provider = TracerProvider(resource=Resource.create({SERVICE_NAME: service_name}))
    exporter = OTLPSpanExporter(endpoint=f"{endpoint.rstrip('/')}/v1/traces")
    provider.add_span_processor(BatchSpanProcessor(exporter))
    return provider


_provider: TracerProvider | None = None


def use_provider(provider: TracerProvider) -> None:
    """The provider that spans outside the instrumented app (a job's) use."""
    global _provider  # set once, when tracing is turned on
    _provider = provider


def tracer(name: str) -> trace.Tracer:
    """A tracer of the configured provider; without one, a no-op tracer."""
    return (_provider or trace.NoOpTracerProvider()).get_tracer(name)


def instrument(app: FastAPI, engine: AsyncEngine, provider: TracerProvider) -> None:
    use_provider(provider)
    FastAPIInstrumentor.instrument_app(app, tracer_provider=provider, excluded_urls=EXCLUDED_URLS)
    # The instrumentation declares support up to SQLAlchemy 2.0 only; it hooks
    # engine events that 2.1 keeps unchanged (the tracing test proves it).
    SQLAlchemyInstrumentor().instrument(
        engines=[engine.sync_engine],
        tracer_provider=provider,
        skip_dep_check=True,
    )


def current_traceparent() -> str | None:
    """The W3C `traceparent` of the current span, if one is being traced."""
    carrier: dict[str, str] = {}
    propagate.inject(carrier)
    return carrier.get("traceparent")
