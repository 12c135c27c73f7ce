"""Realistic sample data for local work and demos (`app seed`): people with
names and addresses, dates spread over the past months, the audit entries
the sign-ups left, and what the project's capabilities add (shared groups
with members in every role, the example's rows).

Made with Faker (the long-standing fake-data library; polyfactory builds
model instances from types, but what makes a demo read true is Faker's
names, companies and sentences, which polyfactory would call anyway). A
fixed random seed makes the same people and things each time.

Sample accounts have addresses at SAMPLE_DOMAIN (and what they share, names
starting with SAMPLE_SLUG): that is how `--reset` finds what to remove,
leaving everything else alone. Rows are created through the same crud
functions as the API's, so every rule for a new account applies to them too.
"""

# region capability: organizations
import dataclasses

# endregion capability: organizations
import random

# region capability: organizations
import uuid
from collections.abc import Sequence

# endregion capability: organizations
from dataclasses import dataclass
from datetime import datetime, timedelta

from faker import Faker
from sqlalchemy import ColumnElement, delete, func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from app import crud

# region capability: organizations
from app.core.config import settings

# endregion capability: organizations
from app.models import (
    AuditLog,
    # region capability: items
    Item,
    ItemCreate,
    # endregion capability: items
    User,
    utcnow,
)

# region capability: organizations
from app.organizations import crud as organizations
from app.organizations.models import Organization
from app.organizations.permissions import BuiltInRole

# endregion capability: organizations

SAMPLE_DOMAIN = "example.org"
SAMPLE_SLUG = "sample-"
SPREAD = timedelta(days=180)
# region capability: organizations
# Roles of the people an organization's owner brings in, most common first.
MEMBER_ROLES = (BuiltInRole.MEMBER, BuiltInRole.MEMBER, BuiltInRole.VIEWER, BuiltInRole.ADMIN)
# Who may add to what an organization holds.
WRITERS = (BuiltInRole.OWNER, BuiltInRole.ADMIN, BuiltInRole.MEMBER)
# endregion capability: organizations


@dataclass(slots=True)
class Seeded:
    users: list[User]
    # region capability: organizations
    organizations: list[Organization] = dataclasses.field(default_factory=list)
    invitations: int = 0
    # Where each person may add things: the organizations they write in.
    writable: dict[uuid.UUID, list[Organization]] = dataclasses.field(default_factory=dict)
    # endregion capability: organizations
    # region capability: items
    items: int = 0
    # endregion capability: items


@dataclass(slots=True)
class Sampler:
    """The random sources, seeded together."""

    fake: Faker
    rng: random.Random

    @classmethod
    def seeded(cls, seed: int) -> "Sampler":
        fake = Faker()
        fake.seed_instance(seed)
        # Sample data, not secrets: a seeded generator gives the same data each run.
        return cls(fake, random.Random(seed))  # noqa: S311

    def moment_between(self, start: datetime, end: datetime) -> datetime:
        return start + (end - start) * self.rng.random()


def sample_address(fake: Faker, taken: set[str]) -> tuple[str, str]:
    """A full name and an address made from it, unique among `taken`."""
    first, last = fake.first_name(), fake.last_name()
    local = "".join(c for c in f"{first}.{last}".lower() if c.isalnum() or c == ".")
    email, n = f"{local}@{SAMPLE_DOMAIN}", 1
    while email in taken:
        n += 1
        email = f"{local}{n}@{SAMPLE_DOMAIN}"
    taken.add(email)
    return f"{first} {last}", email


# region capability: items
def item_title(sample: Sampler) -> str:
    fake, rng = sample.fake, sample.rng
    makers = (
        fake.catch_phrase,
        lambda: fake.bs().capitalize(),
        lambda: fake.sentence(nb_words=rng.randint(2, 6)).rstrip("."),
    )
    return rng.choice(makers)()[:255]


def item_description(sample: Sampler) -> str | None:
    if sample.rng.random() < 0.2:
        return None
    return sample.fake.paragraph(nb_sentences=sample.rng.randint(1, 3))[:255]


# endregion capability: items


async def sample_users(
    *, session: AsyncSession, sample: Sampler, count: int, hashed_password: str
) -> list[User]:
    now, taken = utcnow(), set[str]()
    users = []
    for n in range(count):
        full_name, email = sample_address(sample.fake, taken)
        user = await crud.create_user(
            session=session,
            email=email,
            hashed_password=hashed_password,
            full_name=full_name,
            # The first one is always usable, so there is an account to show.
            is_active=n == 0 or sample.rng.random() > 0.05,
            is_verified=n == 0 or sample.rng.random() > 0.1,
            created_at=sample.moment_between(now - SPREAD, now),
        )
        session.add(
            AuditLog(
                action="signup",
                actor_id=user.id,
                actor_email=email,
                target_user_id=user.id,
                target_email=email,
                created_at=user.created_at,
            )
        )
        users.append(user)
    return users


# region capability: organizations
async def sample_organizations(
    *, session: AsyncSession, sample: Sampler, people: Sequence[User], count: int
) -> tuple[list[Organization], int, dict[uuid.UUID, list[Organization]]]:
    """Companies owned by sample people, each with members in every role
    and a few invitations not yet answered. Returns them, how many
    invitations were sent, and where each person may add things."""
    rng, fake = sample.rng, sample.fake
    writable: dict[uuid.UUID, list[Organization]] = {person.id: [] for person in people}
    made, invitations = [], 0
    lifetime = timedelta(days=settings.INVITATION_EXPIRE_DAYS)
    for _ in range(count):
        owner, *members = rng.sample(list(people), k=min(len(people), rng.randint(3, 8)))
        name = fake.company()
        slug = f"{SAMPLE_SLUG}{organizations.slug_from(name)}"[:64]
        organization = await organizations.create_organization(
            session=session, owner=owner, name=name, slug=slug
        )
        writable[owner.id].append(organization)
        for member in members:
            role = rng.choice(MEMBER_ROLES)
            await organizations.add_member(
                session=session,
                organization_id=organization.id,
                user_id=member.id,
                role=role,
                role_id=None,
            )
            if role in WRITERS:
                writable[member.id].append(organization)
        for _ in range(rng.randint(1, 3)):
            _full_name, email = sample_address(fake, set())
            await organizations.create_invitation(
                session=session,
                organization_id=organization.id,
                email=email,
                role=rng.choice((BuiltInRole.MEMBER, BuiltInRole.VIEWER)),
                custom=None,
                inviter=owner,
                lifetime=lifetime,
            )
            invitations += 1
        made.append(organization)
    return made, invitations, writable


# endregion capability: organizations


# region capability: items
async def sample_items(
    *,
    session: AsyncSession,
    sample: Sampler,
    owners: Sequence[User],
    writable: dict[uuid.UUID, list[Organization]],
    per_user: int,
) -> int:
    """About `per_user` items each, in one's personal organization or one
    where one may add them."""
    now, made = utcnow(), 0
    for owner in owners:
        shared = writable.get(owner.id, [])
        personal = await organizations.get_personal_organization(session=session, user_id=owner.id)
        places = [organization.id for organization in shared]
        if personal is not None:
            places.append(personal.id)
        for _ in range(sample.rng.randint(0, 2 * per_user) if places else 0):
            item = await crud.create_item(
                session=session,
                organization_id=sample.rng.choice(places),
                owner_id=owner.id,
                body=ItemCreate(title=item_title(sample), description=item_description(sample)),
            )
            item.created_at = sample.moment_between(owner.created_at, now)
            made += 1
    await session.flush()
    return made


# endregion capability: items


async def seed(
    *,
    session: AsyncSession,
    users: int,
    # region capability: organizations
    organizations_count: int,
    # endregion capability: organizations
    # region capability: items
    items_per_user: int,
    # endregion capability: items
    hashed_password: str,
    seed: int = 0,
) -> Seeded:
    """Add the sample data: `users` people, and what the capabilities add
    (shared groups, the example's rows)."""
    sample = Sampler.seeded(seed)
    people = await sample_users(
        session=session, sample=sample, count=users, hashed_password=hashed_password
    )
    seeded = Seeded(users=people)
    # region capability: organizations
    if organizations_count and len(people) > 1:
        seeded.organizations, seeded.invitations, seeded.writable = await sample_organizations(
            session=session, sample=sample, people=people, count=organizations_count
        )
    # endregion capability: organizations
    # region capability: items
    seeded.items = await sample_items(
        session=session,
        sample=sample,
        owners=people,
        writable=seeded.writable,
        per_user=items_per_user,
    )
    # endregion capability: items
    return seeded


def is_sample_user() -> ColumnElement[bool]:
    return col(User.email).like(f"%@{SAMPLE_DOMAIN}")


async def count_sample_users(*, session: AsyncSession) -> int:
    result = await session.exec(select(func.count()).select_from(User).where(is_sample_user()))
    return result.one()


async def a_sample_account(*, session: AsyncSession) -> str | None:
    """The address of a sample account one can log in with, if any."""
    result = await session.exec(
        select(User.email)
        .where(is_sample_user(), col(User.is_active).is_(True), col(User.is_verified).is_(True))
        .order_by(col(User.email))
        .limit(1)
    )
    return result.first()


async def has_own_data(*, session: AsyncSession) -> bool:
    """Whether anything but superusers is stored: other users (or items)."""
    # region capability: items
    if (await session.exec(select(func.count()).select_from(Item))).one():
        return True
    # endregion capability: items
    others = await session.exec(
        select(func.count()).select_from(User).where(col(User.is_superuser).is_(False))
    )
    return others.one() > 0


async def remove(*, session: AsyncSession) -> int:
    """Delete the sample accounts and what they share, and with them what
    they hold, their sessions and links; the audit log keeps its entries, as
    it does for anyone deleted. Returns how many accounts."""
    # region capability: organizations
    await session.exec(delete(Organization).where(col(Organization.slug).startswith(SAMPLE_SLUG)))
    # endregion capability: organizations
    result = await session.exec(delete(User).where(is_sample_user()))
    return int(result.rowcount)
