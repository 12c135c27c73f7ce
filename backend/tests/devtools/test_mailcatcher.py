"""The mail catcher, run as developers run it: a real process on free ports,
fed by smtplib and read through its HTTP API."""

import html
import queue
import re
import signal
import smtplib
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import EmailMessage
from html.parser import HTMLParser
from pathlib import Path
from typing import IO

import httpx
import pytest

from app.core.config import settings

BACKEND_DIR = Path(__file__).resolve().parents[2]
STARTUP_TIMEOUT_SECONDS = 20.0
SMTP_URL = re.compile(r"smtp://127\.0\.0\.1:(\d+)")
HTTP_URL = re.compile(r"(http://127\.0\.0\.1:\d+)/")


@dataclass(frozen=True)
class RunningCatcher:
    process: "subprocess.Popen[str]"
    smtp_port: int
    http_url: str
    output: "queue.Queue[str]"


def next_line(output: "queue.Queue[str]") -> str:
    try:
        return output.get(timeout=STARTUP_TIMEOUT_SECONDS)
    except queue.Empty:
        pytest.fail("the mail catcher printed nothing in time")


def pump_lines(stream: IO[str], output: "queue.Queue[str]") -> None:
    for line in stream:
        output.put(line)


@contextmanager
def running_catcher() -> Iterator[RunningCatcher]:
    process = subprocess.Popen(
        [sys.executable, "-m", "devtools.mailcatcher", "--smtp-port", "0", "--http-port", "0"],
        cwd=BACKEND_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert process.stdout is not None
    output: queue.Queue[str] = queue.Queue()
    # A reader thread, because a pipe read cannot time out on its own.
    reader = threading.Thread(target=pump_lines, args=(process.stdout, output), daemon=True)
    reader.start()
    try:
        smtp_match = SMTP_URL.search(next_line(output))
        http_match = HTTP_URL.search(next_line(output))
        assert smtp_match, "no SMTP address in the start-up output"
        assert http_match, "no inbox address in the start-up output"
        yield RunningCatcher(process, int(smtp_match[1]), http_match[1], output)
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)
        reader.join(timeout=10)
        process.stdout.close()


@pytest.fixture(scope="module")
def catcher() -> Iterator[RunningCatcher]:
    with running_catcher() as started:
        yield started


@pytest.fixture
def inbox(catcher: RunningCatcher) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=catcher.http_url, timeout=10) as client:
        client.delete("/api/messages").raise_for_status()
        yield client


def make_mail(
    *, subject: str, to: str = "jane@example.com", text: str | None, html: str | None
) -> EmailMessage:
    mail = EmailMessage()
    mail["Subject"] = subject
    mail["From"] = "Acme <noreply@example.com>"
    mail["To"] = to
    if text is not None:
        mail.set_content(text)
    if html is not None:
        if text is None:
            mail.set_content(html, subtype="html")
        else:
            mail.add_alternative(html, subtype="html")
    return mail


def send(catcher: RunningCatcher, mail: EmailMessage, to_addrs: list[str] | None = None) -> None:
    with smtplib.SMTP("127.0.0.1", catcher.smtp_port, timeout=10) as smtp:
        smtp.send_message(mail, to_addrs=to_addrs)


def test_multipart_mail_appears_in_the_api(catcher: RunningCatcher, inbox: httpx.Client) -> None:
    html = '<p>Reset it <a href="https://app.example.com/reset?token=abc">here</a></p>'
    send(catcher, make_mail(subject="Reset your password", text="Reset it here", html=html))

    [message] = inbox.get("/api/messages").json()
    assert message["subject"] == "Reset your password"
    assert message["sender"] == "noreply@example.com"
    assert message["recipients"] == ["jane@example.com"]
    assert message["html"].strip() == html
    assert message["text"] == "Reset it here\n"
    assert set(message) == {"id", "sender", "recipients", "subject", "html", "text", "received_at"}


def test_delete_clears_every_message(catcher: RunningCatcher, inbox: httpx.Client) -> None:
    send(catcher, make_mail(subject="One", text="1", html=None))
    send(catcher, make_mail(subject="Two", text="2", html=None))

    response = inbox.delete("/api/messages")

    assert response.status_code == 200
    assert response.json() == {"deleted": 2}
    assert inbox.get("/api/messages").json() == []


def test_messages_are_listed_newest_first(catcher: RunningCatcher, inbox: httpx.Client) -> None:
    for subject in ("first", "second", "third"):
        send(catcher, make_mail(subject=subject, text=subject, html=None))

    subjects = [message["subject"] for message in inbox.get("/api/messages").json()]
    assert subjects == ["third", "second", "first"]


def test_one_message_is_read_by_id(catcher: RunningCatcher, inbox: httpx.Client) -> None:
    send(catcher, make_mail(subject="Welcome", text="Hello", html="<p>Hello</p>"))
    [listed] = inbox.get("/api/messages").json()

    response = inbox.get(f"/api/messages/{listed['id']}")

    assert response.status_code == 200
    assert response.json() == listed


def test_unknown_message_id_is_not_found(inbox: httpx.Client) -> None:
    response = inbox.get("/api/messages/does-not-exist")

    assert response.status_code == 404
    assert response.json() == {"detail": "Message not found"}


def test_recipients_are_the_envelope_recipients_including_bcc(
    catcher: RunningCatcher, inbox: httpx.Client
) -> None:
    mail = make_mail(subject="Hidden copy", text="hi", html=None)
    send(catcher, mail, to_addrs=["jane@example.com", "audit@example.com"])

    [message] = inbox.get("/api/messages").json()
    assert message["recipients"] == ["jane@example.com", "audit@example.com"]


def test_bounce_mailboxes_are_refused_and_the_other_recipients_kept(
    catcher: RunningCatcher, inbox: httpx.Client
) -> None:
    mail = make_mail(subject="Partly refused", text="hi", html=None)
    with pytest.raises(smtplib.SMTPRecipientsRefused):
        send(catcher, mail, to_addrs=["bounce@example.com"])
    recipients = ["jane@example.com", "Bounce+7@example.com", "bounced@example.com"]
    send(catcher, mail, to_addrs=recipients)

    [message] = inbox.get("/api/messages").json()
    assert message["recipients"] == ["jane@example.com", "bounced@example.com"]


def test_missing_bodies_are_null(catcher: RunningCatcher, inbox: httpx.Client) -> None:
    send(catcher, make_mail(subject="Text only", text="plain", html=None))
    send(catcher, make_mail(subject="HTML only", text=None, html="<b>rich</b>"))

    html_only, text_only = inbox.get("/api/messages").json()
    assert text_only["html"] is None
    assert text_only["text"] == "plain\n"
    assert html_only["text"] is None
    assert html_only["html"].strip() == "<b>rich</b>"


def test_non_ascii_subject_is_decoded(catcher: RunningCatcher, inbox: httpx.Client) -> None:
    send(catcher, make_mail(subject="Bienvenue, Zoë ✓", text="salut", html=None))

    [message] = inbox.get("/api/messages").json()
    assert message["subject"] == "Bienvenue, Zoë ✓"


def test_any_smtp_login_is_accepted(catcher: RunningCatcher, inbox: httpx.Client) -> None:
    with smtplib.SMTP("127.0.0.1", catcher.smtp_port, timeout=10) as smtp:
        smtp.login("any-user", "any-password")
        smtp.send_message(make_mail(subject="Authenticated", text="hi", html=None))

    assert [m["subject"] for m in inbox.get("/api/messages").json()] == ["Authenticated"]


def test_inbox_page_is_served(inbox: httpx.Client) -> None:
    response = inbox.get("/")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert f"<title>Mail catcher · {html.escape(settings.PROJECT_NAME)}</title>" in response.text
    assert 'setAttribute("sandbox"' in response.text


def test_the_inbox_names_an_icon_that_is_served(inbox: httpx.Client) -> None:
    parser = IconLinks()
    parser.feed(inbox.get("/").text)
    assert parser.hrefs, "the inbox page links an icon"
    # The second is where browsers look for pages without a link, JSON included.
    for href in [*parser.hrefs, "/favicon.ico"]:
        response = inbox.get(href)
        assert response.status_code == 200, href
        assert response.headers["content-type"] == "image/svg+xml"
        assert response.content.startswith(b'<svg xmlns="http://www.w3.org/2000/svg"')
        assert response.content.rstrip().endswith(b"</svg>")


class IconLinks(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "link" and found.get("rel") == "icon" and found.get("href"):
            self.hrefs.append(str(found["href"]))


def test_mail_html_preview_blocks_scripts_and_opens_links_in_new_tabs(
    catcher: RunningCatcher, inbox: httpx.Client
) -> None:
    html = "<html><head></head><body><script>alert(1)</script>Hi</body></html>"
    send(catcher, make_mail(subject="Preview", text="Hi", html=html))
    [message] = inbox.get("/api/messages").json()

    response = inbox.get(f"/messages/{message['id']}/html")

    assert response.status_code == 200
    assert "script-src" not in response.headers["content-security-policy"]
    assert "default-src 'none'" in response.headers["content-security-policy"]
    assert '<head><base target="_blank">' in response.text


def test_raw_source_is_available(catcher: RunningCatcher, inbox: httpx.Client) -> None:
    send(catcher, make_mail(subject="Raw", text="body text", html=None))
    [message] = inbox.get("/api/messages").json()

    source = inbox.get(f"/messages/{message['id']}/source").text

    assert "Subject: Raw" in source
    assert "body text" in source


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
def test_signal_stops_the_catcher_cleanly(stop_signal: signal.Signals) -> None:
    with running_catcher() as started:
        started.process.send_signal(stop_signal)
        exit_code = started.process.wait(timeout=10)
        assert exit_code == 0
        assert next_line(started.output).strip() == "Mail catcher stopped"
