# TEMPORARY shim for a running bench (speaker); removed when it ends. Do not commit.
from narrate.ffmpeg import ffmpeg_path  # noqa: F401
