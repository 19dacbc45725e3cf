"""The HTTP API (Starlette): submit and follow narrations, and the files, read-only.

POST /v1/narrations needs the bearer token, or Ghost's signature for Ghost's webhook; a
wrong or missing one is 401 with no detail. Everything that touches SQLite or the disk runs
in a thread, so the event loop never waits on it.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route

from narrate.audio.formats import FORMATS
from narrate.service.dispatch import Dispatcher
from narrate.service.jobs import DONE, FAILED, QUEUED, JobStore
from narrate.service.signatures import GHOST_HEADER, ghost_signed
from narrate.service.submissions import (
    Submission,
    SubmissionError,
    from_ghost,
    parse_submission,
)
from narrate.service.views import API_PREFIX, job_view

# What /audio/ serves: a narration's files by suffix, nothing else (not the state file, not
# a submitted document), and only plain names directly in the output folder. The audio's
# types are narrate's one table of formats (audio/formats.py).
MEDIA_TYPES = {
    **{f".{suffix}": fmt.mime for suffix, fmt in FORMATS.items()},
    ".vtt": "text/vtt; charset=utf-8",
    ".srt": "application/x-subrip; charset=utf-8",
    ".json": "application/json",
    ".html": "text/html; charset=utf-8",
    ".xml": "application/rss+xml; charset=utf-8",
    ".jpg": "image/jpeg",
    ".png": "image/png",
}
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$")
# A narration's audio does not change under its name (the name is its content's digest,
# except a URL's, narrated again when resubmitted); the feed and sidecars may.
AUDIO_CACHE = "public, max-age=3600"
OTHER_CACHE = "public, max-age=60"
RECENT = 50  # narrations GET /v1/narrations lists (?limit=N, up to MAX_LISTED)
MAX_LISTED = 1000


@dataclass(frozen=True)
class ApiSettings:
    """What the API enforces: the bearer token, Ghost's webhook secret, the largest body,
    the longest queue, whether the files need the token too, the public base URL."""

    token: str
    base_url: str
    ghost_secret: str | None = None
    max_body: int = 1_000_000
    max_queued: int = 100
    retry_after: int = 30
    private_files: bool = False


class Service:
    """The state the routes share."""

    def __init__(self, settings: ApiSettings, store: JobStore, dispatcher: Dispatcher) -> None:
        self.settings = settings
        self.store = store
        self.dispatcher = dispatcher
        self.draining = False
        self._admission = asyncio.Lock()

    def view(self, job_id: str) -> dict[str, Any] | None:
        job = self.store.get(job_id)
        if job is None:
            return None
        return job_view(job, self.settings.base_url, self.dispatcher.counts(job_id))

    def authorized(self, request: Request) -> bool:
        given = request.headers.get("authorization", "")
        scheme, _, token = given.partition(" ")
        return scheme.lower() == "bearer" and hmac.compare_digest(
            token.strip().encode(), self.settings.token.encode()
        )

    async def submit(self, request: Request) -> Response:
        if self.draining:
            return _error(503, "shutting down", {"Retry-After": str(self.settings.retry_after)})
        signature = request.headers.get(GHOST_HEADER)
        if signature is None and not self.authorized(request):
            return _unauthorized()
        body = await _read_body(request, self.settings.max_body)
        if body is None:
            return _error(413, f"the body is over {self.settings.max_body} bytes")
        if signature is not None and not ghost_signed(
            self.settings.ghost_secret or "", body, signature
        ):
            return _unauthorized()
        try:
            data = json.loads(body)
            submission = from_ghost(data) if signature is not None else parse_submission(data)
        except (ValueError, SubmissionError) as error:
            message = str(error) if isinstance(error, SubmissionError) else "invalid JSON"
            return _error(400, message)
        return await self._admit(submission)

    async def _admit(self, submission: Submission) -> Response:
        job_id = submission.job_id(self.dispatcher.narrator.fingerprint)
        async with self._admission:
            existing = await run_in_threadpool(self.store.get, job_id)
            again = existing is not None and (
                existing.status == FAILED or (existing.status == DONE and existing.kind == "url")
            )
            if existing is None or again:
                queued = await run_in_threadpool(self.store.count, QUEUED)
                if queued >= self.settings.max_queued:
                    headers = {"Retry-After": str(self.settings.retry_after)}
                    return _error(429, "the queue is full", headers)
                await run_in_threadpool(self.store.submit, job_id, submission)
                self.dispatcher.wake()
        view = await run_in_threadpool(self.view, job_id)
        assert view is not None
        return JSONResponse(view, status_code=202, headers={"Location": view["status_url"]})


def create_app(settings: ApiSettings, store: JobStore, dispatcher: Dispatcher) -> Starlette:
    """The ASGI app; `app.state.service.draining = True` makes it refuse new work (503)."""
    service = Service(settings, store, dispatcher)
    folder = store.folder

    async def list_narrations(request: Request) -> Response:
        if not service.authorized(request):
            return _unauthorized()
        limit = request.query_params.get("limit", "")
        count = min(int(limit), MAX_LISTED) if limit.isdigit() else RECENT
        jobs = await run_in_threadpool(store.recent, count)
        views = [job_view(job, settings.base_url, dispatcher.counts(job.id)) for job in jobs]
        return JSONResponse({"narrations": views})

    async def show_narration(request: Request) -> Response:
        if not service.authorized(request):
            return _unauthorized()
        view = await run_in_threadpool(service.view, request.path_params["job_id"])
        return JSONResponse(view) if view else _error(404, "no such narration")

    async def audio_file(request: Request) -> Response:
        if settings.private_files and not service.authorized(request):
            return _unauthorized()
        path = await run_in_threadpool(_served_path, folder, request.path_params["name"])
        if path is None:
            return _error(404, "not found")
        cache = AUDIO_CACHE if MEDIA_TYPES[path.suffix].startswith("audio/") else OTHER_CACHE
        return FileResponse(
            path, media_type=MEDIA_TYPES[path.suffix], headers={"Cache-Control": cache}
        )

    async def feed(request: Request) -> Response:
        request.path_params["name"] = "feed.xml"
        return await audio_file(request)

    async def health(_: Request) -> Response:
        return JSONResponse({"ok": not service.draining, "running": dispatcher.busy()})

    app = Starlette(
        routes=[
            Route(API_PREFIX, service.submit, methods=["POST"]),
            Route(API_PREFIX, list_narrations, methods=["GET"]),
            Route(API_PREFIX + "/{job_id}", show_narration, methods=["GET"]),
            Route("/audio/{name}", audio_file, methods=["GET", "HEAD"]),
            Route("/feed.xml", feed, methods=["GET", "HEAD"]),
            Route("/healthz", health, methods=["GET"]),
        ]
    )
    app.state.service = service
    return app


def _served_path(folder: Path, name: str) -> Path | None:
    """The file `name` names in `folder`, if it is one /audio/ may serve."""
    if not _NAME.match(name) or ".." in name:
        return None
    path = folder / name
    if path.suffix not in MEDIA_TYPES or path.is_symlink() or not path.is_file():
        return None
    return path


async def _read_body(request: Request, limit: int) -> bytes | None:
    """The body, or None as soon as it is over `limit` bytes (declared or sent)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


def _unauthorized() -> Response:
    return Response(status_code=401, headers={"WWW-Authenticate": "Bearer"})
