"""Speaking: chunk requests in, each chunk's leveled speech out, in order.

`speaker.Speaker` is the one component every run speaks through (one article, a batch, the
Python API). It composes the sentence cache (`cached.py`) with one executor: this process
(`inline.py`), a pool of worker processes (`pool.py`) or a Dask cluster (`cluster.py`).
"""
