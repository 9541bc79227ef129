"""Test setup: only cleanse's own plugins load, so installed third-party plugins change nothing."""

from __future__ import annotations

import os

os.environ["CLEANSE_NO_THIRD_PARTY"] = "1"
