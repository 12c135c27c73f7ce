"""The dashboard runs under the Content-Security-Policy of frontend/nginx.conf.

Builds the frontend for a local API, serves the build with nginx and the real
configuration (as the production image does), starts a backend on a fresh
SQLite database, and lets Chromium log in and open each main page while
csp_browse.mjs collects policy violations.

Usage: check_csp.py NGINX_BINARY
Run from the repository root; needs frontend/node_modules and Chromium.
Exits 1 when the browser reports a violation or anything fails to start.
"""

import os
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from check_nginx import free_port, main_config, render

REPO_ROOT = Path(__file__).resolve().parents[2]
FRONTEND = REPO_ROOT / "frontend"
BACKEND = REPO_ROOT / "backend"
STARTUP_TIMEOUT_SECONDS = 60


def wait_for(url: str, process: subprocess.Popen[bytes], name: str) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{name} exited with status {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.3)
    raise SystemExit(f"{name} did not answer within {STARTUP_TIMEOUT_SECONDS}s")


@contextmanager
def running(
    command: list[str], cwd: Path, env: dict[str, str], log: Path
) -> Iterator[subprocess.Popen[bytes]]:
    with log.open("w") as output:
        process = subprocess.Popen(
            command, cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT
        )
        try:
            yield process
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def build_frontend(api_url: str, out_dir: Path) -> None:
    started = time.monotonic()
    subprocess.run(
        [
            "npx",
            "--no-install",
            "vite",
            "build",
            "--outDir",
            str(out_dir),
            "--emptyOutDir",
            "--logLevel",
            "error",
        ],
        cwd=FRONTEND,
        env={**os.environ, "VITE_API_URL": api_url},
        check=True,
    )
    print(f"frontend built for {api_url} in {time.monotonic() - started:.0f}s")


def main(nginx: str) -> int:
    nginx = str(Path(nginx).resolve()) if os.sep in nginx else nginx
    api_port, web_port = free_port(), free_port()
    api_url, web_url = f"http://localhost:{api_port}", f"http://localhost:{web_port}"
    email, password = "csp-admin@example.com", secrets.token_urlsafe(16)
    with ExitStack() as stack:
        work = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        build_frontend(api_url, work / "dist")

        backend_env = {
            **os.environ,
            "ENVIRONMENT": "local",
            "DATABASE_URL": f"sqlite:///{work / 'app.db'}",
            "SECRET_KEY": secrets.token_hex(32),
            "FIRST_SUPERUSER": email,
            "FIRST_SUPERUSER_PASSWORD": password,
            "FRONTEND_HOST": web_url,
            "BACKEND_CORS_ORIGINS": web_url,
            "RATE_LIMIT_ENABLED": "false",
            "SMTP_HOST": "127.0.0.1",
            "SMTP_PORT": str(free_port()),
        }
        subprocess.run(
            ["bash", "scripts/prestart.sh"],
            cwd=BACKEND,
            env=backend_env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        backend = stack.enter_context(
            running(
                [
                    "uv",
                    "run",
                    "--frozen",
                    "fastapi",
                    "run",
                    "app/main.py",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(api_port),
                ],
                BACKEND,
                backend_env,
                work / "backend.log",
            )
        )
        wait_for(f"http://127.0.0.1:{api_port}/api/v1/utils/health-check/", backend, "backend")

        server_config = work / "default.conf"
        server_config.write_text(
            render((FRONTEND / "nginx.conf").read_text(), api_url, web_port).replace(
                "/usr/share/nginx/html", str(work / "dist")
            )
        )
        (work / "nginx.conf").write_text(main_config(work, server_config))
        web = stack.enter_context(
            running(
                [nginx, "-p", str(work), "-c", str(work / "nginx.conf"), "-g", "daemon off;"],
                work,
                dict(os.environ),
                work / "nginx.log",
            )
        )
        wait_for(f"http://127.0.0.1:{web_port}/", web, "nginx")

        browse = subprocess.run(
            [
                "node",
                str(Path(__file__).with_name("csp_browse.mjs")),
                str(FRONTEND),
                web_url,
                email,
                password,
            ],
            check=False,
        )
        if browse.returncode != 0:
            print("--- last lines of the backend's log")
            print("\n".join((work / "backend.log").read_text().splitlines()[-15:]))
        return browse.returncode


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
