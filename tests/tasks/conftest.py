import pytest

from tasks.models import Submission
from tests.tasks.helpers import first_assignment


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Each test stores uploads in its own folder, so "no file left behind" can be checked."""
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    return root


@pytest.fixture
def resolution_assignment(cast, directive):
    """Đình Bảng's implementing resolution (Nghị quyết lãnh đạo công tác QS, QP địa phương)."""
    return first_assignment("p-dinh-bang", directive, Submission.Kind.RESOLUTION)


@pytest.fixture
def tuong_giang_assignment(cast, directive):
    return first_assignment("p-tuong-giang", directive)
