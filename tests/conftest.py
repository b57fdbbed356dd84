from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.context import Context
from pipeline.data import rule_data

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "corpus" / "raw"
RAW_000 = RAW / "000_02b2b72714e171d1.txt"
RAW_002 = RAW / "002_b5aca4e56758e02d.txt"


@pytest.fixture
def hans() -> Context:
    return Context(file="test.txt", script="hans", data=rule_data())


@pytest.fixture
def hant() -> Context:
    return Context(file="test.txt", script="hant", data=rule_data())
