import asyncio
import socket
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from typing import ClassVar

import pytest
import uvloop

from app import serve
from app.core.server_loop import ACCEPT_BATCH, new_event_loop

BURST = 40
assert BURST <= ACCEPT_BATCH


class Echo(asyncio.Protocol):
    connected = 0
    transports: ClassVar[list[asyncio.BaseTransport]] = []

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        Echo.connected += 1
        Echo.transports.append(transport)
        self.transport = transport

    @classmethod
    def close_all(cls) -> None:
        while cls.transports:
            cls.transports.pop().close()

    def data_received(self, data: bytes) -> None:
        self.transport.write(data.upper())  # type: ignore[attr-defined]  # uvloop's transports are not asyncio.Transport subclasses


@contextmanager
def clients(port: int, count: int) -> Iterator[list[socket.socket]]:
    """`count` connections completed by the kernel, waiting to be accepted."""
    with ExitStack() as stack:
        yield [
            stack.enter_context(socket.create_connection(("127.0.0.1", port), timeout=5))
            for _ in range(count)
        ]


def accepted_after_turns(loop_factory: Callable[[], asyncio.AbstractEventLoop], turns: int) -> int:
    async def scenario() -> int:
        Echo.connected = 0
        server = await asyncio.get_running_loop().create_server(Echo, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        with clients(port, BURST):
            for _ in range(turns):
                await asyncio.sleep(0)
            accepted = Echo.connected
        Echo.close_all()
        server.close()
        await asyncio.sleep(0)
        return accepted

    with asyncio.Runner(loop_factory=loop_factory) as runner:
        return runner.run(scenario())


def test_a_burst_of_connections_is_accepted_within_a_few_turns_of_the_loop() -> None:
    assert accepted_after_turns(new_event_loop, turns=5) == BURST


def test_stock_uvloop_accepts_one_connection_per_turn_which_is_why_the_loop_exists() -> None:
    assert accepted_after_turns(uvloop.new_event_loop, turns=5) <= 5


def test_accepted_connections_carry_data_both_ways() -> None:
    async def scenario() -> bytes:
        server = await asyncio.get_running_loop().create_server(Echo, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(b"ping")
        answer = await asyncio.wait_for(reader.readexactly(4), timeout=5)
        writer.close()
        await writer.wait_closed()
        Echo.close_all()
        server.close()
        await server.wait_closed()
        return answer

    with asyncio.Runner(loop_factory=new_event_loop) as runner:
        assert runner.run(scenario()) == b"PING"


def test_a_closed_server_refuses_new_connections() -> None:
    async def scenario() -> int:
        server = await asyncio.get_running_loop().create_server(Echo, "127.0.0.1", 0)
        port: int = server.sockets[0].getsockname()[1]
        server.close()
        await server.wait_closed()
        assert not server.is_serving()
        return port

    with asyncio.Runner(loop_factory=new_event_loop) as runner:
        port = runner.run(scenario())
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=5)


def test_the_production_command_takes_its_worker_count_from_web_concurrency(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    arguments = serve.parse_arguments(["--port", "9000"])
    assert (arguments.app, arguments.port, arguments.workers) == ("app.main:app", 9000, 3)


def test_servers_with_options_it_does_not_handle_are_left_to_uvloop() -> None:
    async def scenario() -> str:
        loop = asyncio.get_running_loop()
        server = await loop.create_server(Echo, "127.0.0.1", 0, reuse_port=True)
        kind = type(server).__name__
        server.close()
        return kind

    with asyncio.Runner(loop_factory=new_event_loop) as runner:
        assert runner.run(scenario()) != "BatchAcceptServer"
