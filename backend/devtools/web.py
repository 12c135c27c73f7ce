"""The HTTP side of the mail catcher: an inbox page and a JSON API."""

import html
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from devtools.mail_store import CaughtMail, MailStore

INBOX_PAGE = Path(__file__).with_name("inbox.html")
FAVICON = Path(__file__).with_name("favicon.svg")

# Scripts stay blocked even if the iframe sandbox were lifted; remote images
# and styles are allowed so that mails look as they will in a real client.
MAIL_HTML_POLICY = "default-src 'none'; img-src * data:; style-src * 'unsafe-inline'; font-src *"

NOT_FOUND = {"detail": "Message not found"}


def create_web_app(store: MailStore, *, project_name: str | None = None) -> Starlette:
    """`project_name` goes into the inbox's title, so its tab says whose mail it holds."""
    title = "Mail catcher" + (f" · {html.escape(project_name)}" if project_name else "")
    inbox = INBOX_PAGE.read_text(encoding="utf-8").replace(
        "<title>Mail catcher</title>", f"<title>{title}</title>"
    )

    icon = FAVICON.read_bytes()

    def find(request: Request) -> CaughtMail | None:
        return store.get(request.path_params["mail_id"])

    async def inbox_page(_request: Request) -> Response:
        return HTMLResponse(inbox)

    async def favicon(_request: Request) -> Response:
        return Response(icon, media_type="image/svg+xml")

    async def list_messages(_request: Request) -> Response:
        return JSONResponse([mail.to_json() for mail in store.newest_first()])

    async def clear_messages(_request: Request) -> Response:
        return JSONResponse({"deleted": store.clear()})

    async def read_message(request: Request) -> Response:
        mail = find(request)
        if mail is None:
            return JSONResponse(NOT_FOUND, status_code=404)
        return JSONResponse(mail.to_json())

    async def message_html(request: Request) -> Response:
        mail = find(request)
        if mail is None or mail.html is None:
            return PlainTextResponse("No HTML body", status_code=404)
        return HTMLResponse(
            open_links_in_new_tab(mail.html),
            headers={"Content-Security-Policy": MAIL_HTML_POLICY},
        )

    async def message_source(request: Request) -> Response:
        mail = find(request)
        if mail is None:
            return PlainTextResponse("Message not found", status_code=404)
        return PlainTextResponse(mail.source.decode("utf-8", errors="replace"))

    return Starlette(
        routes=[
            Route("/", inbox_page, methods=["GET"]),
            Route("/favicon.svg", favicon, methods=["GET"]),
            # Where browsers look when a page names no icon (the JSON API's).
            Route("/favicon.ico", favicon, methods=["GET"]),
            Route("/api/messages", list_messages, methods=["GET"]),
            Route("/api/messages", clear_messages, methods=["DELETE"]),
            Route("/api/messages/{mail_id}", read_message, methods=["GET"]),
            Route("/messages/{mail_id}/html", message_html, methods=["GET"]),
            Route("/messages/{mail_id}/source", message_source, methods=["GET"]),
        ]
    )


def open_links_in_new_tab(html: str) -> str:
    """Links in a mail (a reset link, say) must open outside the preview frame."""
    base = '<base target="_blank">'
    head_start = html.find("<head>")
    if head_start == -1:
        return base + html
    insert_at = head_start + len("<head>")
    return html[:insert_at] + base + html[insert_at:]
