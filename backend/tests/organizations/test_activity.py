"""The organization's activity per day, behind the dashboard's chart: counted
from its audit log, by UTC day, over the last 30 days."""

from datetime import UTC, datetime, time, timedelta

from httpx import AsyncClient
from sqlmodel.ext.asyncio.session import AsyncSession

from app.core.config import settings
from app.models import AuditLog
from app.organizations.models import Organization
from tests.factories import auth_headers, create_organization, create_user

API = settings.API_V1_STR


def entry(organization: Organization, at: datetime) -> AuditLog:
    return AuditLog(action="member_joined", organization_id=organization.id, created_at=at)


async def test_counts_each_utc_day_of_the_last_30_days_and_only_the_organizations_own(
    client: AsyncClient, db: AsyncSession
) -> None:
    owner = await create_user(db=db)
    organization = await create_organization(db=db, owner=owner, name="Counted")
    other = await create_organization(db=db, owner=await create_user(db=db), name="Other")
    today = datetime.now(UTC).date()
    midnight = datetime.combine(today, time.min, tzinfo=UTC)
    db.add_all(
        [
            # Two today, the first one at its very start; one a week ago, late in that day.
            entry(organization, midnight),
            entry(organization, midnight + timedelta(seconds=1)),
            entry(organization, midnight - timedelta(days=6, seconds=1)),
            # The first day shown, and the day before it, which is left out.
            entry(organization, midnight - timedelta(days=29)),
            entry(organization, midnight - timedelta(days=29, seconds=1)),
            entry(other, midnight + timedelta(seconds=2)),
        ]
    )
    await db.flush()

    response = await client.get(
        f"{API}/orgs/{organization.id}/activity", headers=await auth_headers(db=db, user=owner)
    )

    assert response.status_code == 200
    days = response.json()["data"]
    assert len(days) == 30
    assert days[0]["day"] == (today - timedelta(days=29)).isoformat()
    assert days[-1]["day"] == today.isoformat()
    counted = {day["day"]: day["events"] for day in days if day["events"]}
    assert counted == {
        today.isoformat(): 2,
        (today - timedelta(days=7)).isoformat(): 1,
        (today - timedelta(days=29)).isoformat(): 1,
    }
