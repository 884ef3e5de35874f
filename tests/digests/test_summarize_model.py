"""The urgency model: the committed file is what ``make train`` builds, and training is exact."""

import json
import math
import shutil
from pathlib import Path

import pytest

from bench.qualitybench.corpus import DEFAULT_CORPUS, CorpusError, load_corpus
from bench.qualitybench.train import cross_validate, fit, write
from digests.summarize.model import MODEL_PATH, load_model, model_from_json
from tests.digests.factories import mail

LABELS = {
    "urgent": ("Could you send me the signed contract tonight?", "Contract tonight"),
    "high": ("Could you review the hiring plan by Friday?", "Hiring plan"),
    "medium": ("No rush: could you share thoughts on the offsite sometime in January?", "Offsite"),
    "low": ("This week in Rust: async closures and a new borrow checker.", "Weekly news"),
}


def write_sample(folder: Path, name: str, urgency: str, copy: int) -> None:
    body, subject = LABELS[urgency]
    message = mail(f"{body}\n\nVersion {copy}.", subject=subject, to="ada@example.com")
    (folder / f"{name}.eml").write_bytes(message.as_bytes())
    labels = {
        "reader": {"email": "ada@example.com", "name": "Ada", "timezone": "Europe/Berlin"},
        "digest_at": "2026-11-30T10:00:00+01:00",
        "urgency": urgency,
        "suspicious": False,
        "decoy": None,
        "actions": [],
        "summary": "s",
        "key_facts": [],
        "reason": "r",
    }
    (folder / f"{name}.json").write_text(json.dumps(labels), encoding="utf-8")


@pytest.fixture
def tiny_corpus(tmp_path):
    for split in ("dev", "test"):
        (tmp_path / split).mkdir()
    for n, urgency in enumerate(sorted(LABELS) * 3):
        write_sample(tmp_path / "dev", f"x{n:03d}", urgency, n)
    return tmp_path


def test_training_is_deterministic_to_the_byte(tiny_corpus, tmp_path):
    first, second = tmp_path / "one.json", tmp_path / "two.json"
    write(fit(load_corpus([tiny_corpus])["dev"]), first)
    # The same corpus in another folder, read in another order, gives the same bytes.
    copy = tmp_path / "copy"
    shutil.copytree(tiny_corpus, copy)
    write(fit(list(reversed(load_corpus([copy])["dev"]))), second)
    assert first.read_bytes() == second.read_bytes()


def test_a_model_fitted_on_labelled_mail_tells_the_classes_apart(tiny_corpus):
    model = model_from_json(fit(load_corpus([tiny_corpus])["dev"]))
    assert model.classes == ("low", "medium", "high", "urgent")
    assert set(model.weights)  # every feature the corpus showed is weighed


def test_the_committed_model_is_what_make_train_builds():
    committed = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    dev = load_corpus()["dev"]
    if dev:  # the corpus is in the repository: rebuild and compare
        assert fit(dev) == committed
    else:  # without the corpus, at least the file must be a usable model
        model = load_model()
        probabilities = model.probabilities({"bias_person": 1.0, "deadline_16h": 1.0})
        assert math.isclose(sum(probabilities.values()), 1.0)
        assert committed["trained_on"].endswith("dev messages")
    assert DEFAULT_CORPUS.name == "quality"


def test_a_sample_without_its_labels_is_waited_for_and_bad_labels_are_refused(tiny_corpus):
    (tiny_corpus / "dev" / "x999.eml").write_bytes(b"From: a@b.example\n\nhalf written")
    assert len(load_corpus([tiny_corpus])["dev"]) == 12
    (tiny_corpus / "dev" / "x999.json").write_text('{"urgency": "soon"}', encoding="utf-8")
    with pytest.raises(CorpusError, match=r"x999\.json"):
        load_corpus([tiny_corpus])


def test_cross_validation_reads_every_message_once(tiny_corpus):
    dev = load_corpus([tiny_corpus])["dev"]
    accuracy, urgent_low, misses = cross_validate(dev, folds=3)
    assert 0.0 <= accuracy <= 1.0
    assert len(misses) == round((1 - accuracy) * len(dev))
    assert urgent_low <= len(misses)
