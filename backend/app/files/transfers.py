"""Uploads and downloads streamed through the API have slots of their own.

A request's turn at the database (app.core.db.ConnectionQueue) is lent while
an upload's body arrives, and a download holds none: slow transfers never
keep other requests from the database. What bounds them instead is this
count, per process: past FILES_MAX_CONCURRENT_TRANSFERS, a new transfer is
refused at once with a 503 and Retry-After rather than queued, since a
client that waits holds a connection and memory all the same.
"""

import weakref
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager

from app.core.config import settings
from app.core.errors import ServiceUnavailable

RETRY_AFTER_SECONDS = 5


class TransfersBusy(ServiceUnavailable):
    detail = "Too many uploads and downloads are under way; try again in a moment"

    def __init__(self) -> None:
        super().__init__(headers={"Retry-After": str(RETRY_AFTER_SECONDS)})


class TransferSlots:
    """A count of transfers under way; the limit is read at each start, so
    that a change of the setting (in a test) applies to the next one."""

    def __init__(self) -> None:
        self.in_use = 0

    def take(self) -> "Slot":
        if self.in_use >= settings.FILES_MAX_CONCURRENT_TRANSFERS:
            raise TransfersBusy()
        self.in_use += 1
        return Slot(self)


class Slot:
    """One transfer's slot; giving it back twice gives it back once."""

    def __init__(self, slots: TransferSlots) -> None:
        self._slots = slots
        self._held = True

    def give_back(self) -> None:
        if self._held:
            self._held = False
            self._slots.in_use -= 1


transfers = TransferSlots()


@contextmanager
def transfer_slot() -> Iterator[None]:
    """A slot for the block; TransfersBusy if none is free."""
    slot = transfers.take()
    try:
        yield
    finally:
        slot.give_back()


class SlotHeldStream:
    """A download's chunks, holding a slot until they are all sent, the
    stream fails, or the response is dropped unfinished (a client that went
    away): the server stops iterating then, so the slot is given back when
    the stream is collected."""

    def __init__(self, chunks: AsyncIterator[bytes]) -> None:
        self._chunks = chunks
        slot = transfers.take()
        self._give_back = weakref.finalize(self, slot.give_back)

    def __aiter__(self) -> "SlotHeldStream":
        return self

    async def __anext__(self) -> bytes:
        try:
            return await anext(self._chunks)
        except BaseException:
            self._give_back()
            raise
