"""Batch narration: many posts through the same pipeline, with a state file and a feed.

The API call is `narrate.batch(...)` (defined in `narrate.batching.run`); the package is
named `batching` so that the call and the package do not share a name.
"""
