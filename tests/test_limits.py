"""narrate.limits: an article past its time or memory budget fails in one line, at the next
checkpoint; outside a budget a checkpoint does nothing."""

import time

import pytest

from narrate.errors import ArticleError
from narrate.limits import ArticleBudget, BudgetError, checkpoint, resident_bytes


def test_past_the_deadline_a_checkpoint_fails_the_article():
    with ArticleBudget(seconds=0.05, megabytes=None, what="post.md"):
        checkpoint()  # within it
        time.sleep(0.1)
        with pytest.raises(BudgetError) as caught:
            checkpoint()
    message = str(caught.value)
    assert message.startswith("post.md: reading and planning took over 0.05 s")
    assert "\n" not in message and isinstance(caught.value, ArticleError)


def test_memory_grown_past_the_ceiling_fails_the_article():
    with ArticleBudget(seconds=None, megabytes=50, what="post.md") as budget:
        budget.check()
        ballast = bytearray(120_000_000)  # touched: resident, not only reserved
        ballast[::4096] = b"x" * len(ballast[::4096])
        time.sleep(0.06)  # memory is read at most every 50 ms
        with pytest.raises(BudgetError, match=r"post.md: .* over 50 MB of memory"):
            budget.check()
    del ballast


def test_a_checkpoint_outside_a_budget_does_nothing():
    checkpoint()
    with ArticleBudget(seconds=0.0, megabytes=None):
        pass
    checkpoint()  # the budget ended with its block


def test_resident_size_is_measured():
    assert resident_bytes() > 10_000_000
