"""Routes for local development and tests only: not mounted elsewhere."""

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import EmailStr

from app import crud
from app.api.deps import HasherDep, SessionDep
from app.api.responses import errors
from app.core.errors import NotFound
from app.models import (
    Message,
    PrivateUserCreate,
    UserPublic,
    utcnow,
)
from app.signin.reauthentication import WINDOW

router = APIRouter(prefix="/private", tags=["private"])


@router.post("/users/", responses=errors(400, 409))
async def create_user(
    hasher: HasherDep, session: SessionDep, body: PrivateUserCreate
) -> UserPublic:
    """Create a user directly (seeding and tests)."""
    user = await crud.create_user(
        session=session,
        email=body.email,
        hashed_password=await hasher.hash(body.password),
        full_name=body.full_name,
        is_verified=body.is_verified,
    )
    return UserPublic.model_validate(user)


@router.post("/users/stale-proofs", responses=errors(404))
async def make_proofs_stale(session: SessionDep, email: Annotated[EmailStr, Query()]) -> Message:
    """Age the user's sessions past the re-authentication window, so that a
    test sees the dashboard ask for the password again."""
    user = await crud.get_user_by_email(session=session, email=email)
    if user is None:
        raise NotFound("No user with this email")
    stale = utcnow() - WINDOW - timedelta(seconds=1)
    await crud.set_proof_time(session=session, user_id=user.id, proven_at=stale)
    return Message(message="Sessions need a fresh proof")


@router.delete("/users/password", responses=errors(404))
async def remove_password(session: SessionDep, email: Annotated[EmailStr, Query()]) -> Message:
    """Leave the user without a password, as an account signed up through
    another sign-in option is, while their sessions go on: a test can then
    take the dashboard's ways for such accounts without those options."""
    user = await crud.get_user_by_email(session=session, email=email)
    if user is None:
        raise NotFound("No user with this email")
    await crud.update_user(session=session, user=user, changes={"hashed_password": None})
    return Message(message="The user has no password now")
