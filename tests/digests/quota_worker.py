"""A separate process spending from one person's quota bucket (tests/digests/test_quota.py).

``python -m tests.digests.quota_worker USER_ID TIMES UNITS PER_MINUTE`` reserves ``UNITS``
``TIMES`` times at a frozen clock (no refill) and prints the total wait it was told.
"""

import os
import sys

import django


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    django.setup()
    from digests.quota import reserve

    user_id, times, units, per_minute = (int(arg) for arg in sys.argv[1:5])
    waits = [reserve(user_id, units, per_minute=per_minute, clock=lambda: 1000.0)]
    waits += [
        reserve(user_id, units, per_minute=per_minute, clock=lambda: 1000.0)
        for _ in range(times - 1)
    ]
    print(f"{sum(waits):.6f}")


if __name__ == "__main__":
    main()
