"""The emails the app sends: subject, template and variables for each."""

from urllib.parse import urlencode

from app.core.config import Settings
from app.utils import EmailData, render_email


def _link(settings: Settings, path: str, **params: str) -> str:
    url = f"{settings.FRONTEND_HOST.rstrip('/')}{path}"
    return f"{url}?{urlencode(params)}" if params else url


def _email(
    settings: Settings, *, to: str, subject: str, template: str, **context: object
) -> EmailData:
    """Every email names the project, in its subject and in its body."""
    return render_email(
        to=to,
        subject=f"{settings.PROJECT_NAME} - {subject}",
        template=template,
        context={"project_name": settings.PROJECT_NAME, **context},
    )


def reset_password(settings: Settings, *, email: str, token: str) -> EmailData:
    return _email(
        settings,
        to=email,
        subject=f"Password recovery for {email}",
        template="reset_password",
        username=email,
        link=_link(settings, "/reset-password", token=token),
        valid_hours=settings.EMAIL_RESET_TOKEN_EXPIRE_HOURS,
    )


def new_account(
    settings: Settings, *, email: str, full_name: str | None, set_password_token: str | None
) -> EmailData:
    """No password is ever sent: either a link to choose one, or the login page."""
    link = (
        _link(settings, "/reset-password", token=set_password_token)
        if set_password_token
        else _link(settings, "/login")
    )
    return _email(
        settings,
        to=email,
        subject=f"New account for {email}",
        template="new_account",
        username=email,
        full_name=full_name or "",
        link=link,
        has_password=set_password_token is None,
        valid_hours=settings.SET_PASSWORD_TOKEN_EXPIRE_HOURS,
    )


def verify_email(
    settings: Settings, *, email: str, token: str, return_to: str | None = None
) -> EmailData:
    params = {"token": token} if return_to is None else {"token": token, "next": return_to}
    return _email(
        settings,
        to=email,
        subject="Confirm your email address",
        template="verify_email",
        username=email,
        link=_link(settings, "/verify-email", **params),
        valid_hours=settings.EMAIL_VERIFY_TOKEN_EXPIRE_HOURS,
    )


def email_change_confirm(settings: Settings, *, new_email: str, token: str) -> EmailData:
    return _email(
        settings,
        to=new_email,
        subject="Confirm your new email address",
        template="email_change_confirm",
        new_email=new_email,
        link=_link(settings, "/verify-email", token=token),
        valid_hours=settings.EMAIL_VERIFY_TOKEN_EXPIRE_HOURS,
    )


def email_changed_notice(settings: Settings, *, old_email: str, new_email: str) -> EmailData:
    return _email(
        settings,
        to=old_email,
        subject="Your email address is being changed",
        template="email_changed_notice",
        username=old_email,
        new_email=new_email,
    )


def password_changed_notice(settings: Settings, *, email: str) -> EmailData:
    return _email(
        settings,
        to=email,
        subject="Your password was changed",
        template="password_changed_notice",
        username=email,
    )


def signin_method_changed(settings: Settings, *, email: str, method: str, change: str) -> EmailData:
    """A way to sign in was added, removed or reset: the owner must know."""
    return _email(
        settings,
        to=email,
        subject="A way to sign in to your account changed",
        template="signin_method_changed",
        username=email,
        method=method,
        change=change,
    )


# region capability: magic_links
def magic_link(settings: Settings, *, email: str, token: str) -> EmailData:
    return _email(
        settings,
        to=email,
        subject="Your sign-in link",
        template="magic_link",
        username=email,
        link=_link(settings, "/login", magic=token),
        valid_minutes=15,
    )


# endregion capability: magic_links


def account_exists(settings: Settings, *, email: str) -> EmailData:
    return _email(
        settings,
        to=email,
        subject="Someone tried to sign up with your address",
        template="account_exists",
        username=email,
        login_link=_link(settings, "/login"),
        recover_link=_link(settings, "/recover-password"),
    )


# region capability: organizations
def invitation(
    settings: Settings,
    *,
    email: str,
    inviter: str,
    organization_name: str,
    role_name: str,
    token: str,
) -> EmailData:
    return _email(
        settings,
        to=email,
        subject=f"Join {organization_name}",
        template="invitation",
        email=email,
        inviter=inviter,
        organization_name=organization_name,
        role_name=role_name,
        link=_link(settings, "/invitations/accept", token=token),
        valid_days=settings.INVITATION_EXPIRE_DAYS,
    )


# endregion capability: organizations


def test_email(settings: Settings, *, email: str) -> EmailData:
    return _email(
        settings,
        to=email,
        subject="Test email",
        template="test_email",
        email=email,
    )
