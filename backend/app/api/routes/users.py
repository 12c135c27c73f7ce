import uuid

from fastapi import APIRouter

from app import accounts, crud, user_admin
from app.api.deps import (
    AuthDep,
    ClientDep,
    CurrentUser,
    HasherDep,
    RateLimiterDep,
    RecentlyProvenDep,
    SessionDep,
    SuperuserDep,
)
from app.api.mailer import MailerDep
from app.api.pagination import Limit, Skip
from app.api.responses import errors
from app.core.errors import NotFound, NotPermitted
from app.models import (
    DeleteAccount,
    EmailRequest,
    Message,
    TokenRequest,
    UpdatePassword,
    UserCreate,
    UserMe,
    UserPublic,
    UserRegister,
    UsersPublic,
    UserUpdate,
    UserUpdateMe,
)

# region capability: organizations
from app.organizations import departure
from app.organizations.models import AccountDeletionPublic

# endregion capability: organizations
from app.signin import reauthentication

router = APIRouter(prefix="/users", tags=["users"])
USER_NOT_FOUND = "The user with this id does not exist in the system"


@router.get("/", responses=errors(401, 403))
async def read_users(
    session: SessionDep, _superuser: SuperuserDep, skip: Skip = 0, limit: Limit = 100
) -> UsersPublic:
    """List users (superusers only), with how many active superusers there
    are: the last one can be neither demoted, deactivated nor deleted."""
    users, count = await crud.list_users(session=session, skip=skip, limit=limit)
    superusers = await crud.count_active_superusers(session=session)
    return UsersPublic.model_validate(
        {"data": users, "count": count, "active_superusers": superusers}
    )


@router.post("/", responses=errors(400, 401, 403, 409))
async def create_user(
    hasher: HasherDep,
    session: SessionDep,
    mailer: MailerDep,
    client: ClientDep,
    superuser: SuperuserDep,
    body: UserCreate,
) -> UserPublic:
    """Create a user. Without a password, the user gets a link to choose one."""
    user = await user_admin.create_account(
        session=session, hasher=hasher, mailer=mailer, actor=superuser, body=body, ip=client.ip
    )
    return UserPublic.model_validate(user)


@router.get("/me", responses=errors(401))
async def read_user_me(current_user: CurrentUser) -> UserMe:
    """The current user."""
    return UserMe.of(current_user)


@router.patch("/me", responses=errors(400, 401, 403, 409, 429))
async def update_user_me(
    hasher: HasherDep,
    session: SessionDep,
    limiter: RateLimiterDep,
    mailer: MailerDep,
    client: ClientDep,
    authenticated: AuthDep,
    body: UserUpdateMe,
) -> UserMe:
    """Update one's name; an email change needs a recent proof of identity
    (403 `reauthentication_required`) and, for an account with a password,
    the current password, and takes effect when the link sent to the new
    address is followed."""
    current_user = authenticated.user
    if body.email is not None and body.email != current_user.email:
        reauthentication.require_recent_proof(authenticated.proven_at)
    if "full_name" in body.model_fields_set:
        await crud.update_user(
            session=session, user=current_user, changes={"full_name": body.full_name}
        )
    if body.email is not None and body.email != current_user.email:
        await accounts.request_email_change(
            session=session,
            hasher=hasher,
            limiter=limiter,
            mailer=mailer,
            user=current_user,
            new_email=body.email,
            current_password=body.current_password,
            ip=client.ip,
        )
    return UserMe.of(current_user)


@router.post("/me/email-change/resend", responses=errors(401, 409, 429))
async def resend_email_change(
    session: SessionDep,
    limiter: RateLimiterDep,
    mailer: MailerDep,
    client: ClientDep,
    current_user: CurrentUser,
) -> Message:
    """Send the confirmation link of a pending email change again; the
    earlier link stops working."""
    new_email = await accounts.resend_email_change(
        session=session, limiter=limiter, mailer=mailer, user=current_user, ip=client.ip
    )
    return Message(message=f"A new confirmation link has been sent to {new_email}")


@router.delete("/me/email-change", responses=errors(401, 409))
async def cancel_email_change(session: SessionDep, current_user: CurrentUser) -> UserMe:
    """Withdraw a pending email change; the address stays as it is and the
    links already sent stop working."""
    await accounts.cancel_email_change(session=session, user=current_user)
    return UserMe.of(current_user)


@router.patch("/me/password", responses=errors(400, 401, 403))
async def update_password_me(
    hasher: HasherDep,
    session: SessionDep,
    mailer: MailerDep,
    client: ClientDep,
    authenticated: RecentlyProvenDep,
    body: UpdatePassword,
) -> Message:
    """Change one's password (needs a recent proof of identity); every other
    session is logged out."""
    await accounts.change_own_password(
        session=session,
        hasher=hasher,
        mailer=mailer,
        user=authenticated.user,
        current_session=authenticated.session_id,
        current_password=body.current_password,
        new_password=body.new_password,
        ip=client.ip,
    )
    return Message(message="Password updated successfully")


# region capability: organizations
@router.get("/me/account-deletion", responses=errors(401))
async def read_account_deletion_me(
    session: SessionDep, current_user: CurrentUser
) -> AccountDeletionPublic:
    """What deleting one's account would do to one's organizations: which go
    with it, and which keep it from going while one is their only Owner."""
    plan, _ = await departure.plan_account_deletion(session=session, user_id=current_user.id)
    return plan


# endregion capability: organizations


@router.delete("/me", responses=errors(400, 401, 403, 409))
async def delete_user_me(
    hasher: HasherDep,
    session: SessionDep,
    client: ClientDep,
    authenticated: RecentlyProvenDep,
    body: DeleteAccount,
) -> Message:
    """Delete one's own account and its sessions (not allowed for
    superusers; needs a recent proof of identity). The body proves intent:
    `current_password`, or for an account without a password `confirmation`,
    its email address typed out."""
    await accounts.delete_own_account(
        session=session,
        hasher=hasher,
        user=authenticated.user,
        current_password=body.current_password,
        confirmation=body.confirmation,
        ip=client.ip,
    )
    return Message(message="User deleted successfully")


@router.post("/signup", responses=errors(400, 429))
async def register_user(
    hasher: HasherDep,
    session: SessionDep,
    limiter: RateLimiterDep,
    mailer: MailerDep,
    client: ClientDep,
    body: UserRegister,
) -> UserPublic:
    """Create an account; a verification link is emailed."""
    user = await accounts.signup(
        session=session,
        limiter=limiter,
        hasher=hasher,
        mailer=mailer,
        email=body.email,
        password=body.password,
        full_name=body.full_name,
        ip=client.ip,
        return_to=body.return_to,
    )
    return UserPublic.model_validate(user)


@router.post("/verify-email", responses=errors(400, 409))
async def verify_email(session: SessionDep, client: ClientDep, body: TokenRequest) -> Message:
    """Confirm an address with the emailed single-use token (sign-up
    verification or email change)."""
    outcome = await accounts.verify_email(session=session, token=body.token, ip=client.ip)
    return Message(message=outcome)


@router.post("/verify-email/resend", responses=errors(400, 429))
async def resend_verification_email(
    session: SessionDep,
    limiter: RateLimiterDep,
    mailer: MailerDep,
    client: ClientDep,
    body: EmailRequest,
) -> Message:
    """Send a new verification link; answers the same for every address."""
    await accounts.resend_verification(
        session=session, limiter=limiter, mailer=mailer, email=body.email, ip=client.ip
    )
    return Message(message="If that account needs verification, a new link has been sent")


@router.get("/{user_id}", responses=errors(401, 403, 404))
async def read_user_by_id(
    session: SessionDep, current_user: CurrentUser, user_id: uuid.UUID
) -> UserPublic:
    """A user by id: oneself, or anyone for a superuser."""
    if user_id == current_user.id:
        return UserPublic.model_validate(current_user)
    if not current_user.is_superuser:
        raise NotPermitted()
    user = await crud.get_user(session=session, user_id=user_id)
    if user is None:
        raise NotFound(USER_NOT_FOUND)
    return UserPublic.model_validate(user)


@router.patch("/{user_id}", responses=errors(400, 401, 403, 404, 409))
async def update_user(
    hasher: HasherDep,
    session: SessionDep,
    client: ClientDep,
    superuser: SuperuserDep,
    user_id: uuid.UUID,
    body: UserUpdate,
) -> UserPublic:
    """Update a user (superusers only). Setting a password or deactivating
    the user logs them out everywhere."""
    user = await crud.get_user(session=session, user_id=user_id)
    if user is None:
        raise NotFound(USER_NOT_FOUND)
    await user_admin.update_account(
        session=session, hasher=hasher, actor=superuser, user=user, body=body, ip=client.ip
    )
    return UserPublic.model_validate(user)


# region capability: organizations
@router.get("/{user_id}/account-deletion", responses=errors(401, 403, 404))
async def read_account_deletion(
    session: SessionDep, _superuser: SuperuserDep, user_id: uuid.UUID
) -> AccountDeletionPublic:
    """What deleting a user would do to their organizations (superusers only)."""
    user = await crud.get_user(session=session, user_id=user_id)
    if user is None:
        raise NotFound(USER_NOT_FOUND)
    plan, _ = await departure.plan_account_deletion(session=session, user_id=user.id)
    return plan


# endregion capability: organizations


@router.delete("/{user_id}", responses=errors(401, 403, 404, 409))
async def delete_user(
    session: SessionDep, client: ClientDep, superuser: SuperuserDep, user_id: uuid.UUID
) -> Message:
    """Delete a user (superusers only, not themselves)."""
    if user_id == superuser.id:
        raise NotPermitted("Super users are not allowed to delete themselves")
    user = await crud.get_user(session=session, user_id=user_id)
    if user is None:
        raise NotFound(USER_NOT_FOUND)
    await accounts.keep_an_active_superuser(session=session, losing=user)
    await crud.record_audit(
        session=session,
        action="user_deleted",
        actor=superuser,
        target_user_id=user.id,
        ip_address=client.ip,
    )
    await crud.delete_user(session=session, user=user)
    return Message(message="User deleted successfully")
