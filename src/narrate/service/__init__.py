"""`narrate serve` and `narrate watch`: narration on publish, as a service that loses nothing.

submissions (what a request asks for, and its id) -> jobs (SQLite, stored before the 202)
-> dispatch (worker threads) -> narrator (the one adapter onto the pipeline) -> files and
feed in the output folder, served read-only by app; server runs it on uvicorn.
"""
