"""The ONNX Runtime session a local engine (piper, hibari) runs its model in.

One thread per call: parallelism comes from threads calling the one session at once.

No memory patterns: onnxruntime's memory pattern plans one block per input shape and keeps
the plan of every shape it has seen. Every sentence is a new length of phoneme ids, so over
a long narration the plans and their blocks of ever-different sizes fragment the heap. With
patterns, a 2-hour narration in hibari's voice peaked about 85 MB above a 10-minute one
(+20%); without them, about 45 MB (+9 to +11%), at the same speed (bench/scale.py).
"""

from __future__ import annotations

from typing import Any


def open_session(model: bytes | str) -> Any:
    """An onnxruntime InferenceSession of `model` (serialized bytes or a path) on the CPU."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.enable_mem_pattern = False
    options.log_severity_level = 3  # warnings about the graph are not the listener's
    return onnxruntime.InferenceSession(
        model, sess_options=options, providers=["CPUExecutionProvider"]
    )
