"""The production server: `python -m app.serve [APP] [--host H] [--port P] [--workers N]`.

uvicorn with the settings `fastapi run` uses (httptools, proxy headers from
FORWARDED_ALLOW_IPS, WEB_CONCURRENCY workers), plus two of its own:

- the event loop of app.core.server_loop, which accepts a burst of new
  connections at once instead of one per turn of the loop;
- no uvicorn access log: the app writes one richer line per request itself.

The Docker image, the benchmark and the failure tests all start the API
with this command, so what is measured is what runs.
"""

import argparse
import os

import uvicorn

DEFAULT_APP = "app.main:app"
LOOP = "app.core.server_loop:new_event_loop"


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
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    arguments = parse_arguments(argv)
    uvicorn.run(
        arguments.app,
        host=arguments.host,
        port=arguments.port,
        workers=arguments.workers,
        loop=LOOP,
        http="httptools",
        proxy_headers=True,
        forwarded_allow_ips=os.environ.get("FORWARDED_ALLOW_IPS"),
        access_log=False,
    )


if __name__ == "__main__":
    main()
