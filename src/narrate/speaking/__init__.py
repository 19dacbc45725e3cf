"""Speaking: chunk requests in, each chunk's leveled speech out, in order.

`speaker.open_speaker` sets up the one speaker every run speaks through (one article, a
batch, the service, the Python API): the voice's engine, the sentence cache (`store.py` on
disk, `cached.py` as a voice sees it and the executor serving hits) in front of one
executor: this process (`inline.py`), a pool of threads or worker processes (`pool.py`) or a
Dask cluster (`cluster.py`). `settings.py` holds how it is set up, light to import.
"""
