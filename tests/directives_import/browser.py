"""A very small browser: read the forms of a page and post one back as a browser would."""

import lxml.html
from django.urls import reverse

from directives.models import ImportDraft

SEED_PATH = "tests/importer/data/ct-03-2022.txt"


def page_forms(response):
    assert response.status_code == 200, response.status_code
    return lxml.html.fromstring(response.content.decode()).forms


def block_form(response, block):
    """The form of the draft page whose hidden `block` field is `block` (header, part-3, documents…)."""
    for form in page_forms(response):
        if dict(form.form_values()).get("block") == block:
            return form
    raise AssertionError(f"no form for block {block!r} on the page")


def values(form, **changes):
    """The form's values as a browser would send them, with `changes` (name → value or list)."""
    data = {}
    for name, value in form.form_values():
        data.setdefault(name, []).append(value.lstrip("\r\n") if isinstance(value, str) else value)
    for name, value in changes.items():
        name = name.replace("__", "-")
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value if isinstance(value, list) else [value]
    return data


def draft_url(draft):
    return reverse("directives:import_draft", args=[draft.pk])


def post_block(client, draft, block, op="save", follow=False, **changes):
    """Load the draft page, fill in the block's form and press the button `op`."""
    response = client.get(draft_url(draft))
    data = values(block_form(response, block), **changes)
    data["op"] = op
    return client.post(draft_url(draft), data, follow=follow)


def paste(client, text, follow=False):
    return client.post(reverse("directives:import_start"), {"text": text}, follow=follow)


def latest_draft():
    return ImportDraft.objects.order_by("-pk").first()


def task_uid(draft, key):
    draft.refresh_from_db()
    return next(t["uid"] for t in draft.all_tasks() if t["key"] == key)


def task(draft, key):
    draft.refresh_from_db()
    return next(t for t in draft.all_tasks() if t["key"] == key)
