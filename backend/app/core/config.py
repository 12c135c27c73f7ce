"""Application settings: the only module that reads the environment."""

import json
import os
import secrets
import sys
from pathlib import Path
from typing import Annotated, Any, Literal, Self

# region capability: passkeys
from urllib.parse import urlsplit

# endregion capability: passkeys
from pydantic import (
    AnyUrl,
    BeforeValidator,
    EmailStr,
    # region capability: file_storage
    Field,
    # endregion capability: file_storage
    # region capability: sentry
    HttpUrl,
    # endregion capability: sentry
    ValidationError,
    computed_field,
    model_validator,
)
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

BACKEND_DIR = Path(__file__).resolve().parents[2]
REPO_ROOT = BACKEND_DIR.parent
DATA_DIR = BACKEND_DIR / "data"
PLACEHOLDER_SECRET = "changethis"
# ENV_FILE="" turns the file off (the test suite does, to depend on nothing local).
ENV_FILE = os.environ.get("ENV_FILE", str(REPO_ROOT / ".env")) or None


class ConfigurationError(RuntimeError):
    """Raised at start-up when the settings cannot run the app safely."""


def parse_list(value: Any) -> list[str]:
    """Accept a comma-separated string as well as a JSON list."""
    if isinstance(value, str):
        if value.strip().startswith("["):
            value = json.loads(value)
        else:
            return [item.strip() for item in value.split(",") if item.strip()]
    if isinstance(value, list):
        return [str(item) for item in value]
    raise ValueError(value)


def local_secret_key() -> str:
    """A random key generated once per checkout, so that tokens survive restarts
    and every worker process of a local server agrees on it."""
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        try:
            with key_file.open("x") as handle:
                handle.write(secrets.token_urlsafe(32))
        except FileExistsError:
            pass  # another worker won the race; read what it wrote
    return key_file.read_text().strip()


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=ENV_FILE,
        env_ignore_empty=True,
        extra="ignore",
    )

    PROJECT_NAME: str = "Full Stack Template"
    API_V1_STR: str = "/api/v1"
    ENVIRONMENT: Literal["local", "staging", "production"] = "local"
    SECRET_KEY: str = ""
    ACCESS_TOKEN_EXPIRE_MINUTES: int = 15
    REFRESH_TOKEN_EXPIRE_DAYS: int = 14
    REFRESH_TOKEN_REUSE_GRACE_SECONDS: int = 10
    EMAIL_RESET_TOKEN_EXPIRE_HOURS: int = 1
    SET_PASSWORD_TOKEN_EXPIRE_HOURS: int = 72
    EMAIL_VERIFY_TOKEN_EXPIRE_HOURS: int = 48
    FRONTEND_HOST: str = "http://localhost:5173"
    BACKEND_CORS_ORIGINS: Annotated[list[AnyUrl], NoDecode, BeforeValidator(parse_list)] = []
    # region capability: sentry
    SENTRY_DSN: HttpUrl | None = None
    # endregion capability: sentry

    FIRST_SUPERUSER: EmailStr = "admin@example.com"
    FIRST_SUPERUSER_PASSWORD: str = PLACEHOLDER_SECRET

    SMTP_HOST: str | None = None
    SMTP_PORT: int = 587
    SMTP_USER: str | None = None
    SMTP_PASSWORD: str | None = None
    SMTP_TLS: bool = True
    SMTP_SSL: bool = False
    SMTP_TIMEOUT_SECONDS: float = 10.0
    EMAILS_FROM_EMAIL: EmailStr | None = None
    EMAILS_FROM_NAME: str | None = None

    DATABASE_URL: str | None = None
    POSTGRES_SERVER: str | None = None
    POSTGRES_PORT: int = 5432
    POSTGRES_USER: str = "postgres"
    POSTGRES_PASSWORD: str = ""
    POSTGRES_DB: str = "app"
    DB_POOL_SIZE: int = 10
    DB_MAX_OVERFLOW: int = 0
    DB_POOL_TIMEOUT_SECONDS: float = 5.0

    # Unset: required everywhere but ENVIRONMENT=local (email_verification_required).
    REQUIRE_EMAIL_VERIFICATION: bool | None = None
    RATE_LIMIT_ENABLED: bool = True
    REDIS_URL: str | None = None
    LOGIN_FAILURES_PER_ACCOUNT: int = 5
    LOGIN_FAILURES_PER_IP: int = 50
    LOGIN_FAILURE_WINDOW_SECONDS: int = 900
    EMAILS_PER_ADDRESS: int = 3
    EMAILS_PER_IP: int = 20
    EMAIL_WINDOW_SECONDS: int = 3600
    SIGNUPS_PER_IP: int = 10
    SIGNUP_WINDOW_SECONDS: int = 3600
    MAX_CONCURRENT_PASSWORD_HASHES: int = 4
    # How long a proof of identity (login, re-authentication) allows
    # sensitive changes: email, password, sign-in methods, deletion.
    REAUTHENTICATION_WINDOW_MINUTES: int = 10
    # region capability: two_factor
    # Two-factor authentication with an authenticator app (development.md,
    # "Sign-in options"). REQUIRED_FOR_SUPERUSERS: superuser routes answer 403
    # `two_factor_required` until the superuser has turned it on.
    TWO_FACTOR_ENABLED: bool = True
    TWO_FACTOR_REQUIRED_FOR_SUPERUSERS: bool = False
    # endregion capability: two_factor
    # region capability: magic_links
    # "Email me a sign-in link" on the login page (needs email).
    MAGIC_LINK_ENABLED: bool = False
    # endregion capability: magic_links
    # region capability: passkeys
    # Passkeys (WebAuthn): sign in without a password, take the second step
    # and re-authenticate. The relying party is the dashboard: its id is a
    # domain (FRONTEND_HOST's host unless set), and the browser's origin must
    # be one of PASSKEYS_ORIGINS (FRONTEND_HOST unless set). Passkeys are
    # bound to the id: changing it later strands every registered one.
    PASSKEYS_ENABLED: bool = True
    PASSKEYS_RP_ID: str | None = None
    PASSKEYS_RP_NAME: str | None = None
    PASSKEYS_ORIGINS: Annotated[list[str], NoDecode, BeforeValidator(parse_list)] = []
    # endregion capability: passkeys
    # region capability: oauth
    # Signing in with other accounts (development.md, "Sign-in options"): each
    # provider is offered once its client id and secret are set. Their
    # callback is BACKEND_HOST/api/v1/login/oauth/<google|github|oidc>/callback.
    BACKEND_HOST: str = "http://localhost:8000"
    OAUTH_GOOGLE_CLIENT_ID: str | None = None
    OAUTH_GOOGLE_CLIENT_SECRET: str | None = None
    OAUTH_GITHUB_CLIENT_ID: str | None = None
    OAUTH_GITHUB_CLIENT_SECRET: str | None = None
    # GitHub Enterprise Server has its own addresses.
    OAUTH_GITHUB_URL: str = "https://github.com"
    OAUTH_GITHUB_API_URL: str = "https://api.github.com"
    # Any OpenID Connect issuer (Keycloak, Entra ID, Auth0, GitLab...) by its
    # discovery document, e.g. https://issuer.example.com/.well-known/openid-configuration
    OIDC_CLIENT_ID: str | None = None
    OIDC_CLIENT_SECRET: str | None = None
    OIDC_DISCOVERY_URL: str | None = None
    OIDC_NAME: str = "Single sign-on"
    # endregion capability: oauth
    MAX_REQUEST_BODY_BYTES: int = 1_000_000

    # region capability: organizations
    # Organizations (development.md, "Organizations"). Off: what users keep
    # stays in each user's personal organization and the routes to manage
    # organizations, members, roles and invitations are not served.
    ORGANIZATIONS_ENABLED: bool = True
    INVITATION_EXPIRE_DAYS: int = 7
    INVITATIONS_PER_ORGANIZATION: int = 20
    INVITATION_WINDOW_SECONDS: int = 3600
    # endregion capability: organizations

    # region capability: background_jobs
    # Background jobs (docs/operations.md, "Background jobs"). JOBS_QUEUE unset:
    # PostgreSQL's queue when the database is PostgreSQL, else in memory.
    JOBS_ENABLED: bool = True
    JOBS_QUEUE: Literal["postgres", "memory"] | None = None
    JOBS_WORKER_IN_PROCESS: bool | None = None
    JOBS_CONCURRENCY: int = 8
    JOBS_MAX_ATTEMPTS: int = 8
    JOBS_RETRY_BASE_SECONDS: int = 2
    JOBS_SHUTDOWN_GRACE_SECONDS: float = 30.0
    JOBS_HEARTBEAT_SECONDS: float = 10.0
    JOBS_STALLED_AFTER_SECONDS: float = 60.0
    JOBS_METRICS_PORT: int = 9101
    # Cron strings, with an optional sixth field for seconds.
    JOBS_HOUSEKEEPING_CRON: str = "0 * * * *"
    JOBS_RECOVERY_CRON: str = "* * * * *"
    # endregion capability: background_jobs

    # region capability: file_storage
    # Files (docs/operations.md, "Files"): local disk under FILES_LOCAL_DIR, or
    # any S3-compatible service when FILES_STORAGE=s3.
    FILES_ENABLED: bool = True
    FILES_STORAGE: Literal["local", "s3"] = "local"
    FILES_LOCAL_DIR: Path = DATA_DIR / "files"
    FILES_S3_BUCKET: str | None = None
    FILES_S3_ENDPOINT: str | None = None
    FILES_S3_REGION: str = "us-east-1"
    FILES_S3_ACCESS_KEY_ID: str | None = None
    FILES_S3_SECRET_ACCESS_KEY: str | None = None
    FILES_MAX_UPLOAD_BYTES: int = 10 * 1024 * 1024
    FILES_MAX_DIRECT_UPLOAD_BYTES: int = 5 * 1024 * 1024 * 1024
    FILES_QUOTA_BYTES_PER_USER: int = 1024 * 1024 * 1024
    FILES_LINK_EXPIRE_SECONDS: int = 300
    FILES_MAX_IMAGE_PIXELS: int = 40_000_000
    FILES_EXPIRE_UPLOADS_CRON: str = "30 * * * *"
    # An upload's parts in flight to the storage at once, 5 MiB each: the
    # memory one streamed upload may take (docs/operations.md, "Files: measured").
    FILES_UPLOAD_PARTS_IN_FLIGHT: int = Field(default=2, ge=1, le=16)
    # Uploads and downloads streamed through the API at once, per process;
    # past it a new one gets a 503 (app/files/transfers.py).
    FILES_MAX_CONCURRENT_TRANSFERS: int = Field(default=8, ge=1)
    # endregion capability: file_storage

    # Observability (docs/operations.md). LOG_FORMAT unset: JSON lines, except
    # readable text when ENVIRONMENT=local.
    LOG_LEVEL: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    LOG_FORMAT: Literal["json", "text"] | None = None
    METRICS_ENABLED: bool = False
    METRICS_TOKEN: str | None = None
    OTEL_EXPORTER_OTLP_ENDPOINT: str | None = None
    OTEL_SERVICE_NAME: str = "backend"

    # region capability: admin_panel
    # The database admin panel at /admin-db, for superusers (development.md,
    # "Database admin panel"). Unset: on in local development only.
    ADMIN_DB_ENABLED: bool | None = None
    # endregion capability: admin_panel

    @computed_field  # type: ignore[prop-decorator]  # pydantic's documented pattern
    @property
    def all_cors_origins(self) -> list[str]:
        origins = [str(origin).rstrip("/") for origin in self.BACKEND_CORS_ORIGINS]
        return [*origins, self.FRONTEND_HOST.rstrip("/")]

    # region capability: passkeys
    @computed_field  # type: ignore[prop-decorator]  # pydantic's documented pattern
    @property
    def passkeys_rp_id(self) -> str:
        return self.PASSKEYS_RP_ID or (urlsplit(self.FRONTEND_HOST).hostname or "localhost")

    @computed_field  # type: ignore[prop-decorator]  # pydantic's documented pattern
    @property
    def passkeys_rp_name(self) -> str:
        return self.PASSKEYS_RP_NAME or self.PROJECT_NAME

    @computed_field  # type: ignore[prop-decorator]  # pydantic's documented pattern
    @property
    def passkeys_origins(self) -> list[str]:
        origins = self.PASSKEYS_ORIGINS or [self.FRONTEND_HOST]
        return [origin.rstrip("/") for origin in origins]

    # endregion capability: passkeys

    @computed_field  # type: ignore[prop-decorator]  # pydantic's documented pattern
    @property
    def database_url(self) -> str:
        """The URL the app connects with, async driver included."""
        if self.DATABASE_URL:
            return to_async_url(self.DATABASE_URL)
        if self.POSTGRES_SERVER:
            password = f":{self.POSTGRES_PASSWORD}" if self.POSTGRES_PASSWORD else ""
            return (
                f"postgresql+psycopg://{self.POSTGRES_USER}{password}"
                f"@{self.POSTGRES_SERVER}:{self.POSTGRES_PORT}/{self.POSTGRES_DB}"
            )
        return f"sqlite+aiosqlite:///{DATA_DIR / 'app.db'}"

    # region capability: background_jobs
    @computed_field  # type: ignore[prop-decorator]  # pydantic's documented pattern
    @property
    def jobs_queue(self) -> Literal["postgres", "memory"]:
        if self.JOBS_QUEUE:
            return self.JOBS_QUEUE
        return "postgres" if self.database_url.startswith("postgresql") else "memory"

    @computed_field  # type: ignore[prop-decorator]  # pydantic's documented pattern
    @property
    def jobs_worker_in_process(self) -> bool:
        """An in-memory queue lives in one process, so its worker must too."""
        if self.jobs_queue == "memory":
            return True
        return bool(self.JOBS_WORKER_IN_PROCESS)

    # endregion capability: background_jobs
    @computed_field  # type: ignore[prop-decorator]  # pydantic's documented pattern
    @property
    def email_verification_required(self) -> bool:
        """Required by default once deployed: only then can a sign-up answer
        the same for a new and a taken address, so nobody learns through it
        who has an account (deployment.md)."""
        if self.REQUIRE_EMAIL_VERIFICATION is None:
            return self.ENVIRONMENT != "local"
        return self.REQUIRE_EMAIL_VERIFICATION

    # region capability: admin_panel
    @computed_field  # type: ignore[prop-decorator]  # pydantic's documented pattern
    @property
    def admin_db_enabled(self) -> bool:
        if self.ADMIN_DB_ENABLED is None:
            return self.ENVIRONMENT == "local"
        return self.ADMIN_DB_ENABLED

    # endregion capability: admin_panel

    @computed_field  # type: ignore[prop-decorator]  # pydantic's documented pattern
    @property
    def emails_enabled(self) -> bool:
        return bool(self.SMTP_HOST and self.EMAILS_FROM_EMAIL)

    @model_validator(mode="after")
    def _check_deployment_safety(self) -> Self:
        deployed = self.ENVIRONMENT != "local"
        if self.DATABASE_URL:
            to_async_url(self.DATABASE_URL)  # refuses unsupported schemes now, not at first use
        if deployed and not (self.DATABASE_URL or self.POSTGRES_SERVER):
            raise ConfigurationError(
                f"ENVIRONMENT={self.ENVIRONMENT} needs a database: "
                "set DATABASE_URL or POSTGRES_SERVER"
            )
        for name in ("SECRET_KEY", "POSTGRES_PASSWORD", "FIRST_SUPERUSER_PASSWORD"):
            if deployed and getattr(self, name) == PLACEHOLDER_SECRET:
                raise ConfigurationError(f'{name} is "{PLACEHOLDER_SECRET}": set a random value')
        # region capability: file_storage
        if self.FILES_ENABLED and self.FILES_STORAGE == "s3" and not self.FILES_S3_BUCKET:
            raise ConfigurationError("FILES_STORAGE=s3 needs FILES_S3_BUCKET")
        # endregion capability: file_storage
        if not self.SECRET_KEY:
            if deployed:
                raise ConfigurationError(f"ENVIRONMENT={self.ENVIRONMENT} needs SECRET_KEY")
            self.SECRET_KEY = local_secret_key()
        return self


def to_async_url(url: str) -> str:
    """Let users write plain URLs: pick the async driver ourselves."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        raise ConfigurationError(f"DATABASE_URL is not a URL: {url!r}")
    base = scheme.split("+", 1)[0]
    if base in ("postgresql", "postgres"):
        return f"postgresql+psycopg://{rest}"
    if base == "sqlite":
        return f"sqlite+aiosqlite://{rest}"
    raise ConfigurationError(f"DATABASE_URL must be postgresql:// or sqlite://, not {scheme}://")


def load_settings() -> Settings:
    """Settings, or one clear line on stderr and exit status 1."""
    try:
        return Settings()
    except ConfigurationError as error:
        sys.exit(f"Configuration error: {error}")
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in e['loc'])}: {e['msg']}" for e in error.errors()
        )
        sys.exit(f"Configuration error: {problems}")


settings = load_settings()
