import pytest
import yaml

from directives.importer import parse_directive_text

from .helpers import REFERENCE, SEED


@pytest.fixture(scope="session")
def seed_text():
    return SEED


@pytest.fixture(scope="session")
def seed_result():
    return parse_directive_text(SEED)


@pytest.fixture(scope="session")
def reference():
    """The hand-made structured encoding of the seed, directives/data/03-CT-TU-2022.yaml."""
    if not REFERENCE.exists():
        pytest.skip(f"{REFERENCE} is not there yet")
    with REFERENCE.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)
