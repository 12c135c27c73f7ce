"""Local mail catcher: an SMTP server that keeps every mail it receives and
shows them on a web page and through a JSON API.

    python -m devtools.mailcatcher [--host 127.0.0.1] [--smtp-port 1025] [--http-port 1080]

A port of 0 picks a free one; the URLs printed on start give the real ports.
"""

import argparse
import asyncio
import contextlib
import signal
import socket
from collections.abc import Iterator, Sequence

import uvicorn

from app.core.config import settings
from devtools.mail_store import MailStore
from devtools.smtp_server import start_smtp_server
from devtools.web import create_web_app

# Python 3.12+ waits in Server.wait_closed for idle clients to hang up; an SMTP
# client holding a connection open must not keep the catcher from exiting.
SMTP_CLOSE_TIMEOUT_SECONDS = 2.0


class WebServer(uvicorn.Server):
    """A uvicorn server that leaves SIGINT/SIGTERM to the caller.

    uvicorn's own handling re-raises the signal once it has stopped, which
    would kill the process before the SMTP server is closed.
    """

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m devtools.mailcatcher",
        description="Catch outgoing mail locally and show it on a web page.",
    )
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default: %(default)s)",
    )
    parser.add_argument(
        "--smtp-port",
        type=int,
        default=1025,
        help="SMTP port, 0 for any free one (default: %(default)s)",
    )
    parser.add_argument(
        "--http-port",
        type=int,
        default=1080,
        help="web page and API port, 0 for any free one (default: %(default)s)",
    )
    return parser.parse_args(argv)


def listening_socket(host: str, port: int) -> socket.socket:
    """Bind before serving so that the printed port is the real one, even for port 0."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen()
    return sock


def url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


async def run(host: str, smtp_port: int, http_port: int) -> None:
    store = MailStore()
    smtp_server = await start_smtp_server(store, host=host, port=smtp_port)
    http_socket = listening_socket(host, http_port)
    web_server = WebServer(
        uvicorn.Config(
            create_web_app(store, project_name=settings.PROJECT_NAME),
            lifespan="off",
            access_log=False,
            log_level="warning",
        )
    )

    def request_stop() -> None:
        web_server.should_exit = True

    loop = asyncio.get_running_loop()
    for stop_signal in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(stop_signal, request_stop)

    actual_smtp_port = smtp_server.sockets[0].getsockname()[1]
    actual_http_port = http_socket.getsockname()[1]
    print(f"Mail catcher SMTP: smtp://{url_host(host)}:{actual_smtp_port}", flush=True)
    print(f"Mail catcher inbox: http://{url_host(host)}:{actual_http_port}/", flush=True)
    try:
        await web_server.serve(sockets=[http_socket])
    finally:
        smtp_server.close()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(smtp_server.wait_closed(), SMTP_CLOSE_TIMEOUT_SECONDS)
        http_socket.close()
    print("Mail catcher stopped", flush=True)


def main(argv: Sequence[str] | None = None) -> None:
    arguments = parse_arguments(argv)
    asyncio.run(run(arguments.host, arguments.smtp_port, arguments.http_port))


if __name__ == "__main__":
    main()
