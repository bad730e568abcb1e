"""Links to a page that takes one id, made without reversing the URL for each id: a matrix
page links a thousand cells, a list fifty rows.

    link = url_maker("tasks:assignment_detail")   # reversed once
    link(17)                                      # "/viec/17/"
"""

from django.urls import NoReverseMatch, reverse

SENTINEL = 987654321


class UrlMaker:
    """pk -> URL of a page taking one id, reversed once."""

    do_not_call_in_templates = True

    def __init__(self, before, after):
        self.before, self.after = before, after

    def __call__(self, pk):
        return f"{self.before}{int(pk)}{self.after}"


def url_maker(name):
    """A UrlMaker for the named page, or None if no such page exists (yet): pages of other
    apps are linked only once they are there."""
    try:
        sample = reverse(name, args=[SENTINEL])
    except NoReverseMatch:
        return None
    before, after = sample.split(str(SENTINEL), 1)
    return UrlMaker(before, after)
