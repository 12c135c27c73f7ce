"""The server's event loop: uvloop, with listening sockets that accept every
waiting connection when they become readable.

Since libuv 1.45 (which uvloop bundles) a listening socket accepts one
connection per turn of the event loop. A turn lasts as long as the callbacks
that are ready take to run, so on a busy server a burst of new connections
trickles in one per turn: 256 clients connecting at once to one loaded
worker waited up to five seconds before their first request was even read,
while asyncio's own loop, which accepts in a batch, answered them all within
a quarter of a second at the same throughput. This loop keeps uvloop for
everything else and accepts the way asyncio does, in batches.

A socket shared by several worker processes (uvicorn binds it in the parent
and hands it to each worker) gets small batches: with large ones, the first
worker to wake took a whole burst of keep-alive connections, and one worker
ran at 98% CPU beside another at 14% for the rest of the load.

uvicorn takes it with `--loop app.core.server_loop:new_event_loop`
(`python -m app.serve` passes it).
"""

import asyncio
import errno
import logging
import socket
from collections.abc import Callable
from typing import Any

import uvloop

logger = logging.getLogger(__name__)

# Connections accepted per wake-up of a listening socket the process owns,
# and of one shared with other worker processes.
ACCEPT_BATCH = 64
SHARED_ACCEPT_BATCH = 4
# After running out of file descriptors, wait this long before accepting again.
ACCEPT_RETRY_SECONDS = 1.0
# Failures that concern one connection only, which the client already gave up.
_CONNECTION_GONE = frozenset({errno.ECONNABORTED, errno.EPROTO, errno.EPERM})

ProtocolFactory = Callable[[], asyncio.BaseProtocol]


class BatchAcceptServer(asyncio.AbstractServer):
    """Serves `protocol_factory` on already listening sockets."""

    def __init__(
        self,
        loop: asyncio.AbstractEventLoop,
        sockets: list[socket.socket],
        protocol_factory: ProtocolFactory,
        *,
        batch: int,
    ) -> None:
        self._loop = loop
        self._sockets = sockets
        self._protocol_factory = protocol_factory
        self._batch = batch
        self._serving = False
        self._closed = asyncio.Event()

    @property
    def sockets(self) -> tuple[socket.socket, ...]:
        return tuple(self._sockets)

    def get_loop(self) -> asyncio.AbstractEventLoop:
        return self._loop

    def is_serving(self) -> bool:
        return self._serving

    async def start_serving(self) -> None:
        self._start()

    async def serve_forever(self) -> None:
        self._start()
        await self._closed.wait()

    def close(self) -> None:
        if self._closed.is_set():
            return
        self._stop()
        for listener in self._sockets:
            listener.close()
        self._closed.set()

    async def wait_closed(self) -> None:
        await self._closed.wait()

    def _start(self) -> None:
        if self._serving or self._closed.is_set():
            return
        self._serving = True
        for listener in self._sockets:
            self._loop.add_reader(listener.fileno(), self._accept, listener)

    def _stop(self) -> None:
        if not self._serving:
            return
        self._serving = False
        for listener in self._sockets:
            self._loop.remove_reader(listener.fileno())

    def _accept(self, listener: socket.socket) -> None:
        for _ in range(self._batch):
            try:
                connection, _address = listener.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError as error:
                if error.errno in _CONNECTION_GONE:
                    continue
                # Out of file descriptors or buffers: pause instead of spinning.
                logger.warning("accepting connections paused: %s", error)
                self._stop()
                self._loop.call_later(ACCEPT_RETRY_SECONDS, self._start)
                return
            self._loop.create_task(self._serve(connection))

    async def _serve(self, connection: socket.socket) -> None:
        connection.setblocking(False)
        if connection.family in (socket.AF_INET, socket.AF_INET6):
            connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            await self._loop.connect_accepted_socket(self._protocol_factory, connection)
        except OSError:
            connection.close()


class BatchAcceptLoop(uvloop.Loop):
    async def create_server(  # type: ignore[override]  # narrower than asyncio's signature, see below
        self,
        protocol_factory: ProtocolFactory,
        host: str | None = None,
        port: int | None = None,
        *,
        sock: socket.socket | None = None,
        backlog: int = 100,
        ssl: Any = None,
        **kwargs: Any,
    ) -> asyncio.AbstractServer:
        """TCP servers on plain sockets accept in batches; anything else
        (TLS, options uvicorn does not use) is served by uvloop itself."""
        if ssl is not None or kwargs:
            if sock is not None:
                return await super().create_server(
                    protocol_factory, sock=sock, backlog=backlog, ssl=ssl, **kwargs
                )
            return await super().create_server(
                protocol_factory, host, port or 0, backlog=backlog, ssl=ssl, **kwargs
            )
        # uvicorn passes a socket when it runs several workers on it.
        batch = SHARED_ACCEPT_BATCH if sock is not None else ACCEPT_BATCH
        if sock is None:
            address = host if host is not None else "0.0.0.0"  # noqa: S104  # asyncio's default
            family = socket.AF_INET6 if ":" in address else socket.AF_INET
            sock = socket.create_server((address, port or 0), family=family, backlog=backlog)
        else:
            sock.listen(backlog)
        sock.setblocking(False)
        server = BatchAcceptServer(self, [sock], protocol_factory, batch=batch)
        server._start()
        return server


def new_event_loop() -> asyncio.AbstractEventLoop:
    return BatchAcceptLoop()
