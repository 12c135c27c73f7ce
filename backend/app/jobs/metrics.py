"""Prometheus figures of the jobs: runs by kind and outcome, their duration,
and the queue's depth by state (refreshed by the worker). A worker process
serves them on JOBS_METRICS_PORT when METRICS_ENABLED."""

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

from app.jobs.models import JobState

DURATION_BUCKETS = (0.01, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0)

registry = CollectorRegistry()
runs = Counter(
    "job_runs_total", "Job attempts by kind and outcome", ["kind", "outcome"], registry=registry
)
failures = Counter("job_failures_total", "Failed job attempts by kind", ["kind"], registry=registry)
duration = Histogram(
    "job_duration_seconds",
    "Time a job attempt took, by kind",
    ["kind"],
    buckets=DURATION_BUCKETS,
    registry=registry,
)
depth = Gauge("job_queue_depth", "Jobs by state", ["state"], registry=registry)


def observe_job(kind: str, outcome: str, seconds: float) -> None:
    runs.labels(kind, outcome).inc()
    duration.labels(kind).observe(seconds)
    if outcome != "succeeded":
        failures.labels(kind).inc()


def set_depth(counts: dict[str, int]) -> None:
    for state in JobState:
        depth.labels(state.value).set(counts.get(state.value, 0))
