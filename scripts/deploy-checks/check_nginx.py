"""Serve a site with frontend/nginx.conf and check what browsers would receive.

The production image renders the file with envsubst and includes it in nginx's
http block; this script does the same with a local nginx binary, on a free
loopback port, then asks for the pages a browser asks for.

Usage: check_nginx.py NGINX_BINARY NGINX_CONF SITE_DIR API_URL
SITE_DIR is a built dist/ (index.html plus hashed files under assets/).
Prints one line per check and exits 1 when any fails.
"""

import getpass
import grp
import gzip
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

MIME_TYPES = """
types {
    text/html html;
    text/css css;
    application/javascript js mjs;
    application/json json;
    image/svg+xml svg;
    image/png png;
    image/x-icon ico;
    font/woff2 woff2;
}
"""


@dataclass(frozen=True)
class Response:
    status: int
    headers: dict[str, str]
    body: bytes


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def render(template: str, api_url: str, port: int) -> str:
    """What the image's entrypoint does (envsubst of the variables that are set),
    plus a loopback listen address: the container's port 80 is not ours to take."""
    rendered = template.replace("${API_URL}", api_url)
    rendered = rendered.replace("listen 80;", f"listen 127.0.0.1:{port};")
    return rendered.replace("listen [::]:80;", "")


def main_config(workdir: Path, server_config: Path) -> str:
    user, group = getpass.getuser(), grp.getgrgid(os.getgid()).gr_name
    return f"""
user {user} {group};
worker_processes 1;
pid {workdir}/nginx.pid;
error_log {workdir}/error.log warn;
events {{ worker_connections 64; }}
http {{
    {MIME_TYPES}
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {workdir}/body;
    proxy_temp_path {workdir}/proxy;
    fastcgi_temp_path {workdir}/fastcgi;
    uwsgi_temp_path {workdir}/uwsgi;
    scgi_temp_path {workdir}/scgi;
    include {server_config};
}}
"""


def fetch(port: int, path: str, accept_gzip: bool = False) -> Response:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}")
    if accept_gzip:
        request.add_header("Accept-Encoding", "gzip")
    try:
        with urllib.request.urlopen(request, timeout=5) as answer:
            return Response(
                answer.status, {k.lower(): v for k, v in answer.headers.items()}, answer.read()
            )
    except urllib.error.HTTPError as error:
        return Response(error.code, {k.lower(): v for k, v in error.headers.items()}, error.read())


def largest_asset(site: Path, suffix: str) -> str:
    files = sorted((site / "assets").glob(f"*{suffix}"), key=lambda f: f.stat().st_size)
    if not files:
        raise SystemExit(f"no {suffix} file under {site}/assets")
    return f"/assets/{files[-1].name}"


def checks(port: int, site: Path, api_url: str) -> list[tuple[str, Callable[[], bool]]]:
    script = largest_asset(site, ".js")
    index_html = (site / "index.html").read_bytes()

    def shell_for_client_route() -> bool:
        answer = fetch(port, "/admin?page=2")
        return answer.status == 200 and answer.body == index_html

    def index_not_cached() -> bool:
        return fetch(port, "/").headers.get("cache-control") == "no-cache"

    def hashed_assets_cached() -> bool:
        return "immutable" in fetch(port, script).headers.get("cache-control", "")

    def missing_asset_is_404() -> bool:
        return fetch(port, "/assets/does-not-exist-0000.js").status == 404

    def javascript_gzipped() -> bool:
        answer = fetch(port, script, accept_gzip=True)
        plain = (site / script.lstrip("/")).read_bytes()
        return (
            answer.headers.get("content-encoding") == "gzip"
            and gzip.decompress(answer.body) == plain
        )

    def csp_allows_api_only() -> bool:
        policy = fetch(port, "/").headers.get("content-security-policy", "")
        return f"connect-src 'self' {api_url};" in policy and "script-src 'self';" in policy

    def security_headers_everywhere() -> bool:
        wanted = (
            "x-content-type-options",
            "x-frame-options",
            "referrer-policy",
            "content-security-policy",
        )
        answers = [fetch(port, path) for path in ("/", script, "/settings", "/assets/nope.js")]
        return all(all(name in answer.headers for name in wanted) for answer in answers)

    return [
        ("client-side route serves index.html", shell_for_client_route),
        ("index.html is revalidated (no-cache)", index_not_cached),
        ("hashed assets cached for a year (immutable)", hashed_assets_cached),
        ("missing asset is a 404, not the app shell", missing_asset_is_404),
        ("JavaScript is served gzipped", javascript_gzipped),
        ("CSP connect-src names the API origin", csp_allows_api_only),
        ("security headers on every answer, errors included", security_headers_everywhere),
    ]


def main(nginx: str, template: Path, site: Path, api_url: str) -> int:
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        server_config = workdir / "default.conf"
        server_config.write_text(render(template.read_text(), api_url, port))
        (workdir / "nginx.conf").write_text(main_config(workdir, server_config))
        # The template's root is the image's path; point it at the site under test.
        server_config.write_text(
            server_config.read_text().replace("/usr/share/nginx/html", str(site.resolve()))
        )
        command = [nginx, "-p", str(workdir), "-c", str(workdir / "nginx.conf")]
        syntax = subprocess.run([*command, "-t", "-q"], capture_output=True, text=True, check=False)
        if syntax.returncode != 0:
            print(f"FAIL nginx -t: {syntax.stderr.strip()}")
            return 1
        print("ok   nginx -t accepts the configuration")
        server = subprocess.Popen([*command, "-g", "daemon off;"])
        try:
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.1)
            failures = 0
            for name, check in checks(port, site, api_url):
                passed = check()
                failures += not passed
                print(f"{'ok  ' if passed else 'FAIL'} {name}")
            return 1 if failures else 0
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4]))
