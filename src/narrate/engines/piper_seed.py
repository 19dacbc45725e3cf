"""Make a piper (VITS) ONNX model reproducible: its noise comes from a per-call seed input.

A VITS graph draws noise in `RandomNormalLike` nodes that onnxruntime seeds once per session,
so the same sentence sounds different depending on how many calls came before it, and on
which worker process speaks it. Each such node is rewritten here into a counter-based
generator (a sine hash and the Box-Muller transform, computed in float64) driven by an extra
graph input `seed`. The same text with the same seed then gives the same samples in any
process, which makes cached, local and cluster narrations identical.
"""

from __future__ import annotations

import contextlib
import math
import threading
from collections.abc import Iterator
from typing import Any

import numpy as np
import onnx
from onnx import TensorProto, helper

from narrate.engines.identity import seed_for as chunk_seed

SEED_INPUT = "seed"


def seed_for(*parts: str) -> float:
    """The graph's seed input for a chunk: identity.seed_for's seed, scaled into [0, 10000)
    (the generator's sine hash is exact in float64 there)."""
    return (chunk_seed(*parts) >> 31) % 10_000_000 / 1000.0


def add_seed_input(model: onnx.ModelProto) -> onnx.ModelProto:
    """Rewrite every RandomNormalLike node of `model` into a seeded generator (in place)."""
    graph = model.graph
    targets = [n for n in graph.node if n.op_type == "RandomNormalLike"]
    if not targets:
        return model
    graph.input.append(helper.make_tensor_value_info(SEED_INPUT, TensorProto.DOUBLE, [1]))
    for salt, node in enumerate(targets, start=1):
        new_nodes = _generator_nodes(node.input[0], node.output[0], f"seeded{salt}", salt)
        position = list(graph.node).index(node)
        graph.node.remove(node)
        for offset, new_node in enumerate(new_nodes):
            graph.node.insert(position + offset, new_node)
    return model


def _generator_nodes(like: str, output: str, prefix: str, salt: int) -> list[onnx.NodeProto]:
    """Nodes computing standard normal noise shaped like `like`, from `seed` and a counter."""

    def name(part: str) -> str:
        return f"/{prefix}/{part}"

    def const(part: str, value: Any, dtype: int = TensorProto.DOUBLE) -> onnx.NodeProto:
        array = np.array(value, dtype=onnx.helper.tensor_dtype_to_np_dtype(dtype))
        tensor = helper.make_tensor(name(part), dtype, array.shape, array.flatten().tolist())
        return helper.make_node("Constant", [], [name(part)], value=tensor)

    def op(kind: str, inputs: list[str], part: str, **attrs: Any) -> onnx.NodeProto:
        return helper.make_node(kind, inputs, [name(part)], name=name(part), **attrs)

    def uniform(tag: str, a: float, b: float, scale: float) -> list[onnx.NodeProto]:
        # fract(sin(i * a + seed * b + salt) * scale), a classic counter hash.
        return [
            const(f"{tag}_a", [a]),
            const(f"{tag}_b", [b]),
            const(f"{tag}_scale", [scale]),
            const(f"{tag}_salt", [salt * 17.0 + (1.0 if tag == "u2" else 0.0)]),
            op("Mul", [name("index"), name(f"{tag}_a")], f"{tag}_ia"),
            op("Mul", [SEED_INPUT, name(f"{tag}_b")], f"{tag}_sb"),
            op("Add", [name(f"{tag}_ia"), name(f"{tag}_sb")], f"{tag}_sum"),
            op("Add", [name(f"{tag}_sum"), name(f"{tag}_salt")], f"{tag}_arg"),
            op("Sin", [name(f"{tag}_arg")], f"{tag}_sin"),
            op("Mul", [name(f"{tag}_sin"), name(f"{tag}_scale")], f"{tag}_big"),
            op("Floor", [name(f"{tag}_big")], f"{tag}_floor"),
            op("Sub", [name(f"{tag}_big"), name(f"{tag}_floor")], tag),
        ]

    return [
        op("Shape", [like], "shape"),
        helper.make_node(
            "ConstantOfShape",
            [name("shape")],
            [name("ones")],
            name=name("ones"),
            value=helper.make_tensor("one", TensorProto.DOUBLE, [1], [1.0]),
        ),
        const("flat_shape", [-1], TensorProto.INT64),
        op("Reshape", [name("ones"), name("flat_shape")], "flat"),
        const("axis", 0, TensorProto.INT64),
        op("CumSum", [name("flat"), name("axis")], "index"),
        *uniform("u1", 12.9898, 78.233, 43758.5453),
        *uniform("u2", 39.3468, 11.135, 24634.6345),
        # Box-Muller: sqrt(-2 ln u1) * cos(2 pi u2), with u1 kept off zero.
        const("tiny", [1e-12]),
        const("minus_two", [-2.0]),
        const("two_pi", [2.0 * math.pi]),
        op("Max", [name("u1"), name("tiny")], "u1_safe"),
        op("Log", [name("u1_safe")], "log_u1"),
        op("Mul", [name("log_u1"), name("minus_two")], "radius_sq"),
        op("Sqrt", [name("radius_sq")], "radius"),
        op("Mul", [name("u2"), name("two_pi")], "angle"),
        op("Cos", [name("angle")], "cos"),
        op("Mul", [name("radius"), name("cos")], "normal_flat"),
        op("Reshape", [name("normal_flat"), name("shape")], "normal"),
        helper.make_node(
            "Cast", [name("normal")], [output], name=name("cast"), to=TensorProto.FLOAT
        ),
    ]


class SeededSession:
    """Wraps an onnxruntime session so every run() feeds the seed of the calling thread.

    The seed is set for one synthesis with `seeded(seed)`; it is kept per thread, so several
    threads speaking on one engine (a Dask worker with two threads) never see each other's.
    """

    def __init__(self, session: Any) -> None:
        self._session = session
        self._local = threading.local()

    @contextlib.contextmanager
    def seeded(self, seed: float) -> Iterator[None]:
        self._local.seed = seed
        try:
            yield
        finally:
            del self._local.seed

    def run(self, output_names: Any, inputs: dict[str, Any], *args: Any, **kwargs: Any) -> Any:
        seed = getattr(self._local, "seed", None)
        if seed is None:
            raise RuntimeError("SeededSession.run outside seeded(): the noise would be unseeded")
        feed = dict(inputs)
        feed[SEED_INPUT] = np.array([seed], dtype=np.float64)
        return self._session.run(output_names, feed, *args, **kwargs)

    def __getattr__(self, attr: str) -> Any:
        return getattr(self._session, attr)
