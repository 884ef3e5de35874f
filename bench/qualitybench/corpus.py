"""The labelled corpus: ``X.eml`` (RFC 5322) and ``X.json`` (labels) in ``dev/`` and ``test/``."""

from __future__ import annotations

import json
import zoneinfo
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from digests.parsing import ParsedMessage, parse_message
from digests.summarize.types import SummaryContext
from fakegoogle.gmail import parse_message as parse_rfc822
from fakegoogle.gmail import payload_json

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CORPUS = ROOT / "bench" / "data" / "quality"
SPLITS = ("dev", "test")
URGENCIES = ("low", "medium", "high", "urgent")


@dataclass(frozen=True)
class Sample:
    """One labelled message, parsed the way Gmail's API would hand it to the app."""

    name: str
    split: str
    message: ParsedMessage
    ctx: SummaryContext
    labels: dict[str, Any]


class CorpusError(ValueError):
    """A corpus file is missing its pair or its labels are not what the format says."""


def gmail_resource(raw: bytes, message_id: str) -> dict[str, Any]:
    """The ``format=full`` JSON Gmail would return for this RFC 822 message."""
    parsed = parse_rfc822(raw)
    when = parsed["Date"].datetime if parsed["Date"] else None
    internal = str(int(when.timestamp() * 1000)) if when else ""
    return {
        "id": message_id,
        "threadId": message_id,
        "labelIds": ["INBOX"],
        "snippet": "",
        "internalDate": internal,
        "payload": payload_json(parsed, "", message_id),
    }


def load_sample(eml: Path, split: str) -> Sample:
    label_path = eml.with_suffix(".json")
    if not label_path.exists():
        raise CorpusError(f"{eml}: no labels file {label_path.name}")
    try:
        labels = json.loads(label_path.read_text(encoding="utf-8"))
        reader = labels["reader"]
        zone = zoneinfo.ZoneInfo(reader["timezone"])
        now = datetime.fromisoformat(labels["digest_at"])
        if labels["urgency"] not in URGENCIES:
            raise CorpusError(f"{label_path}: unknown urgency {labels['urgency']!r}")
    except (KeyError, TypeError, ValueError, zoneinfo.ZoneInfoNotFoundError) as exc:
        raise CorpusError(f"{label_path}: {exc.__class__.__name__}: {exc}") from None
    message = parse_message(gmail_resource(eml.read_bytes(), eml.stem))
    ctx = SummaryContext(now=now, zone=zone, me=str(reader.get("email", "")).lower())
    return Sample(eml.stem, split, message, ctx, labels)


def load_corpus(dirs: list[Path] | None = None) -> dict[str, list[Sample]]:
    """Every sample under each ``DIR/{dev,test}``, sorted by name so runs are reproducible."""
    found: dict[str, dict[str, Sample]] = {split: {} for split in SPLITS}
    for root in dirs or [DEFAULT_CORPUS]:
        for split in SPLITS:
            for eml in sorted((Path(root) / split).glob("*.eml")):
                if not eml.with_suffix(".json").exists():
                    continue  # still being written: the labels come in the next commit
                found[split][eml.stem] = load_sample(eml, split)
    return {split: [found[split][k] for k in sorted(found[split])] for split in SPLITS}
