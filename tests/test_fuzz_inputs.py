"""No crafted input gets an HTTP 500, on any page, as anyone.

The URL configuration is walked as in the permission matrix (URLs with ids are filled from
its first case, tests/permission_matrix_table.py). Every member of the cast, and the system
administrator, opens every page; the forms found on it (hidden fields included) and the query
parameters it uses (its GET forms and links) are then sent back with crafted values:

- a NUL character (refused for the whole request by tuson_qp.http_security), also in the
  session, CSRF and language cookies;
- an over-long string, in each field in turn, the others keeping their valid values, so a
  column too short for what the form lets through shows up (PostgreSQL refuses, SQLite not);
- a non-integer and an integer too large for the database, in each field that is not free text;
- "foreign" values: what the same field held on another page or for another person (another
  unit's membership, another ward's form token…), also in each such field;
- the form posted to the row's other cases (another ward's object, an id that does not exist).

Query parameters get every payload in rotation (k requests cover every parameter with every
payload), for each role that sees the page. Forms are fuzzed field by field by the first role
that sees them and in rotation by the others. A budget per address keeps the slow pages (the
import draft, the report form) from dominating; the walk takes about 1,100 requests.

Anything may be refused (400, 403, 404, a form with errors, a redirect); nothing may answer
500. Each request runs in a savepoint that is rolled back, so one accepted post (a member
removed, an account locked) does not change what the next one meets. CI runs it on
PostgreSQL, where NUL characters and over-long text fail in the database.
"""

import time
import uuid
from collections import defaultdict
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse

from tasks.models import Membership, Submission
from tests.permission_matrix_table import MATRIX, World
from tests.test_permission_matrix import walk

ROLES = ("anonymous", "dinh_bang", "tuong_giang", "dinh_bang_head", "reviewer", "office", "observer", "admin")
# Ends the session the rest of the walk needs; tested in tests/accounts.
SKIPPED_URLS = {"logout"}
NUL = "a\x00b"
LONG = "Đ" * 300 + "x" * 4000
NUMERIC = ["1 OR 1=1", "9" * 30]  # not an integer; an integer no database column holds
ROTATION = [LONG, *NUMERIC, "-1"]
FREE_TEXT = {"text", "textarea", "email", "search", "password", "url", "tel"}
BUDGET = 40  # fuzzing requests per (method, path), the renders not counted
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
CSRF = "csrfmiddlewaretoken"
PROFILE = defaultdict(lambda: [0, 0.0])


class _Forms(HTMLParser):
    """The forms of a page (method, action, fields) and the query parameters of its links."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self.links, self._form, self._select, self._textarea = [], [], None, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self._form = {"method": (a.get("method") or "get").lower(), "action": a.get("action") or "",
                          "fields": [], "files": []}
            self.forms.append(self._form)
        elif tag == "option" and self._select is not None:
            if self._select[1] is None or "selected" in a:
                self._select[1] = a.get("value", "")
        elif self._form is None or not a.get("name"):
            return
        elif tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind == "file":
                self._form["files"].append(a["name"])
            elif kind in ("checkbox", "radio"):
                if "checked" in a or kind == "radio":
                    self._form["fields"].append([a["name"], a.get("value", "on"), kind])
            elif kind not in ("submit", "button", "reset", "image"):
                self._form["fields"].append([a["name"], a.get("value", ""), kind])
        elif tag == "button" and a.get("value") is not None:
            self._form["fields"].append([a["name"], a["value"], "button"])
        elif tag == "select":
            self._select = [a["name"], None, "select"]
            self._form["fields"].append(self._select)
        elif tag == "textarea":
            self._textarea = [a["name"], "", "textarea"]
            self._form["fields"].append(self._textarea)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            if self._select is not None and self._select[1] is None:
                self._select[1] = ""
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def _parse(url, html):
    parser = _Forms()
    parser.feed(html)
    path = urlsplit(url).path
    forms = []
    for form in parser.forms:
        action = urlsplit(urljoin(url, form["action"] or url)).path
        forms.append({**form, "action": action})
    params = {field[0] for form in forms if form["method"] == "get" and form["action"] == path
              for field in form["fields"]}
    for href in parser.links:
        target = urlsplit(urljoin(url, href))
        if target.path == path:
            params.update(name for name, _value in parse_qsl(target.query, keep_blank_values=True))
    return forms, params


def _pages(world):
    """(URL name, the URL of its first case, the URLs of its other cases, who may open it)."""
    for name, _route, kwargs in walk():
        if name.startswith(("admin:", "<unnamed")) or name in SKIPPED_URLS:
            continue
        if not kwargs:
            yield name, reverse(name), [], ROLES
            continue
        first, *others = MATRIX[name]
        # The permission matrix already opens every case as everyone; here only who gets in.
        roles = [r for r in ROLES if r == "admin" or first.expect[r] not in (404, "login")]
        yield name, reverse(name, kwargs=first.kwargs(world)), \
            [reverse(name, kwargs=case.kwargs(world)) for case in others], roles


class Fuzzer:
    def __init__(self, cast, world):
        self.clients = {}
        for role in ROLES:
            client = Client(raise_request_exception=False)
            if role != "anonymous":
                client.force_login(getattr(cast, role))
            self.clients[role] = client
        self.failures, self.count = [], 0
        self.seen_values = defaultdict(set)  # field name -> values met on any page, as anyone
        self.spent = defaultdict(int)

    def fuzz(self, role, method, url, data=None):
        """A crafted request, unless this address has had its share."""
        key = (method, urlsplit(url).path)
        if self.spent[key] >= BUDGET:
            return None
        self.spent[key] += 1
        return self.send(role, method, url, data)

    def send(self, role, method, url, data=None):
        self.count += 1
        t0 = time.monotonic()
        with transaction.atomic():
            try:
                response = getattr(self.clients[role], method)(url, data or {})
            finally:
                transaction.set_rollback(True)
        PROFILE[(method, urlsplit(url).path)][0] += 1
        PROFILE[(method, urlsplit(url).path)][1] += time.monotonic() - t0
        if response.status_code >= 500:
            exc = getattr(response, "exc_info", None)
            reason = repr(exc[1])[:300] if exc else response.status_code
            self.failures.append(f"{role} {method.upper()} {url} {_short(data)}: {reason}")
        return response

    def render(self, role, url):
        response = self.send(role, "get", url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            return None
        forms, params = _parse(url, response.content.decode())
        for form in forms:
            for name, value, _kind in form["fields"]:
                if name != CSRF and value:
                    self.seen_values[name].add(value)
        return forms, params


def _short(data):
    if not data:
        return ""
    return "{" + ", ".join(f"{k}={str(v)[:20]!r}" for k, v in data.items() if k != CSRF) + "}"


def _with_files(data, files):
    return {**data, **{name: SimpleUploadedFile("bao-cao.pdf", PDF, "application/pdf") for name in files}}


def _rotations(names, payloads):
    """len(payloads) queries in which every name gets every payload once."""
    names = sorted(names)
    return [{n: payloads[(i + shift) % len(payloads)] for i, n in enumerate(names)}
            for shift in range(len(payloads))] if names else []


def _field_variants(fuzz, name, value, kind):
    if kind in FREE_TEXT:
        return [LONG]
    foreign = sorted(fuzz.seen_values[name] - {value})[:2]
    return [LONG, *NUMERIC, *foreign]


def test_no_crafted_input_answers_500(cast, directive):
    started = time.monotonic()
    world = World(cast, directive)
    theirs = world.submission("p-tuong-giang", by=cast.tuong_giang)
    pages = list(_pages(world))
    fuzz = Fuzzer(cast, world)
    # Values of other wards that the pages opened here do not show: the form token of a
    # submission Tương Giang already made, a membership of Tương Giang.
    Submission.objects.filter(pk=theirs.pk).update(client_token=uuid.uuid4())
    fuzz.seen_values["client_token"].add(str(Submission.objects.get(pk=theirs.pk).client_token))
    fuzz.seen_values["membership"].add(str(Membership.objects.filter(unit__key="p-tuong-giang").first().pk))

    rendered = []  # (role, url, other case urls, forms, query parameters)
    for _name, url, others, roles in pages:
        for role in roles:
            found = fuzz.render(role, url)
            if found is not None:
                rendered.append((role, url, others, *found))

    # Cookies: a session, CSRF and language cookie carrying a NUL, on every page.
    crumbled = Client(raise_request_exception=False)
    fuzz.clients["crafted cookies"] = crumbled
    for url in {url for _role, url, *_rest in rendered}:
        for name in (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME):
            crumbled.cookies[name] = "abcdefgh12345678" + NUL
        fuzz.send("crafted cookies", "get", url)

    fuzzed_forms = set()
    for role, url, others, forms, params in rendered:
        for query in [{p: NUL for p in params} or {"q": NUL}, *_rotations(params, ROTATION)]:
            fuzz.fuzz(role, "get", url, query)
        for form in forms:
            if form["method"] != "post" or form["action"] == reverse("logout"):
                continue
            base = {name: value for name, value, _kind in form["fields"]}
            fields = [f for f in form["fields"] if f[0] != CSRF]
            key = (form["action"], tuple(sorted(base)))

            def post(data, to=form["action"], files=form["files"]):
                fuzz.fuzz(role, "post", to, _with_files(data, files))

            post({**base, **{name: NUL for name, _v, _k in fields}})
            if key in fuzzed_forms:  # met before as someone else: every payload in rotation
                for crafted in _rotations([f[0] for f in fields], ROTATION):
                    post({**base, **crafted})
                continue
            fuzzed_forms.add(key)
            for name, value, kind in fields:
                for crafted in _field_variants(fuzz, name, value, kind):
                    post({**base, name: crafted})
            if form["action"] == urlsplit(url).path:
                for other in others:  # the same form on another ward's object, or on no object
                    post(base, to=other)

    elapsed = time.monotonic() - started
    for key, (n, t) in sorted(PROFILE.items(), key=lambda kv: -kv[1][1])[:10]:  # shown with -s
        print(f"{t:7.1f} s {n:5d} {key}")
    print(f"fuzz: {len(rendered)} pages rendered, {len(fuzzed_forms)} forms, {fuzz.count} requests, {elapsed:.1f} s")
    assert len(rendered) > 100 and len(fuzzed_forms) > 20 and fuzz.count > 800, (
        len(rendered), len(fuzzed_forms), fuzz.count)
    assert not fuzz.failures, f"{len(fuzz.failures)} answers 500 among {fuzz.count} requests " \
                              f"({elapsed:.0f} s):\n" + "\n".join(fuzz.failures[:60])
