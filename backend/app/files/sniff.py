"""A file's type, read from its first bytes; never from the name or the
type the client declares.

Each use accepts a short allow-list, so a table of those types' signatures
is the whole sniffer: a general-purpose one would recognise hundreds of
formats only for us to refuse them.
"""

import codecs

PNG = "image/png"
JPEG = "image/jpeg"
GIF = "image/gif"
WEBP = "image/webp"
PDF = "application/pdf"
ZIP = "application/zip"
TEXT = "text/plain"

# Bytes enough to tell every type below apart.
SNIFF_BYTES = 4096

IMAGE_TYPES = frozenset({PNG, JPEG, GIF, WEBP})
ATTACHMENT_TYPES = frozenset({PNG, JPEG, GIF, WEBP, PDF, ZIP, TEXT})

SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"\xff\xd8\xff", JPEG),
    (b"GIF87a", GIF),
    (b"GIF89a", GIF),
    (b"%PDF-", PDF),
    (b"PK\x03\x04", ZIP),
)

# Markup a browser could render as a page if anything ever served it
# inline; refused as text so no HTML or SVG is stored as "plain".
MARKUP_STARTS = (b"<", b"\xef\xbb\xbf<")


def sniff(head: bytes) -> str | None:
    """The type of a file starting with `head`, or None if it is none of ours."""
    for signature, content_type in SIGNATURES:
        if head.startswith(signature):
            return content_type
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if is_plain_text(head):
        return TEXT
    return None


def is_plain_text(head: bytes) -> bool:
    """UTF-8 text with no control characters but whitespace, not markup."""
    if not head or head.lstrip().startswith(MARKUP_STARTS):
        return False
    sample = head[:SNIFF_BYTES]
    # A cut sample may end inside a character: the decoder keeps that tail
    # back instead of calling it invalid.
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        text = decoder.decode(sample, final=len(head) <= SNIFF_BYTES)
    except UnicodeDecodeError:
        return False
    return all(c.isprintable() or c in "\t\n\r\f" for c in text)


NAMES = {
    PNG: "PNG",
    JPEG: "JPEG",
    GIF: "GIF",
    WEBP: "WebP",
    PDF: "PDF",
    ZIP: "ZIP",
    TEXT: "plain text",
}


def describe(types: frozenset[str]) -> str:
    """The types' names for a person: "GIF, JPEG, PNG"."""
    return ", ".join(sorted(NAMES[t] for t in types))
