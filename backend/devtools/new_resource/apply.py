"""Writing a plan, then what only the project's own tools can produce: the
formatting, the migration, the API client and the route tree (the last two
only in a project with the dashboard). When a step fails, every file goes
back to what it was."""

import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg

from devtools.new_resource.render import Plan
from devtools.new_resource.repo import Paths
from devtools.new_resource.spec import Resource

POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


class StepFailed(Exception):
    """A tool refused the generated code; the message says which and shows why."""


def write(plan: Plan) -> None:
    for path, text in plan.changed.items():
        path.write_text(text)
    for path, text in plan.created.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def log(message: str) -> None:
    print(f"new-resource: {message}", file=sys.stderr, flush=True)


def run(command: list[str], *, cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(  # noqa: S603  # our own tools, arguments we built
        command, cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip()
        tail = "\n".join(output.splitlines()[-40:])
        raise StepFailed(f"{' '.join(command[:4])} failed:\n{tail}")
    return result.stdout


class Snapshot:
    """What the tools rewrite wholesale (the client, the route tree) and what
    the plan changes, kept to restore on failure."""

    def __init__(self, paths: Paths, plan: Plan) -> None:
        self.paths = paths
        self.plan = plan
        self.client = paths.frontend / "src" / "client"
        self.route_tree = paths.frontend / "src" / "routeTree.gen.ts"
        self.files = {p: p.read_bytes() for p in self.client.rglob("*") if p.is_file()}
        self.route_tree_text = self.route_tree.read_bytes() if self.route_tree.exists() else None
        self.migrations = set(paths.versions.glob("*.py"))

    def restore(self) -> None:
        for path, text in self.plan.originals.items():
            path.write_text(text)
        for path in self.plan.created:
            path.unlink(missing_ok=True)
        for folder in {p.parent for p in self.plan.created}:
            if folder.exists() and not any(folder.iterdir()):
                folder.rmdir()
        for path in set(self.paths.versions.glob("*.py")) - self.migrations:
            path.unlink()
        shutil.rmtree(self.client, ignore_errors=True)
        for path, data in self.files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        if self.route_tree_text is not None:
            self.route_tree.write_bytes(self.route_tree_text)


def finish(paths: Paths, resource: Resource, plan: Plan) -> Path:
    """Format, migrate, regenerate; returns the new migration."""
    venv_bin = Path(sys.executable).parent
    python_files = [str(p) for p in [*plan.changed, *plan.created] if p.suffix == ".py"]
    log("formatting the Python files (ruff)")
    ruff = str(venv_bin / "ruff")
    run([ruff, "check", "--quiet", "--select", "I", "--fix", *python_files], cwd=paths.backend)
    run([ruff, "format", "--quiet", *python_files], cwd=paths.backend)
    migration = autogenerate_migration(paths, resource)
    if not paths.has_dashboard:
        log("no frontend/: no API client, route tree or pages to write")
        return migration
    log("regenerating the API client (scripts/generate-client.sh)")
    run(["bash", str(paths.root / "scripts" / "generate-client.sh")], cwd=paths.root)
    log("regenerating the route tree (npm run routes)")
    run(["npm", "run", "--silent", "routes"], cwd=paths.frontend)
    ts_files = [str(p) for p in [*plan.changed, *plan.created] if p.suffix in (".ts", ".tsx")]
    log("formatting the TypeScript files (biome)")
    run(["node_modules/.bin/biome", "check", "--write", *ts_files], cwd=paths.frontend)
    return migration


def autogenerate_migration(paths: Paths, resource: Resource) -> Path:
    """See migrate.py; SQLite always, PostgreSQL when it answers."""
    names = resource.names
    environment = {
        **os.environ,
        "ENV_FILE": "",
        "ENVIRONMENT": "local",
        "SECRET_KEY": secrets.token_urlsafe(32),
        "FIRST_SUPERUSER_PASSWORD": secrets.token_urlsafe(16),
    }
    with tempfile.TemporaryDirectory() as scratch, scratch_postgres() as postgres_url:
        engines = "SQLite and PostgreSQL" if postgres_url else "SQLite"
        if postgres_url is None:
            log(f"PostgreSQL does not answer at {POSTGRES_URL}: the migration is tried on SQLite")
        log(f"autogenerating the migration, then up, down and up again on {engines}")
        command = [sys.executable, "-m", "devtools.new_resource.migrate", names.table]
        command += [f"add {names.human_plural}", scratch, *([postgres_url] if postgres_url else [])]
        output = run(command, cwd=paths.backend, env=environment)
    return Path(output.strip().splitlines()[-1])


@contextmanager
def scratch_postgres() -> Iterator[str | None]:
    """A new database on the local PostgreSQL, dropped afterwards; None when
    there is no server to ask."""
    try:
        admin = psycopg.connect(POSTGRES_URL, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError:
        yield None
        return
    name = f"new_resource_{secrets.token_hex(6)}"
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield f"{POSTGRES_URL.rsplit('/', 1)[0]}/{name}"
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
