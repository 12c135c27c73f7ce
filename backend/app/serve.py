"""The production server: `python -m app.serve [APP] [--host H] [--port P] [--workers N]
[--server granian|uvicorn]`.

Both servers run with their stock event loop choice (uvloop), no access log
(the app writes one richer line per request itself) and WEB_CONCURRENCY
worker processes. The Docker image, the benchmark and the failure tests all
start the API with this command, so what is measured is what runs;
docs/operations.md gives the figures behind the default server.
"""

import argparse
import os
from collections.abc import Callable

DEFAULT_APP = "app.main:app"


def serve_with_uvicorn(arguments: argparse.Namespace) -> None:
    import uvicorn

    uvicorn.run(
        arguments.app,
        host=arguments.host,
        port=arguments.port,
        workers=arguments.workers,
        loop="uvloop",
        http="httptools",
        proxy_headers=True,
        forwarded_allow_ips=os.environ.get("FORWARDED_ALLOW_IPS"),
        access_log=False,
    )


def serve_with_granian(arguments: argparse.Namespace) -> None:
    from granian.constants import Interfaces, Loops
    from granian.server import Server

    Server(
        arguments.app,
        address=arguments.host,
        port=arguments.port,
        interface=Interfaces.ASGI,
        workers=arguments.workers,
        loop=Loops.uvloop,
        log_access=False,
    ).serve()


SERVERS: dict[str, Callable[[argparse.Namespace], None]] = {
    "uvicorn": serve_with_uvicorn,
    "granian": serve_with_granian,
}
DEFAULT_SERVER = "uvicorn"


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m app.serve", description=__doc__)
    parser.add_argument("app", nargs="?", default=DEFAULT_APP, help="ASGI app import string")
    parser.add_argument("--host", default="0.0.0.0")  # noqa: S104  # inside a container
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument(
        "--workers",
        type=int,
        default=int(os.environ.get("WEB_CONCURRENCY", "1")),
        help="worker processes (default: WEB_CONCURRENCY, else 1)",
    )
    parser.add_argument("--server", choices=sorted(SERVERS), default=DEFAULT_SERVER)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    arguments = parse_arguments(argv)
    SERVERS[arguments.server](arguments)


if __name__ == "__main__":
    main()
