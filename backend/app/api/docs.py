"""The interactive API documentation, /docs (Swagger UI) and /redoc (ReDoc),
served whole by the app.

FastAPI's own pages load both from a CDN: without internet they stay blank,
and every visit tells a third party who reads the docs. The scripts, the
stylesheet and the icon come from the fastapi-offline package instead, which
ships released builds of Swagger UI and ReDoc, and are served here under the
package's version, so browsers may keep them for good.

Each page carries a Content-Security-Policy that allows this origin only,
plus the page's own inline scripts and styles, by a nonce made for each answer. A nonce
rather than hashes: ReDoc writes <style> elements while it runs, whose content
no hash can foresee, and it tags them with the nonce it is given (its `nonce`
option), so one mechanism covers both pages. Images may also be `data:` URLs,
which Swagger UI's stylesheet uses for its icons, and workers `blob:` URLs,
which ReDoc's search uses. ReDoc's footer shows a logo from Redocly's CDN:
the policy blocks it (the browser logs that), so the page fetches nothing
from elsewhere.
"""

import json
import secrets
from html import escape
from importlib import metadata, resources
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse, HTMLResponse

from app.core.config import settings
from app.core.errors import NotFound

ASSETS_VERSION = metadata.version("fastapi-offline")
ASSETS_DIR = Path(str(resources.files("fastapi_offline") / "static"))
ASSETS_URL = f"/docs-assets/{ASSETS_VERSION}"
ASSET_TYPES = {
    "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
    "swagger-ui.css": "text/css; charset=utf-8",
    "redoc.standalone.js": "text/javascript; charset=utf-8",
    "favicon.png": "image/png",
}
OPENAPI_URL = f"{settings.API_V1_STR}/openapi.json"

router = APIRouter(tags=["docs"], include_in_schema=False)


def content_security_policy(nonce: str) -> str:
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' 'nonce-{nonce}'",
            f"style-src 'self' 'nonce-{nonce}'",
            "img-src 'self' data:",
            # ReDoc's search runs in a worker it builds from its own code.
            "worker-src 'self' blob:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


def script_value(value: object) -> str:
    """`value` as JavaScript inside a <script>: JSON that cannot close the tag."""
    return json.dumps(value).replace("<", "\\u003c")


def page(*, title: str, nonce: str, head: str, body: str) -> HTMLResponse:
    html = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="icon" type="image/png" href="{ASSETS_URL}/favicon.png">
{head}
</head>
<body>
{body}
</body>
</html>
"""
    return HTMLResponse(html, headers={"Content-Security-Policy": content_security_policy(nonce)})


@router.get("/docs")
async def swagger_ui() -> HTMLResponse:
    nonce = secrets.token_urlsafe(16)
    # validatorUrl null: Swagger UI would otherwise show a badge image fetched
    # from swagger.io for every public spec.
    config = {
        "url": OPENAPI_URL,
        "dom_id": "#swagger-ui",
        "layout": "BaseLayout",
        "deepLinking": True,
        "showExtensions": True,
        "showCommonExtensions": True,
        "validatorUrl": None,
    }
    return page(
        title=f"{escape(settings.PROJECT_NAME)} - Swagger UI",
        nonce=nonce,
        head=f'<link rel="stylesheet" href="{ASSETS_URL}/swagger-ui.css">',
        body=f"""<div id="swagger-ui"></div>
<script src="{ASSETS_URL}/swagger-ui-bundle.js"></script>
<script nonce="{nonce}">
SwaggerUIBundle(Object.assign({script_value(config)}, {{
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
}}))
</script>""",
    )


# ReDoc's bundle adds the stylesheet of its scrollbar library while it loads,
# before Redoc.init hands it the nonce: style elements that scripts create get
# the page's nonce from the start. Markup (a description's HTML) is unaffected.
STYLE_NONCE_SHIM = """const nonce = document.currentScript.nonce;
const createElement = document.createElement.bind(document);
document.createElement = (name, options) => {
  const element = createElement(name, options);
  if (String(name).toLowerCase() === "style") element.nonce = nonce;
  return element;
};"""


@router.get("/redoc")
async def redoc() -> HTMLResponse:
    nonce = secrets.token_urlsafe(16)
    return page(
        title=f"{escape(settings.PROJECT_NAME)} - ReDoc",
        nonce=nonce,
        head=f'<style nonce="{nonce}">body {{ margin: 0; padding: 0; }}</style>',
        body=f"""<div id="redoc"></div>
<script nonce="{nonce}">
{STYLE_NONCE_SHIM}
</script>
<script src="{ASSETS_URL}/redoc.standalone.js"></script>
<script nonce="{nonce}">
Redoc.init({script_value(OPENAPI_URL)}, {{ nonce: {script_value(nonce)} }},
  document.getElementById("redoc"))
</script>""",
    )


@router.get(ASSETS_URL + "/{name}")
async def docs_asset(name: str) -> FileResponse:
    media_type = ASSET_TYPES.get(name)
    if media_type is None:
        raise NotFound()
    return FileResponse(
        ASSETS_DIR / name,
        media_type=media_type,
        # The version in the path changes with the files.
        headers={"Cache-Control": "public, max-age=31536000, immutable"},
    )
