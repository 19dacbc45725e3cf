"""`narrate serve`: the API on uvicorn, the workers beside it, one output folder.

The folder's state lock is held for the server's life, so no second server or batch writes
to it. SIGTERM (or Ctrl-C): new submissions get 503, the running narrations get `grace`
seconds to finish and are then queued again, and the process exits 0. A second signal stops
them at once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from narrate.batching.settings import BatchSettings
from narrate.batching.state import open_state
from narrate.network_policy import NetworkPolicy
from narrate.service.app import ApiSettings, Service, create_app
from narrate.service.callbacks import CallbackSender
from narrate.service.dispatch import Dispatcher
from narrate.service.jobs import JobStore
from narrate.service.narrator import Narrator

if TYPE_CHECKING:
    import uvicorn

WORK_FOLDER = ".narrate-serve"  # submitted documents while they are read (hidden, not served)


@dataclass(frozen=True)
class ServeSettings:
    """How to run the server: where, how many narrations at once, the limits."""

    batch: BatchSettings  # the narration settings, the feed's channel
    api: ApiSettings
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 2
    deadline: float = 600.0  # seconds a narration may take
    grace: float = 30.0  # seconds the running narrations get on SIGTERM


def serve(settings: ServeSettings, on_start: Callable[[], None] = lambda: None) -> None:
    """Serve until SIGTERM or Ctrl-C; UsageError when another process holds the folder.
    `on_start` is called once the folder is locked and the voice loaded."""
    import uvicorn

    folder = settings.batch.narration.output_dir
    with open_state(folder):
        store = JobStore(folder)
        narrator = Narrator(settings.batch.narration, folder, folder / WORK_FOLDER)
        narrator.warm()
        callbacks = CallbackSender(
            store,
            lambda job_id: service().view(job_id),
            settings.api.token,
            NetworkPolicy(allow_private=settings.batch.narration.allow_private_network),
        )
        dispatcher = Dispatcher(
            store,
            narrator,
            workers=settings.workers,
            deadline=settings.deadline,
            base_url=settings.api.base_url,
            channel=settings.batch.channel,
            callbacks=callbacks,
        )
        app = create_app(settings.api, store, dispatcher)

        def service() -> Service:
            return app.state.service  # type: ignore[no-any-return]

        config = uvicorn.Config(
            app, host=settings.host, port=settings.port, log_level="warning", lifespan="off"
        )
        server = _draining_server(config, service(), dispatcher, settings.grace)
        dispatcher.start()
        on_start()
        try:
            server.run()
        finally:
            if not server.drained.is_set():  # type: ignore[attr-defined]  # not by a signal
                dispatcher.stop(0)
            narrator.close()
            store.close()


def _draining_server(
    config: uvicorn.Config, service: Service, dispatcher: Dispatcher, grace: float
) -> uvicorn.Server:
    """uvicorn's Server, with signals that drain the workers before the server stops (and
    are not raised again after it, so the exit status is 0); `drained` is set when done."""
    import uvicorn

    class Server(uvicorn.Server):
        def __init__(self, config: uvicorn.Config) -> None:
            super().__init__(config)
            self.drained = threading.Event()

        def handle_exit(self, sig: int, frame: FrameType | None) -> None:
            if service.draining:  # a second signal: stop the narrations now
                dispatcher.hurry()
                return
            service.draining = True

            def drain() -> None:
                dispatcher.stop(grace)
                self.drained.set()
                self.should_exit = True

            threading.Thread(target=drain, name="narrate-drain", daemon=True).start()

    return Server(config)


def read_secret(path: Path | None, environment: str) -> str | None:
    """A secret from a file (its first line) or an environment variable's value."""
    import os

    if path is not None:
        from narrate.errors import UsageError

        try:
            text = path.read_text(encoding="utf-8").strip().splitlines()
        except OSError as error:
            raise UsageError(f"{path}: cannot read ({error.strerror})") from None
        if not text or not text[0].strip():
            raise UsageError(f"{path} is empty")
        return text[0].strip()
    value = os.environ.get(environment, "").strip()
    return value or None
