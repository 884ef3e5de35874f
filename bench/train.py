"""``make train``: refit the urgency model on the corpus's dev split (``--corpus DIR``, repeatable).

Writes digests/summarize/urgency_model.json; the same corpus always gives the same bytes.
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
    parser.add_argument("--c", type=float, default=None, help="regularization (scikit-learn C)")
    parser.add_argument(
        "--cv", action="store_true", help="5-fold cross-validation on dev; writes nothing"
    )
    parser.add_argument("--misses", action="store_true", help="with --cv: list every miss")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gda_site.settings")
    os.environ.setdefault("DEBUG", "true")
    import django

    django.setup()
    from bench.qualitybench.corpus import load_corpus
    from bench.qualitybench.train import REGULARIZATION, cross_validate, fit, write

    dev = load_corpus(args.corpus)["dev"]
    if not dev:
        sys.exit("no dev messages found: nothing to train on")
    c = args.c if args.c is not None else REGULARIZATION
    if args.cv:
        accuracy, urgent_low, misses = cross_validate(dev, c)
        if args.misses:
            print("\n".join(misses))
        print(f"5-fold CV on {len(dev)} dev messages (C={c}): urgency {accuracy:.1%}")
        print(f"  urgent read as low {urgent_low}, misses {len(misses)}")
        return
    model = fit(dev, c)
    write(model)
    print(f"urgency model: {len(model['weights'])} signals, fitted on {len(dev)} dev messages")


if __name__ == "__main__":
    main()
