"""A 20 MB upload goes through the whole request (test client, middleware, form, storage)
without the worker holding the file in memory."""

import os
import tracemalloc
import uuid

from django.urls import reverse

from tasks.models import SubmissionFile
from tests.tasks.helpers import stored_files

MB = 1024 * 1024
CHUNK = 64 * 1024


class MultipartStream:
    """A multipart/form-data body read from disk as the server reads it: nothing is built in
    memory, so what tracemalloc sees is the portal's own use."""

    def __init__(self, fields, file_field, path, filename, content_type):
        self.boundary = uuid.uuid4().hex
        head = b""
        for name, value in fields.items():
            head += (f"--{self.boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n"
                     f"{value}\r\n").encode()
        head += (f"--{self.boundary}\r\nContent-Disposition: form-data; name=\"{file_field}\"; "
                 f"filename=\"{filename}\"\r\nContent-Type: {content_type}\r\n\r\n").encode()
        self.parts = [head, path, f"\r\n--{self.boundary}--\r\n".encode()]
        self.length = len(head) + os.path.getsize(path) + len(self.parts[2])
        self._file = None
        self._index = 0
        self._buffer = b""

    def _next(self, size):
        while self._index < len(self.parts):
            part = self.parts[self._index]
            if isinstance(part, bytes):
                self._index += 1
                return part
            if self._file is None:
                self._file = open(part, "rb")
            data = self._file.read(size)
            if data:
                return data
            self._file.close()
            self._index += 1
        return b""

    def read(self, size=-1):
        size = CHUNK if size is None or size < 0 else size
        while len(self._buffer) < size:
            more = self._next(CHUNK)
            if not more:
                break
            self._buffer += more
        data, self._buffer = self._buffer[:size], self._buffer[size:]
        return data

    def readline(self, size=-1):
        return self.read(size)


def test_uploading_20_mb_keeps_memory_flat(client, cast, resolution_assignment, media_root, tmp_path, settings):
    assert settings.TUSON_MAX_UPLOAD_MB == 20
    path = tmp_path / "bao-cao-lon.pdf"
    with open(path, "wb") as out:
        out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 20000000 >>\nstream\n")
        block = os.urandom(MB)
        for _ in range(19):
            out.write(block)
        out.write(b"\nendstream\nendobj\ntrailer\n<< >>\n%%EOF\n")
    size = os.path.getsize(path)
    assert 19 * MB < size <= 20 * MB
    client.force_login(cast.dinh_bang)
    url = reverse("tasks:submission_create", args=[resolution_assignment.pk])
    client.get(url)  # warm up: URL resolver, templates, sessions
    fields = {"kind": "resolution", "number_symbol": "05-NQ/ĐU", "issued_on": "15/01/2022",
              "signer": "Nguyễn Văn Bình", "summary": "Nghị quyết", "client_token": str(uuid.uuid4())}
    body = MultipartStream(fields, "files", path, "Báo cáo lớn.pdf", "application/pdf")

    tracemalloc.start()
    try:
        response = client.request(
            REQUEST_METHOD="POST", PATH_INFO=url, CONTENT_LENGTH=str(body.length),
            CONTENT_TYPE=f"multipart/form-data; boundary={body.boundary}", **{"wsgi.input": body},
        )
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert response.status_code == 302, response.content[:2000]
    stored = SubmissionFile.objects.get()
    assert stored.size == size and stored.original_name == "Báo cáo lớn.pdf"
    assert len(stored_files(media_root)) == 1
    assert peak < 4 * MB, f"peak {peak / MB:.1f} MB while uploading {size / MB:.1f} MB"
