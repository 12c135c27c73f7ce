"""Prometheus metrics: requests by route template and status, their latency,
and the database pool's usage. Served at /metrics when METRICS_ENABLED.

Each worker process counts its own requests. With several workers per
container, set PROMETHEUS_MULTIPROC_DIR to an empty directory so that the
workers share their counts (prometheus_client's multiprocess mode).
"""

import hmac
import os
from collections.abc import Awaitable, Callable, Iterator, Mapping
from typing import ClassVar

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.pool import Pool
from starlette.requests import Request
from starlette.responses import Response

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class PoolCollector(Collector):
    """Read at scrape time, so the request path pays nothing for it. One
    series per pool, labelled by its name; engines that share a pool are
    reported once, under the first name."""

    # Each figure's documentation, and the SQLAlchemy QueuePool method behind it.
    FIGURES: ClassVar[dict[str, tuple[str, str]]] = {
        "db_pool_size": ("Connections the pool keeps open", "size"),
        "db_pool_checked_out": ("Connections in use by requests", "checkedout"),
        "db_pool_overflow": ("Connections opened beyond the pool size", "overflow"),
    }

    def __init__(self, engines: Mapping[str, AsyncEngine]) -> None:
        pools: dict[Pool, str] = {}
        for name, engine in engines.items():
            pools.setdefault(engine.sync_engine.pool, name)
        self.pools = [(name, pool) for pool, name in pools.items()]

    def _figures(self) -> Iterator[tuple[str, dict[str, float]]]:
        for name, pool in self.pools:
            yield (
                name,
                {
                    metric: float(reader())
                    for metric, (_, method) in self.FIGURES.items()
                    if callable(reader := getattr(pool, method, None))
                },
            )

    def collect(self) -> Iterator[Metric]:
        families = {
            metric: GaugeMetricFamily(metric, documentation, labels=["pool"])
            for metric, (documentation, _) in self.FIGURES.items()
        }
        for name, figures in self._figures():
            for metric, value in figures.items():
                families[metric].add_metric([name], value)
        yield from (family for family in families.values() if family.samples)


class AppMetrics:
    def __init__(self, engines: Mapping[str, AsyncEngine]) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "http_requests_total",
            "HTTP requests by method, route template and status",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "http_request_duration_seconds",
            "Time from request to response, by method and route template",
            ["method", "route"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.registry.register(PoolCollector(engines))

    def include(self, registry: CollectorRegistry) -> None:
        """Expose another registry's figures at the same endpoint."""
        self.registry.register(registry)  # a registry is a collector of its metrics

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        self.requests.labels(method, route, str(status)).inc()
        self.latency.labels(method, route).observe(seconds)

    def exposition_registry(self) -> CollectorRegistry:
        if "PROMETHEUS_MULTIPROC_DIR" not in os.environ:
            return self.registry
        merged = CollectorRegistry()
        multiprocess.MultiProcessCollector(merged)  # type: ignore[no-untyped-call]  # untyped upstream
        return merged


def metrics_endpoint(
    metrics: AppMetrics, *, token: str | None
) -> Callable[[Request], Awaitable[Response]]:
    expected = f"Bearer {token}".encode() if token else None

    async def endpoint(request: Request) -> Response:
        if expected is not None:
            given = request.headers.get("authorization", "").encode()
            if not hmac.compare_digest(given, expected):
                return Response(status_code=401, headers={"WWW-Authenticate": "Bearer"})
        body = generate_latest(metrics.exposition_registry())
        return Response(body, media_type=CONTENT_TYPE_LATEST)

    return endpoint
