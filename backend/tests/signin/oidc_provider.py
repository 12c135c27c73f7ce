"""A real OpenID Connect provider on loopback for the tests: discovery,
authorization (which signs in whoever the test says), token (PKCE checked),
JWKS, and RS256-signed ID tokens. It also answers GitHub's two API calls, so
that the GitHub flow runs against it too. Tests choose what it asserts and
how it misbehaves through `next_login`."""

import base64
import hashlib
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

CLIENT_ID = "test-client"


@dataclass
class Login:
    """Who the next authorization signs in, and what the ID token says."""

    subject: str = field(default_factory=lambda: secrets.token_hex(8))
    email: str | None = None
    email_verified: bool = True
    name: str | None = "Pat Provider"
    # Misbehaviours, each making the ID token untrustworthy in one way.
    nonce: str | None = None  # None: the nonce the client sent
    expires_in: int = 300
    foreign_key: bool = False
    audience: str = CLIENT_ID
    issuer: str | None = None  # None: the provider's own


@dataclass
class Grant:
    login: Login
    nonce: str
    code_challenge: str
    redirect_uri: str


@cache
def signing_key(name: str) -> rsa.RSAPrivateKey:
    """One key per name for the whole run: generating RSA keys is slow."""
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


class OidcProvider:
    def __init__(self, port: int = 0) -> None:
        self.key = signing_key("provider")
        self.foreign = signing_key("someone else")
        self.next_login = Login()
        self.grants: dict[str, Grant] = {}
        self.tokens: dict[str, Grant] = {}
        self.authorize_requests: list[dict[str, str]] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    @property
    def discovery_url(self) -> str:
        return f"{self.url}/.well-known/openid-configuration"

    def start(self) -> "OidcProvider":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # ------------------------------------------------------------ documents
    def discovery(self) -> dict[str, Any]:
        return {
            "issuer": self.url,
            "authorization_endpoint": f"{self.url}/authorize",
            "token_endpoint": f"{self.url}/token",
            "jwks_uri": f"{self.url}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
        }

    def jwks(self) -> dict[str, Any]:
        public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        return {"keys": [{**public, "kid": "main", "use": "sig", "alg": "RS256"}]}

    def id_token(self, grant: Grant) -> str:
        login = grant.login
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": login.issuer or self.url,
            "sub": login.subject,
            "aud": login.audience,
            "iat": now - 5,
            "exp": now + login.expires_in,
            "nonce": grant.nonce if login.nonce is None else login.nonce,
            "email_verified": login.email_verified,
        }
        if login.email is not None:
            claims["email"] = login.email
        if login.name is not None:
            claims["name"] = login.name
        key = self.foreign if login.foreign_key else self.key
        return jwt.encode(claims, key, algorithm="RS256", headers={"kid": "main"})

    # ------------------------------------------------------------ HTTP
    def _handler(self) -> type[BaseHTTPRequestHandler]:
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _json(self, status: int, body: Any) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                parsed = urlparse(self.path)
                query = {k: v[0] for k, v in parse_qs(parsed.query).items()}
                if parsed.path == "/.well-known/openid-configuration":
                    self._json(200, provider.discovery())
                elif parsed.path == "/jwks":
                    self._json(200, provider.jwks())
                elif parsed.path in ("/authorize", "/login/oauth/authorize"):
                    self._authorize(query)
                elif parsed.path == "/user":
                    grant = provider._grant_of_bearer(self.headers.get("Authorization", ""))
                    if grant is None:
                        self._json(401, {"message": "Bad credentials"})
                    else:
                        self._json(
                            200,
                            {"id": int(grant.login.subject, 16) % 10**9, "name": grant.login.name},
                        )
                elif parsed.path == "/user/emails":
                    grant = provider._grant_of_bearer(self.headers.get("Authorization", ""))
                    if grant is None:
                        self._json(401, {"message": "Bad credentials"})
                    else:
                        self._json(
                            200,
                            [
                                {
                                    "email": grant.login.email,
                                    "primary": True,
                                    "verified": grant.login.email_verified,
                                }
                            ],
                        )
                else:
                    self._json(404, {"error": "not_found"})

            def _authorize(self, query: dict[str, str]) -> None:
                provider.authorize_requests.append(query)
                if (
                    query.get("client_id") != CLIENT_ID
                    or query.get("code_challenge_method") != "S256"
                ):
                    self._json(400, {"error": "invalid_request"})
                    return
                code = secrets.token_urlsafe(16)
                provider.grants[code] = Grant(
                    login=provider.next_login,
                    nonce=query.get("nonce", ""),
                    code_challenge=query["code_challenge"],
                    redirect_uri=query["redirect_uri"],
                )
                back = urlencode({"code": code, "state": query.get("state", "")})
                target = f"{query['redirect_uri']}?{back}"
                self.send_response(302)
                self.send_header("Location", target)
                self.end_headers()

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                raw = self.rfile.read(length)
                form = {k: v[0] for k, v in parse_qs(raw.decode()).items()}
                if urlparse(self.path).path == "/next-login":
                    wanted = json.loads(form_body) if (form_body := raw.decode()) else {}
                    provider.next_login = Login(**wanted)
                    self._json(200, {"ok": True})
                    return
                if urlparse(self.path).path not in ("/token", "/login/oauth/access_token"):
                    self._json(404, {"error": "not_found"})
                    return
                grant = provider.grants.pop(form.get("code", ""), None)
                verifier = form.get("code_verifier", "")
                challenge = (
                    base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
                    .rstrip(b"=")
                    .decode()
                )
                if (
                    grant is None
                    or form.get("client_id") != CLIENT_ID
                    or challenge != grant.code_challenge
                    or form.get("redirect_uri") != grant.redirect_uri
                ):
                    self._json(400, {"error": "invalid_grant"})
                    return
                access_token = secrets.token_urlsafe(16)
                provider.tokens[access_token] = grant
                self._json(
                    200,
                    {
                        "access_token": access_token,
                        "token_type": "Bearer",
                        "expires_in": 300,
                        "id_token": provider.id_token(grant),
                    },
                )

        return Handler

    def _grant_of_bearer(self, header: str) -> Grant | None:
        return self.tokens.get(header.removeprefix("Bearer ").removeprefix("token "))


def main() -> None:
    """Serve the provider on a port (the end-to-end tests do); POST a JSON
    Login to /next-login to choose who the next authorization signs in."""
    import argparse

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--port", type=int, required=True)
    port = parser.parse_args().port
    provider = OidcProvider(port=port)
    print(f"OpenID Connect provider on {provider.url}", flush=True)
    provider.server.serve_forever()


if __name__ == "__main__":
    main()
