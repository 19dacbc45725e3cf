"""C2PA content credentials (c2pa-python): sign a finished file, read a file's credentials.

The manifest asserts `c2pa.created` with IPTC digital source type `trainedAlgorithmicMedia`,
names narrate (and its version) as the claim generator, and records the engine and voice.
Its hash covers every byte of the file but the manifest itself, so signing is the very last
change to a file: any later tag edit makes the credentials read back invalid.
"""

from __future__ import annotations

import io
import json
import re
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import c2pa

from narrate.atomic import atomic_path
from narrate.audio.formats import FORMATS
from narrate.disclosure import IPTC_TRAINED_ALGORITHMIC_MEDIA
from narrate.errors import ConfigError, TagError, UsageError
from narrate.tags.labels import Labels
from narrate.version import __version__

#: Formats c2pa-python can embed a manifest in, with the MIME type it is told.
SIGNABLE = {name: FORMATS[name].mime for name in ("mp3", "m4a", "wav")}
ALGORITHMS = ("es256", "es384", "es512", "ps256", "ps384", "ps512", "ed25519")
# The one failure a throwaway or private CA is expected to cause: its root is in no trust list.
UNTRUSTED = "signingCredential.untrusted"


@dataclass(frozen=True)
class SigningSettings:
    """Where the signing certificate chain (PEM, leaf first) and private key (PEM) are."""

    cert: Path
    key: Path
    alg: str = "es256"
    tsa_url: str | None = None


@dataclass(frozen=True)
class SigningKey:
    """A certificate chain and key that have already signed a test asset successfully."""

    cert_chain: bytes
    private_key: bytes
    alg: str
    tsa_url: str | None = None


@dataclass(frozen=True)
class Credentials:
    """What a file's C2PA manifest says and whether it validates."""

    state: str  # c2pa's validation state: "Invalid", "Valid" or "Trusted"
    failures: tuple[str, ...]  # validation failure codes, e.g. signingCredential.untrusted
    signer: str
    generator: str
    digital_source_type: str | None

    @property
    def valid(self) -> bool:
        """Intact and correctly signed; the signer's trust is reported apart (`trusted`)."""
        return self.state in ("Valid", "Trusted") and set(self.failures) <= {UNTRUSTED}

    @property
    def trusted(self) -> bool:
        return self.state == "Trusted"


def load_signing_key(settings: SigningSettings) -> SigningKey:
    """Read the chain and key and sign a tiny test asset with them, so a wrong file fails in
    one line before any synthesis rather than after it."""
    alg = settings.alg.lower()
    if alg not in ALGORITHMS:
        raise ConfigError(f"c2pa_alg {settings.alg!r} is not one of {', '.join(ALGORITHMS)}")
    chain = _read_pem(settings.cert, "certificate chain", "CERTIFICATE")
    key = _read_pem(settings.key, "private key", "PRIVATE KEY")
    signing_key = SigningKey(chain, key, alg, settings.tsa_url)
    try:
        check = _manifest("narrate signing check", IPTC_TRAINED_ALGORITHMIC_MEDIA, {})
        _sign_stream(signing_key, "audio/wav", io.BytesIO(_tiny_wav()), io.BytesIO(), check)
    except c2pa.C2paError as error:
        raise ConfigError(
            f"C2PA signing with {settings.cert} and {settings.key} failed: {_first_line(error)}"
        ) from None
    return signing_key


def sign_file(path: Path, suffix: str, key: SigningKey, labels: Labels, title: str) -> None:
    """Embed a signed manifest in the `suffix` file at `path`, in place (through a hidden
    temporary beside it). `title` names the asset in the manifest (the file's final name)."""
    mime = SIGNABLE.get(suffix)
    if mime is None:
        raise UsageError(f"C2PA credentials cannot be embedded in .{suffix} files")
    manifest = _manifest(
        title,
        labels.digital_source_type,
        {"engine": labels.engine, "voice": labels.voice},
        description=labels.disclosure,
    )
    try:
        with (
            atomic_path(path) as signed,
            open(path, "rb") as source,
            open(signed, "w+b") as destination,
        ):
            _sign_stream(key, mime, source, destination, manifest)
    except c2pa.C2paError as error:
        raise TagError(f"C2PA signing failed: {_first_line(error)}") from None


def read_credentials(path: Path, mime: str) -> Credentials | None:
    """The credentials embedded in the file at `path`; None when it has none."""
    try:
        with open(path, "rb") as stream:
            reader = c2pa.Reader.try_create(mime, stream)
            if reader is None:
                return None
            with reader:
                state = reader.get_validation_state() or "Invalid"
                results = reader.get_validation_results() or {}
                manifest = reader.get_active_manifest() or {}
    except c2pa.C2paError as error:
        return Credentials("Invalid", (_first_line(error),), "", "", None)
    failures = tuple(
        str(item.get("code", "")) for item in results.get("activeManifest", {}).get("failure", [])
    )
    signature = manifest.get("signature_info", {})
    generators = manifest.get("claim_generator_info", [{}])
    generator = " ".join(str(generators[0].get(k, "")) for k in ("name", "version")).strip()
    return Credentials(
        state=state,
        failures=failures,
        signer=str(signature.get("common_name") or signature.get("issuer") or ""),
        generator=generator,
        digital_source_type=_created_source_type(manifest),
    )


def _manifest(
    title: str, source_type: str, parameters: dict[str, str], description: str = ""
) -> dict[str, Any]:
    """A manifest definition: one `c2pa.created` action (C2PA 2 requires a claim to open
    with one) carrying the digital source type."""
    created: dict[str, Any] = {
        "action": "c2pa.created",
        "digitalSourceType": source_type,
        "softwareAgent": {"name": "narrate", "version": __version__},
        "parameters": parameters,
    }
    if description:
        created["description"] = description
    return {
        "title": title,
        "claim_generator_info": [{"name": "narrate", "version": __version__}],
        "assertions": [
            {
                "label": "c2pa.actions",
                "data": {"actions": [created]},
            }
        ],
    }


def _sign_stream(
    key: SigningKey, mime: str, source: Any, destination: Any, manifest: dict[str, Any]
) -> None:
    info = c2pa.C2paSignerInfo(key.alg, key.cert_chain, key.private_key, key.tsa_url)
    with (
        c2pa.Signer.from_info(info) as signer,
        c2pa.Builder(json.dumps(manifest)) as builder,
    ):
        builder.sign(signer, mime, source, destination)


def _created_source_type(manifest: dict[str, Any]) -> str | None:
    for assertion in manifest.get("assertions", []):
        if str(assertion.get("label", "")).startswith("c2pa.actions"):
            for action in assertion.get("data", {}).get("actions", []):
                if action.get("action") == "c2pa.created":
                    return action.get("digitalSourceType")
    return None


def _read_pem(path: Path, what: str, marker: str) -> bytes:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ConfigError(f"C2PA {what} {path}: cannot read ({error.strerror})") from None
    # "PRIVATE KEY" also matches the "EC PRIVATE KEY" and "RSA PRIVATE KEY" blocks.
    if not re.search(rb"-----BEGIN [A-Z ]*" + marker.encode(), data):
        raise ConfigError(f"C2PA {what} {path}: not a PEM file (no BEGIN {marker} block)")
    return data


def _tiny_wav() -> bytes:
    """A valid 10 ms mono WAV of silence: the smallest asset c2pa signs."""
    samples = b"\0\0" * 80
    fmt = struct.pack("<HHIIHH", 1, 1, 8000, 16000, 2, 16)
    body = b"WAVE" + b"fmt " + struct.pack("<I", 16) + fmt
    body += b"data" + struct.pack("<I", len(samples)) + samples
    return b"RIFF" + struct.pack("<I", len(body)) + body


def _first_line(error: Exception) -> str:
    text = str(error).strip().splitlines()
    return text[0][:300] if text else type(error).__name__
