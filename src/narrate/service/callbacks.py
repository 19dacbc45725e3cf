"""The callback a submission may name: POSTed the narration's final status, signed, and
retried with backoff until it is taken (a 2xx) or the attempts run out.

A callback's address came from a client: it obeys the network policy like any download (a
private address is refused unless the server allows private networks) and redirects are not
followed. What is still to be sent is in the jobs table, so a restart sends it too.
"""

from __future__ import annotations

import json
import queue
import threading
import time
from collections.abc import Callable
from typing import Any

from narrate.network_policy import NetworkPolicy, RefusedAddressError
from narrate.service.jobs import FAILED, JobStore
from narrate.service.signatures import CALLBACK_HEADER, callback_signature

ATTEMPTS = 6
FIRST_DELAY_SECONDS = 1.0  # then 2, 4, 8, 16
TIMEOUT_SECONDS = 10.0
SENT = "sent"


class CallbackSender:
    """Sends callbacks from its own thread, one at a time, in the order jobs finished."""

    def __init__(
        self,
        store: JobStore,
        view: Callable[[str], dict[str, Any] | None],
        secret: str,
        policy: NetworkPolicy,
        first_delay: float = FIRST_DELAY_SECONDS,
    ) -> None:
        self.store = store
        self.view = view  # a job's status, as GET shows it
        self.secret = secret
        self.policy = policy
        self.first_delay = first_delay
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="narrate-callbacks", daemon=True)

    def start(self) -> None:
        for job in self.store.unsent_callbacks():
            self._queue.put(job.id)
        self._thread.start()

    def send_later(self, job_id: str) -> None:
        self._queue.put(job_id)

    def stop(self) -> None:
        """Stop sending (what is unsent stays pending in the jobs table for the next run)."""
        self._stopping.set()
        self._queue.put(None)
        self._thread.join(timeout=TIMEOUT_SECONDS + 1)

    def _loop(self) -> None:
        while not self._stopping.is_set():
            job_id = self._queue.get()
            if job_id is None:
                return
            job = self.store.get(job_id)
            body = self.view(job_id)
            if job is None or not job.callback or body is None:
                continue
            sent = self._deliver(job.callback, json.dumps(body).encode("utf-8"))
            if sent is not None:
                self.store.set_callback_status(job_id, SENT if sent else FAILED)

    def _deliver(self, url: str, body: bytes) -> bool | None:
        """True when taken, False when given up, None when stopped before either."""
        delay = self.first_delay
        for attempt in range(ATTEMPTS):
            if attempt and self._stopping.wait(delay):
                return None
            if attempt:
                delay *= 2
            try:
                if self._post(url, body):
                    return True
            except RefusedAddressError:  # not an address to try again
                return False
        return False

    def _post(self, url: str, body: bytes) -> bool:
        """True when the callback took `body`; RefusedAddressError for a forbidden address."""
        import requests

        from narrate.http import user_agent

        headers = {
            "Content-Type": "application/json",
            "User-Agent": user_agent(),
            CALLBACK_HEADER: callback_signature(self.secret, body, int(time.time())),
        }
        self.policy.check_url(url)
        try:
            response = requests.post(
                url, data=body, headers=headers, timeout=TIMEOUT_SECONDS, allow_redirects=False
            )
        except (requests.RequestException, OSError):
            return False
        return 200 <= response.status_code < 300
