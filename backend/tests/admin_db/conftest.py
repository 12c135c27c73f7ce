"""The panel's sessions inside the test's transaction."""

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncConnection

from app.admin_db.sessions import sessions


@pytest.fixture
async def panel(connection: AsyncConnection, client: AsyncClient) -> AsyncClient:
    """The app's client, with the panel's sessions in the test's transaction."""
    sessions.use(connection, join_transaction_mode="create_savepoint")
    return client
