"""Two backend processes on one PostgreSQL behave as one backend.

This is what running several replicas behind Traefik relies on: no state that
matters lives in a process. The script creates a fresh database, runs the
prestart step once, starts two `fastapi run` processes on free ports, and checks
that sessions, revocations and the login rate limit are shared between them,
and that nothing another request may change (who may do what) is kept in a
process.
The database is dropped and the processes stopped at the end, pass or fail.

Run from backend/ with its environment: uv run python ../scripts/deploy-checks/scaling_check.py
POSTGRES_ADMIN_URL (default postgresql://postgres@127.0.0.1:5432/postgres) names
the server; the script needs the right to create databases there.
"""

import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx
import psycopg

BACKEND_DIR = Path(__file__).resolve().parents[2] / "backend"
ADMIN_URL = os.environ.get("POSTGRES_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
API = "/api/v1"
SUPERUSER = "scaling-admin@example.com"
SUPERUSER_PASSWORD = secrets.token_urlsafe(16)
LOGIN_FAILURES_ALLOWED = 5
STARTUP_TIMEOUT_SECONDS = 60


@dataclass(frozen=True)
class Backend:
    name: str
    url: str
    database: str


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def database_url(name: str) -> str:
    parts = urlsplit(ADMIN_URL)
    return urlunsplit(parts._replace(path=f"/{name}"))


@contextmanager
def fresh_database() -> Iterator[str]:
    name = f"scaling_{secrets.token_hex(6)}"
    with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    print(f"database {name} created")
    try:
        yield database_url(name)
    finally:
        with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        print(f"database {name} dropped")


def backend_environment(url: str) -> dict[str, str]:
    """Everything the processes share, as replicas share one .env."""
    return {
        **os.environ,
        "ENVIRONMENT": "local",
        "DATABASE_URL": url,
        # Explicit, so that no process falls back to the checkout's backend/data/ key.
        "SECRET_KEY": secrets.token_hex(32),
        "FIRST_SUPERUSER": SUPERUSER,
        "FIRST_SUPERUSER_PASSWORD": SUPERUSER_PASSWORD,
        "RATE_LIMIT_ENABLED": "true",
        "LOGIN_FAILURES_PER_ACCOUNT": str(LOGIN_FAILURES_ALLOWED),
        # No grace for an interrupted rotation: a replay right away must be refused.
        "REFRESH_TOKEN_REUSE_GRACE_SECONDS": "0",
        # Counters in the database, not Redis: this run shows PostgreSQL is enough.
        "REDIS_URL": "",
        # Any mail goes to a closed port instead of the developer's mail catcher.
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(free_port()),
    }


@contextmanager
def running_backend(name: str, environment: dict[str, str], log_dir: Path) -> Iterator[Backend]:
    port = free_port()
    fastapi = Path(sys.executable).with_name("fastapi")
    log = (log_dir / f"{name}.log").open("w")
    command = [str(fastapi), "run", "app/main.py", "--host", "127.0.0.1", "--port", str(port)]
    process = subprocess.Popen(
        command, cwd=BACKEND_DIR, env=environment, stdout=log, stderr=subprocess.STDOUT
    )
    backend = Backend(name, f"http://127.0.0.1:{port}", environment["DATABASE_URL"])
    try:
        wait_until_healthy(backend, process)
        print(f"backend {name} (pid {process.pid}) answering on port {port}")
        yield backend
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def wait_until_healthy(backend: Backend, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"backend {backend.name} exited with status {process.returncode}")
        try:
            if httpx.get(f"{backend.url}{API}/utils/health-check/", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"backend {backend.name} did not answer within {STARTUP_TIMEOUT_SECONDS}s")


def login(backend: Backend, email: str, password: str) -> httpx.Response:
    return httpx.post(
        f"{backend.url}{API}/login/access-token",
        data={"username": email, "password": password},
        params={"include_refresh_token": "true"},
        timeout=30,
    )


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def me(backend: Backend, token: str) -> httpx.Response:
    return httpx.get(f"{backend.url}{API}/users/me", headers=bearer(token), timeout=10)


def check_login_on_a_works_on_b(a: Backend, b: Backend) -> str:
    token = login(a, SUPERUSER, SUPERUSER_PASSWORD).raise_for_status().json()["access_token"]
    answer = me(b, token)
    assert answer.status_code == 200, f"B answered {answer.status_code}: {answer.text}"
    assert answer.json()["email"] == SUPERUSER, answer.text
    return "token issued by A accepted by B (200)"


def check_refresh_on_b_of_a_session(a: Backend, b: Backend) -> str:
    refresh = login(a, SUPERUSER, SUPERUSER_PASSWORD).raise_for_status().json()["refresh_token"]
    rotated = httpx.post(f"{b.url}{API}/login/refresh", json={"refresh_token": refresh}, timeout=10)
    assert rotated.status_code == 200, f"B answered {rotated.status_code}: {rotated.text}"
    reused = httpx.post(f"{a.url}{API}/login/refresh", json={"refresh_token": refresh}, timeout=10)
    assert reused.status_code == 401, (
        f"A accepted a refresh token B had rotated: {reused.status_code}"
    )
    return "refresh token from A rotated by B (200), its reuse on A refused (401)"


def check_logout_on_b_revokes_on_a(a: Backend, b: Backend) -> str:
    token = login(a, SUPERUSER, SUPERUSER_PASSWORD).raise_for_status().json()["access_token"]
    assert me(a, token).status_code == 200, "A refused its own fresh token"
    logout = httpx.post(f"{b.url}{API}/login/logout", headers=bearer(token), timeout=10)
    assert logout.status_code == 200, f"logout on B answered {logout.status_code}: {logout.text}"
    after = me(a, token)
    assert after.status_code == 401, (
        f"A still accepts the token after logout on B: {after.status_code}"
    )
    return "logout on B, then the same token on A: 401"


def check_rate_limit_spans_both(a: Backend, b: Backend) -> str:
    admin_token = login(a, SUPERUSER, SUPERUSER_PASSWORD).raise_for_status().json()["access_token"]
    email = f"target-{secrets.token_hex(4)}@example.com"
    created = httpx.post(
        f"{a.url}{API}/users/",
        headers=bearer(admin_token),
        json={"email": email, "password": secrets.token_urlsafe(16)},
        timeout=30,
    )
    assert created.status_code == 200, (
        f"creating the user answered {created.status_code}: {created.text}"
    )
    statuses = []
    for attempt in range(LOGIN_FAILURES_ALLOWED):
        backend = a if attempt % 2 == 0 else b
        statuses.append(f"{backend.name}:{login(backend, email, 'wrong-password-123').status_code}")
    assert all(s.endswith(":400") for s in statuses), f"failures before the limit: {statuses}"
    blocked = login(b, email, "wrong-password-123")
    statuses.append(f"{b.name}:{blocked.status_code}")
    assert blocked.status_code == 429, f"sixth failure answered {blocked.status_code}: {statuses}"
    assert blocked.headers.get("retry-after"), "429 without Retry-After"
    also_blocked = login(a, email, "wrong-password-123")
    statuses.append(f"{a.name}:{also_blocked.status_code}")
    assert also_blocked.status_code == 429, f"A did not see the limit: {statuses}"
    return f"attempts {' '.join(statuses)}; Retry-After {blocked.headers['retry-after']}s"


def create_user(backend: Backend, admin_token: str, email: str, password: str) -> str:
    created = httpx.post(
        f"{backend.url}{API}/users/",
        headers=bearer(admin_token),
        json={"email": email, "password": password},
        timeout=30,
    )
    assert created.status_code == 200, (
        f"creating the user answered {created.status_code}: {created.text}"
    )
    user_id: str = created.json()["id"]
    return user_id


# region capability: organizations
def check_membership_changes_on_a_count_on_b(a: Backend, b: Backend) -> str:
    """No process keeps a copy of who may do what in an organization."""
    admin_token = login(a, SUPERUSER, SUPERUSER_PASSWORD).raise_for_status().json()["access_token"]
    email, password = f"member-{secrets.token_hex(4)}@example.com", secrets.token_urlsafe(16)
    member_id = create_user(a, admin_token, email, password)
    organization = (
        httpx.post(
            f"{a.url}{API}/orgs/", headers=bearer(admin_token), json={"name": "Shared"}, timeout=10
        )
        .raise_for_status()
        .json()["id"]
    )
    # Joining takes an emailed invitation; the member is added directly instead.
    with psycopg.connect(a.database.replace("+psycopg", ""), autocommit=True) as db:
        db.execute(
            "INSERT INTO membership (organization_id, user_id, role, created_at)"
            " VALUES (%s, %s, 'admin', now())",
            (organization, member_id),
        )
    member = bearer(login(b, email, password).raise_for_status().json()["access_token"])
    # Pending invitations are for Admins and Owners; the member list for everyone in it.
    invitations = f"{b.url}{API}/orgs/{organization}/invitations/"
    members_on_b = f"{b.url}{API}/orgs/{organization}/members/"
    membership = f"{a.url}{API}/orgs/{organization}/members/{member_id}"
    read = httpx.get(invitations, headers=member, timeout=10)
    steps = [f"Admin, B reads invitations {read.status_code}"]
    assert steps == ["Admin, B reads invitations 200"], f"{steps}: {read.text}"
    httpx.patch(
        membership, headers=bearer(admin_token), json={"role": "viewer"}, timeout=10
    ).raise_for_status()
    refused = httpx.get(invitations, headers=member, timeout=10)
    steps.append(f"made Viewer on A, B reads invitations {refused.status_code}")
    assert refused.status_code == 403, steps
    httpx.delete(membership, headers=bearer(admin_token), timeout=10).raise_for_status()
    hidden = httpx.get(members_on_b, headers=member, timeout=10)
    steps.append(f"removed on A, B reads members {hidden.status_code}")
    assert hidden.status_code == 404, steps
    return "; ".join(steps)


# endregion capability: organizations


CHECKS: list[tuple[str, Callable[[Backend, Backend], str]]] = [
    ("login on A works on B", check_login_on_a_works_on_b),
    ("refresh rotation is shared", check_refresh_on_b_of_a_session),
    ("logout on B is honoured by A", check_logout_on_b_revokes_on_a),
    ("login rate limit counts attempts on both", check_rate_limit_spans_both),
    # region capability: organizations
    ("a membership changed on A counts on B at once", check_membership_changes_on_a_count_on_b),
    # endregion capability: organizations
]


def prestart(environment: dict[str, str]) -> None:
    started = time.monotonic()
    subprocess.run(
        ["bash", "scripts/prestart.sh"],
        cwd=BACKEND_DIR,
        env=environment,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    print(f"prestart (migrations + first superuser) ran once in {time.monotonic() - started:.1f}s")


def main() -> int:
    failures = 0
    with ExitStack() as stack:
        url = stack.enter_context(fresh_database())
        work_dir = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        environment = backend_environment(url)
        prestart(environment)
        a = stack.enter_context(running_backend("A", environment, work_dir))
        b = stack.enter_context(running_backend("B", environment, work_dir))
        for name, check in CHECKS:
            try:
                detail = check(a, b)
                print(f"ok   {name}: {detail}")
            except (AssertionError, httpx.HTTPError) as error:
                failures += 1
                print(f"FAIL {name}: {error}")
        if failures:
            for log in sorted(work_dir.glob("*.log")):
                print(f"--- last lines of backend {log.stem}'s log")
                print("\n".join(log.read_text().splitlines()[-20:]))
    print(f"scaling: {len(CHECKS) - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
