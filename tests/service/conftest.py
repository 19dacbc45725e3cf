"""The server the API tests share."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from serve_harness import Server, running_server


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One server for the tests that do not stop it (private network allowed: callbacks go
    to a local HTTP server)."""
    with running_server(tmp_path_factory.mktemp("serve"), "--allow-private-network") as s:
        yield s
