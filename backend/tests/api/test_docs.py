"""The API documentation pages work without internet: everything they load
comes from the app, under a policy that allows nothing else."""

import re
from html.parser import HTMLParser

import pytest
from httpx import AsyncClient

PAGES = ["/docs", "/redoc"]
CONTENT_TYPES = {".js": "text/javascript", ".css": "text/css", ".png": "image/png"}


class PageParts(HTMLParser):
    """The URLs a page loads and the nonces of its inline scripts and styles."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.inline_nonces: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        for name in ("src", "href"):
            if found.get(name):
                self.urls.append(str(found[name]))
        if tag in ("script", "style") and not found.get("src"):
            self.inline_nonces.append(found.get("nonce"))


async def page_parts(client: AsyncClient, path: str) -> tuple[PageParts, str, str]:
    response = await client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    parts = PageParts()
    parts.feed(response.text)
    return parts, response.text, response.headers.get("content-security-policy", "")


def directives(policy: str) -> dict[str, list[str]]:
    parsed = (part.split() for part in policy.split(";") if part.strip())
    return {name: sources for name, *sources in parsed}


@pytest.mark.parametrize("path", PAGES)
async def test_the_page_references_only_its_own_origin(client: AsyncClient, path: str) -> None:
    parts, html, _policy = await page_parts(client, path)
    assert parts.urls, "the page loads its scripts and styles"
    assert all(url.startswith("/") and not url.startswith("//") for url in parts.urls)
    assert "://" not in html, "no absolute URL anywhere, scripts included"


@pytest.mark.parametrize("path", PAGES)
async def test_everything_the_page_loads_is_served_with_its_type(
    client: AsyncClient, path: str
) -> None:
    parts, _html, _policy = await page_parts(client, path)
    for url in parts.urls:
        response = await client.get(url)
        assert response.status_code == 200, url
        extension = re.search(r"\.\w+$", url)
        assert extension is not None, url
        assert response.headers["content-type"].startswith(CONTENT_TYPES[extension[0]]), url
        assert len(response.content) > 1000, url


@pytest.mark.parametrize("path", PAGES)
async def test_the_policy_allows_only_self_and_the_pages_own_inline_code(
    client: AsyncClient, path: str
) -> None:
    parts, _html, policy = await page_parts(client, path)
    found = directives(policy)
    nonce = f"'nonce-{parts.inline_nonces[0]}'"
    assert found["default-src"] == ["'self'"]
    assert found["script-src"] == ["'self'", nonce]
    assert found["style-src"] == ["'self'", nonce]
    assert found["object-src"] == ["'none'"]
    assert found["frame-ancestors"] == ["'none'"]
    assert set(parts.inline_nonces) == {parts.inline_nonces[0]}, "every inline block has it"
    assert "unsafe" not in policy
    assert "http" not in policy


@pytest.mark.parametrize("path", PAGES)
async def test_every_answer_has_a_new_nonce(client: AsyncClient, path: str) -> None:
    first, *_ = await page_parts(client, path)
    second, *_ = await page_parts(client, path)
    assert first.inline_nonces[0] != second.inline_nonces[0]


async def test_only_the_documentation_assets_are_served(client: AsyncClient) -> None:
    parts, *_ = await page_parts(client, "/docs")
    assets = parts.urls[0].rpartition("/")[0]
    for name in ("core.py", "..%2F..%2Fapp%2Fmain.py", "LICENSE"):
        assert (await client.get(f"{assets}/{name}")).status_code == 404
