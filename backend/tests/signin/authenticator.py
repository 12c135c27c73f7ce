"""A software passkey authenticator for the tests: it answers the server's
WebAuthn options the way a browser and a platform authenticator would, with
real P-256 keys and signatures, so py_webauthn verifies every answer for
real. Each answer can be bent (origin, RP id, counter, user verification)
to play an attacker or a faulty device."""

import base64
import hashlib
import json
import secrets
import struct
from dataclasses import dataclass, field
from typing import Any

import cbor2
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

from app.core.config import settings

UP, UV, AT = 0x01, 0x04, 0x40
# An AAGUID of zeros: "none" attestation says nothing about the model.
AAGUID = bytes(16)


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def from_b64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class Credential:
    """One passkey the authenticator holds: its private key, and what the
    relying party asked it to remember."""

    id: bytes
    key: ec.EllipticCurvePrivateKey
    rp_id: str
    user_handle: bytes
    sign_count: int = 0

    def cose_public_key(self) -> bytes:
        numbers = self.key.public_key().public_numbers()
        return cbor2.dumps(
            {
                1: 2,  # kty: EC2
                3: -7,  # alg: ES256
                -1: 1,  # crv: P-256
                -2: numbers.x.to_bytes(32, "big"),
                -3: numbers.y.to_bytes(32, "big"),
            }
        )


@dataclass
class Authenticator:
    """Holds discoverable credentials; `counts` False plays an authenticator
    that keeps no signature counter (it always reports 0)."""

    origin: str = field(default_factory=lambda: settings.passkeys_origins[0])
    counts: bool = True
    credentials: list[Credential] = field(default_factory=list)

    def create(
        self,
        options: dict[str, Any],
        *,
        origin: str | None = None,
        rp_id: str | None = None,
        user_verified: bool = True,
    ) -> dict[str, Any]:
        """Answer registration options (`RegistrationResponseJSON`)."""
        credential = Credential(
            id=secrets.token_bytes(32),
            key=ec.generate_private_key(ec.SECP256R1()),
            rp_id=options["rp"]["id"],
            user_handle=from_b64url(options["user"]["id"]),
        )
        self.credentials.append(credential)
        client_data = self._client_data("webauthn.create", options["challenge"], origin)
        attested = (
            AAGUID
            + struct.pack(">H", len(credential.id))
            + credential.id
            + credential.cose_public_key()
        )
        auth_data = self._auth_data(
            rp_id or credential.rp_id, UP | AT | (UV if user_verified else 0), 0
        )
        attestation = cbor2.dumps({"fmt": "none", "attStmt": {}, "authData": auth_data + attested})
        return {
            "id": b64url(credential.id),
            "rawId": b64url(credential.id),
            "type": "public-key",
            "response": {
                "clientDataJSON": b64url(client_data),
                "attestationObject": b64url(attestation),
                "transports": ["internal", "hybrid"],
            },
            "clientExtensionResults": {},
            "authenticatorAttachment": "platform",
        }

    def get(
        self,
        options: dict[str, Any],
        *,
        credential: Credential | None = None,
        origin: str | None = None,
        rp_id: str | None = None,
        user_verified: bool = True,
        sign_count: int | None = None,
    ) -> dict[str, Any]:
        """Answer authentication options (`AuthenticationResponseJSON`) with
        `credential`, or the newest one allowed."""
        chosen = credential or self._allowed(options)
        if sign_count is not None:
            chosen.sign_count = sign_count
        elif self.counts:
            chosen.sign_count += 1
        client_data = self._client_data("webauthn.get", options["challenge"], origin)
        auth_data = self._auth_data(
            rp_id or chosen.rp_id, UP | (UV if user_verified else 0), chosen.sign_count
        )
        signature = chosen.key.sign(
            auth_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256())
        )
        return {
            "id": b64url(chosen.id),
            "rawId": b64url(chosen.id),
            "type": "public-key",
            "response": {
                "clientDataJSON": b64url(client_data),
                "authenticatorData": b64url(auth_data),
                "signature": b64url(signature),
                "userHandle": b64url(chosen.user_handle),
            },
            "clientExtensionResults": {},
            "authenticatorAttachment": "platform",
        }

    @property
    def newest(self) -> Credential:
        return self.credentials[-1]

    def _allowed(self, options: dict[str, Any]) -> Credential:
        allowed = {from_b64url(c["id"]) for c in options.get("allowCredentials", [])}
        mine = [c for c in self.credentials if c.rp_id == options["rpId"]]
        usable = [c for c in mine if not allowed or c.id in allowed]
        assert usable, "the authenticator holds no passkey these options allow"
        return usable[-1]

    def _client_data(self, kind: str, challenge: str, origin: str | None) -> bytes:
        return json.dumps(
            {"type": kind, "challenge": challenge, "origin": origin or self.origin},
            separators=(",", ":"),
        ).encode()

    @staticmethod
    def _auth_data(rp_id: str, flags: int, sign_count: int) -> bytes:
        return (
            hashlib.sha256(rp_id.encode()).digest() + bytes([flags]) + struct.pack(">I", sign_count)
        )
