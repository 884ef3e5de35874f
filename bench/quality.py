"""Digest quality benchmark: ``.venv/bin/python bench/quality.py [--corpus DIR ...] [--misses]``.

Urgency, action items and summaries of the offline analyzer on the labelled corpus (dev and
test splits) beside main before issue 8 and a keyword baseline, and the analyzer's speed.
See bench/README.md for the corpus format and how each figure is defined.
"""

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:] = [str(ROOT), *(p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", action="append", type=Path, help="corpus root (repeatable)")
    parser.add_argument("--split", choices=["dev", "test"], action="append")
    parser.add_argument("--misses", action="store_true", help="list every misread urgency")
    parser.add_argument("--no-speed", action="store_true")
    parser.add_argument(
        "--show-actions",
        choices=["dev"],
        help="print predicted vs labelled action items per message of the split, then stop",
    )
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gda_site.settings")
    os.environ.setdefault("DEBUG", "true")
    import django

    django.setup()
    from bench.qualitybench.corpus import load_corpus
    from bench.qualitybench.peers import ANALYZERS
    from bench.qualitybench.report import confusion, evaluate, speed, table, targets

    corpus = load_corpus(args.corpus)
    if not corpus["dev"] and not corpus["test"]:
        where = ", ".join(map(str, args.corpus or ["bench/data/quality"]))
        sys.exit(
            f"no labelled mail (X.eml + X.json) under {where}/dev or /test: see bench/README.md"
        )
    if args.show_actions:
        from bench.qualitybench.actiondiff import action_diffs

        print(action_diffs(ANALYZERS["offline"], corpus[args.show_actions]))
        return
    for split in args.split or ["dev", "test"]:
        samples = corpus[split]
        results = {name: evaluate(fn, samples) for name, fn in ANALYZERS.items()}
        print(table(f"{split} ({len(samples)} messages)", results))
        print(confusion(results["offline"]))
        if split == "test":
            print("targets (offline, test split):")
            print(targets(results["offline"]))
        if args.misses:
            print("\n".join(results["offline"].misses))
        print()
    if not args.no_speed:
        print(speed(corpus["dev"] + corpus["test"]))


if __name__ == "__main__":
    main()
