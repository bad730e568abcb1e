"""The three ways the file-text search applies the scope (search.selectors._matching_texts):
a listed scope, a pre-filter checked by id, and the scope joined in SQL when the pre-filter
leaves too few. Each must give exactly the texts in scope."""

import pytest

from search import selectors
from search.query import parse
from tests.search.helpers import docx, submit

pytestmark = pytest.mark.django_db

WORDS = "Khúc Thủy pháo phòng không"


def found_units(user):
    group = selectors.submissions(user, parse("khuc thuy"))
    return sorted(r.meta.split(" · ")[0] for r in group.results)


@pytest.mark.parametrize("listed, prefilter", [(2000, 300), (0, 300), (0, 1)])
def test_every_path_keeps_to_the_scope(cast, directive, django_capture_on_commit_callbacks, monkeypatch,
                                       listed, prefilter):
    monkeypatch.setattr(selectors, "LISTED_SCOPE", listed)
    monkeypatch.setattr(selectors, "PREFILTER", prefilter)
    with django_capture_on_commit_callbacks(execute=True):
        submit(cast.tam_son, "p-tam-son", directive, "a.docx", docx(f"{WORDS} tại Tam Sơn"))
    with django_capture_on_commit_callbacks(execute=True):
        submit(cast.dinh_bang, "p-dinh-bang", directive, "b.docx", docx(f"{WORDS} tại Đình Bảng"))
    tam_son, dinh_bang = "Đảng ủy phường Tam Sơn", "Đảng ủy phường Đình Bảng"
    assert found_units(cast.reviewer) == sorted([tam_son, dinh_bang])
    # Đình Bảng's file is the newest: with a pre-filter of one it is the only hit, out of
    # Tam Sơn's scope, and the scope is then joined in SQL.
    assert found_units(cast.tam_son) == [tam_son]
    assert found_units(cast.dinh_bang) == [dinh_bang]
    assert found_units(cast.tuong_giang) == []
