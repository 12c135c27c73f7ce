"""Routes for local development and tests only: not mounted elsewhere."""

from fastapi import APIRouter

from app import crud
from app.api.deps import HasherDep, SessionDep
from app.api.responses import errors
from app.models import PrivateUserCreate, UserPublic

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
