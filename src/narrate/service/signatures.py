"""HMAC signatures: Ghost's on the webhooks it sends, and narrate's on its callbacks.

Ghost (ghost/core/.../webhooks/WebhookTrigger.js) sends
`X-Ghost-Signature: sha256=<hex>, t=<ms>`, where <hex> is HMAC-SHA256 with the webhook's
secret over the body followed by the timestamp (milliseconds since the epoch, as text).
A timestamp far from now is refused, so a captured request cannot be replayed later.
"""

from __future__ import annotations

import hashlib
import hmac
import time

GHOST_HEADER = "x-ghost-signature"
CALLBACK_HEADER = "X-Narrate-Signature"
#: How far a Ghost timestamp may be from this clock (Ghost retries within a minute).
GHOST_TOLERANCE_SECONDS = 300


def ghost_signature(secret: str, body: bytes, timestamp_ms: int) -> str:
    """The X-Ghost-Signature value Ghost sends for `body` at `timestamp_ms`."""
    digest = _hmac(secret, body + str(timestamp_ms).encode("ascii"))
    return f"sha256={digest}, t={timestamp_ms}"


def ghost_signed(secret: str, body: bytes, header: str | None, now: float | None = None) -> bool:
    """True when `header` is Ghost's signature of `body` with `secret`, made recently."""
    if not header or not secret:
        return False
    parts = dict(part.strip().partition("=")[::2] for part in header.split(",") if "=" in part)
    given, stamp = parts.get("sha256", ""), parts.get("t", "")
    if not stamp.isdigit():
        return False
    current = time.time() if now is None else now
    if abs(current - int(stamp) / 1000) > GHOST_TOLERANCE_SECONDS:
        return False
    expected = _hmac(secret, body + stamp.encode("ascii"))
    return hmac.compare_digest(expected, given)


def callback_signature(secret: str, body: bytes, timestamp: int) -> str:
    """The X-Narrate-Signature of a callback body: `t=<seconds>, sha256=<hex>`, the HMAC
    over "<seconds>." followed by the body (the scheme of Stripe's and Slack's webhooks)."""
    digest = _hmac(secret, str(timestamp).encode("ascii") + b"." + body)
    return f"t={timestamp}, sha256={digest}"


def _hmac(secret: str, message: bytes) -> str:
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()
