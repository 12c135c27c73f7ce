"""One transaction per request: an error or a disconnect mid-request leaves
nothing half-written."""

import socket
import time
import uuid
from urllib.parse import urlsplit

import psycopg

from tests_resilience.conftest import StartBackend
from tests_resilience.processes import API, PostgresCluster, login


def test_an_error_after_a_first_write_rolls_the_first_write_back(
    start: StartBackend, running_cluster: PostgresCluster
) -> None:
    backend = start()
    with backend.client() as client:
        headers = {"Authorization": f"Bearer {login(client)}"}
        before = client.get("/users/me", headers=headers).json()["full_name"]
        # The name change is flushed first; the wrong password then fails the request.
        response = client.patch(
            "/users/me",
            headers=headers,
            json={
                "full_name": "Half Written",
                "email": "elsewhere@example.com",
                "current_password": "not-the-password",
            },
        )
        after = client.get("/users/me", headers=headers).json()["full_name"]
    assert response.status_code == 400
    assert after == before


def test_a_client_that_disconnects_mid_request_leaves_all_or_nothing(
    start: StartBackend, running_cluster: PostgresCluster
) -> None:
    backend = start()
    with backend.client() as client:
        token = login(client)
    email = f"gone-{uuid.uuid4().hex[:8]}@example.com"
    body = f'{{"email":"{email}","password":"disconnected-Pa55word"}}'.encode()
    address = urlsplit(backend.url)
    with socket.create_connection((address.hostname, address.port)) as sock:
        sock.sendall(
            f"POST {API}/users/ HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer {token}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n".encode()
            + body
        )
    time.sleep(2)  # whatever the backend does with the request, it has done it
    with psycopg.connect(running_cluster.url) as connection:
        users = connection.execute('SELECT id FROM "user" WHERE email = %s', (email,)).fetchall()
        audits = connection.execute(
            "SELECT count(*) FROM audit_log WHERE action = 'user_created' AND target_user_id = %s",
            (users[0][0] if users else None,),
        ).fetchone()
    assert (len(users), audits[0] if audits else 0) in {(0, 0), (1, 1)}
