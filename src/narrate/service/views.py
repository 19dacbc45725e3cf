"""A narration's status as the API shows it (GET /v1/narrations/{id}, and the callback)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from narrate.service.jobs import DONE, FAILED, RUNNING, Job

API_PREFIX = "/v1/narrations"
AUDIO_PREFIX = "/audio/"


@dataclass(frozen=True)
class Counts:
    """How far a running narration is: sentences spoken of the total."""

    done: int = 0
    total: int = 0


def job_view(job: Job, base_url: str, counts: Counts | None = None) -> dict[str, Any]:
    """The status of `job`: queued, running (sentences done of total), done (its files'
    URLs under `base_url`) or failed (the one-line reason)."""
    view: dict[str, Any] = {
        "id": job.id,
        "status": job.status,
        "status_url": f"{base_url}{API_PREFIX}/{job.id}",
        "post": job.post,
        "title": job.title,
        "created": job.created,
        "updated": job.updated,
        "attempts": job.attempts,
    }
    if job.status == RUNNING:
        counts = counts or Counts()
        view["sentences"] = {"done": counts.done, "total": counts.total}
    elif job.status == DONE and job.output:
        files = json.loads(job.output)
        view["files"] = {kind: f"{base_url}{AUDIO_PREFIX}{name}" for kind, name in files.items()}
        view["feed"] = f"{base_url}{AUDIO_PREFIX}feed.xml"
    elif job.status == FAILED:
        view["error"] = job.error
    if job.callback:
        view["callback"] = {"url": job.callback, "status": job.callback_status}
    return view
