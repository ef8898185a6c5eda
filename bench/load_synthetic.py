#!/usr/bin/env python
"""Make sure N generated practices exist (synthetic-000001 … synthetic-N), for scale work.

    .venv/bin/python bench/load_synthetic.py 100000          # or: make synthetic N=100000
    .venv/bin/python bench/load_synthetic.py 1000 -v 2       # with the seconds of each phase

The database is the one in DATABASE_URL (the SQLite file `manage.py` uses when unset), migrated
first (`manage.py migrate`). Only the missing practices are created and none is ever deleted, so
running it again with the same N changes nothing. What the practices hold: `bench/synthetic.py`.
"""

import argparse
import os
import secrets
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_SYNTHETIC = 2_000_000


def configure_django() -> None:
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "earlall_practices.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def count(text: str) -> int:
    try:
        number = int(text.replace(",", "").replace("_", ""))
    except ValueError:
        number = -1
    if not 0 <= number <= MAX_SYNTHETIC:
        raise argparse.ArgumentTypeError(f"N is a number from 0 to {MAX_SYNTHETIC:,}, not {text!r}")
    return number


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=count, metavar="N", help="how many synthetic practices")
    parser.add_argument("-v", "--verbosity", type=int, default=1, choices=[0, 1, 2])
    args = parser.parse_args(argv)
    from django.apps import apps

    if not apps.ready:  # run as a script, not from a test
        configure_django()
    from bench import synthetic

    started = time.monotonic()
    timings: dict[str, float] = {}
    try:
        created, existing = synthetic.load(args.n, timings)
    except synthetic.NotReady as error:
        print(error, file=sys.stderr)
        return 1
    if args.verbosity >= 2:
        for phase, seconds in timings.items():
            print(f"  {phase}: {seconds:.1f} s")
    if args.verbosity >= 1:
        print(
            f"Synthetic practices: {created:,} created, {existing:,} exist "
            f"({time.monotonic() - started:.1f} s)."
        )
        if existing > args.n:
            print(f"More than {args.n:,} synthetic practices exist already; none is ever deleted.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
