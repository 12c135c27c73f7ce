"""Two-factor authentication for the sign-in tests: an authenticator app's
codes, and an account with it turned on."""

import pyotp
from httpx import AsyncClient

from app.core.config import settings
from app.models import utcnow

API = settings.API_V1_STR


def code_at(secret: str, steps_ahead: int = 0) -> str:
    """The authenticator's code `steps_ahead` time steps from now: the server
    accepts one step of drift, and each step's code only once."""
    totp = pyotp.TOTP(secret)
    return totp.generate_otp(totp.timecode(utcnow()) + steps_ahead)


async def enable_two_factor(client: AsyncClient, headers: dict[str, str]) -> tuple[str, list[str]]:
    """Turn two-factor authentication on through the API; its secret and
    recovery codes. The current step's code is used up by the confirmation."""
    setup = await client.post(f"{API}/users/me/two-factor/setup", headers=headers)
    assert setup.status_code == 200, setup.text
    secret = setup.json()["secret"]
    confirmed = await client.post(
        f"{API}/users/me/two-factor/confirm", json={"code": code_at(secret)}, headers=headers
    )
    assert confirmed.status_code == 200, confirmed.text
    return secret, confirmed.json()["codes"]
