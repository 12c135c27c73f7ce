"""Password policy (NIST SP 800-63B) and hashing (Argon2id, bcrypt accepted)."""

import asyncio
from functools import cache
from pathlib import Path

import anyio.to_thread
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher
from pwdlib.hashers.bcrypt import BcryptHasher

PASSWORD_MIN_LENGTH = 8
PASSWORD_MAX_LENGTH = 128
COMMON_PASSWORDS_FILE = Path(__file__).with_name("data") / "common-passwords.txt"

# OWASP's Argon2id recommendation: m=19 MiB, t=2, p=1. bcrypt stays in the
# list only so that hashes from older installs verify and get upgraded.
password_hash = PasswordHash(
    (Argon2Hasher(memory_cost=19 * 1024, time_cost=2, parallelism=1), BcryptHasher())
)


@cache
def common_passwords() -> frozenset[str]:
    return frozenset(COMMON_PASSWORDS_FILE.read_text().split())


def password_problem(password: str, *, email: str | None = None) -> str | None:
    """Why a password is refused, or None when it is acceptable."""
    if not PASSWORD_MIN_LENGTH <= len(password) <= PASSWORD_MAX_LENGTH:
        return f"Password must be {PASSWORD_MIN_LENGTH} to {PASSWORD_MAX_LENGTH} characters long"
    if password.lower() in common_passwords():
        return "This password is too common; choose a less predictable one"
    if email is not None and password.strip().lower() == email.strip().lower():
        return "Password must not be the same as the email address"
    return None


class HashingLimiter:
    """Caps concurrent hashes so a storm of logins can neither exhaust memory
    (each Argon2 hash holds 19 MiB) nor starve the thread pool other
    requests need; hashing runs off the event loop."""

    def __init__(self, limit: int) -> None:
        self._semaphore = asyncio.Semaphore(limit)

    async def hash(self, password: str) -> str:
        async with self._semaphore:
            return await anyio.to_thread.run_sync(password_hash.hash, password)

    async def verify_and_update(self, password: str, hashed: str) -> tuple[bool, str | None]:
        async with self._semaphore:
            return await anyio.to_thread.run_sync(password_hash.verify_and_update, password, hashed)


# Verified against when the email is unknown, so that a wrong email costs as
# much time as a wrong password and response times reveal no account.
DUMMY_HASH = password_hash.hash("not-a-real-password-used-for-timing")
