"""A job's span links to the trace of the request that enqueued it."""

from collections.abc import Iterator
from contextlib import contextmanager

from opentelemetry import trace
from opentelemetry.trace import Link
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

from app.core import tracing


@contextmanager
def job_span(kind: str, traceparent: str | None) -> Iterator[None]:
    links = []
    if traceparent:
        context = TraceContextTextMapPropagator().extract({"traceparent": traceparent})
        origin = trace.get_current_span(context).get_span_context()
        if origin.is_valid:
            links.append(Link(origin))
    with tracing.tracer("app.jobs").start_as_current_span(f"job {kind}", links=links):
        yield
