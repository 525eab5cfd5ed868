"""The time of output, printed in the slug and written as the PDF's dates."""
from __future__ import annotations

import os
from datetime import datetime, timezone


def reproducible() -> bool:
    """SOURCE_DATE_EPOCH (the reproducible-builds convention) asks for identical output."""
    return (os.environ.get("SOURCE_DATE_EPOCH") or "").isdigit()


def output_time() -> datetime:
    """Now — or SOURCE_DATE_EPOCH when output must not depend on when it was made."""
    if reproducible():
        return datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), timezone.utc)
    return datetime.now(timezone.utc).astimezone()
