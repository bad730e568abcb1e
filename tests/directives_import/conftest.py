from pathlib import Path

import pytest

from tests.directives_import.browser import latest_draft, paste

SEED = (Path(__file__).resolve().parents[1] / "importer" / "data" / "ct-03-2022.txt").read_text(encoding="utf-8")


@pytest.fixture
def seed_text():
    return SEED


@pytest.fixture
def office(client, cast):
    """A client signed in as the City Party Committee Office."""
    client.force_login(cast.office)
    return client


@pytest.fixture
def draft(office, seed_text):
    """The seed text pasted by the Office: a draft of Chỉ thị 03-CT/TU."""
    response = paste(office, seed_text)
    assert response.status_code == 302, response.content.decode()[:2000]
    return latest_draft()
