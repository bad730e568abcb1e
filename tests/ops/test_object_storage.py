"""Uploaded files in S3-compatible object storage (django-storages), against a real server:
stored there, downloaded after the permission check and the audit either as a redirect to a
short-lived signed URL or streamed, and listed for backups."""

import hashlib
import uuid
from urllib.parse import parse_qs, urlsplit

import boto3
import pytest
import requests
from django.core.files.storage import default_storage
from django.urls import reverse

import audit
from audit.models import AuditEntry
from ops.walk import walk_storage
from tasks.models import Submission, SubmissionFile
from tests.tasks import files
from tests.tasks.helpers import first_assignment, post_submission

CREDENTIALS = {"S3_ACCESS_KEY_ID": "tuson-test", "S3_SECRET_ACCESS_KEY": "tuson-test-secret"}


@pytest.fixture
def bucket(s3_endpoint, settings):
    name = f"tuson-{uuid.uuid4().hex[:12]}"
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1",
                          aws_access_key_id=CREDENTIALS["S3_ACCESS_KEY_ID"],
                          aws_secret_access_key=CREDENTIALS["S3_SECRET_ACCESS_KEY"])
    client.create_bucket(Bucket=name)
    # The same OPTIONS tuson_qp/settings.py builds from STORAGE_BACKEND=s3 and S3_*.
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": name, "endpoint_url": s3_endpoint, "region_name": "us-east-1",
            "access_key": CREDENTIALS["S3_ACCESS_KEY_ID"],
            "secret_key": CREDENTIALS["S3_SECRET_ACCESS_KEY"],
            "signature_version": "s3v4", "default_acl": None, "file_overwrite": False,
            "querystring_auth": True, "querystring_expire": 60, "location": "",
        },
    }}
    settings.STORAGE_BACKEND = "s3"
    return client, name


@pytest.fixture
def uploaded(client, cast, directive, bucket):
    """Đình Bảng's resolution submitted through the form, its PDF now in the bucket."""
    s3, name = bucket
    assignment = first_assignment("p-dinh-bang", directive, Submission.Kind.RESOLUTION)
    client.force_login(cast.dinh_bang)
    content = files.pdf_bytes()
    response = post_submission(client, assignment, [files.upload("Nghị quyết 05.pdf", content, "application/pdf")])
    assert response.status_code == 302, response.content[:500]
    stored = SubmissionFile.objects.get()
    obj = s3.get_object(Bucket=name, Key=stored.file.name)
    assert obj["Body"].read() == content  # in the bucket, not on a disk
    assert hashlib.sha256(content).hexdigest() == stored.sha256
    return stored, content


def test_a_download_redirects_to_a_short_lived_signed_url_after_check_and_audit(client, cast, settings, uploaded):
    stored, content = uploaded
    settings.SENDFILE_MODE = "redirect"
    client.force_login(cast.reviewer)
    response = client.get(reverse("tasks:file_download", args=[stored.pk]))
    assert response.status_code == 302
    url = response["Location"]
    query = parse_qs(urlsplit(url).query)
    assert query["X-Amz-Expires"] == ["60"] and "X-Amz-Signature" in query
    assert stored.file.name in urlsplit(url).path
    entry = AuditEntry.objects.get(action=audit.actions.FILE_DOWNLOADED)
    assert entry.actor == cast.reviewer and entry.changes["sha256"] == stored.sha256
    # The storage answers the signed URL with the bytes and the portal's headers.
    fetched = requests.get(url, timeout=10)
    assert fetched.status_code == 200 and fetched.content == content
    assert fetched.headers["Content-Type"] == "application/pdf"
    assert "filename*=UTF-8''Ngh%E1%BB%8B" in fetched.headers["Content-Disposition"]
    # Unsigned, the object is not public.
    assert requests.get(url.split("?")[0], timeout=10).status_code == 403


def test_out_of_scope_gets_404_and_no_url(client, cast, settings, uploaded):
    stored, _ = uploaded
    settings.SENDFILE_MODE = "redirect"
    client.force_login(cast.tuong_giang)
    response = client.get(reverse("tasks:file_download", args=[stored.pk]))
    assert response.status_code == 404 and "Location" not in response
    assert not AuditEntry.objects.filter(action=audit.actions.FILE_DOWNLOADED).exists()


def test_a_download_can_also_be_streamed_from_the_bucket(client, cast, settings, uploaded):
    stored, content = uploaded
    settings.SENDFILE_MODE = "django"
    client.force_login(cast.dinh_bang)
    response = client.get(reverse("tasks:file_download", args=[stored.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert response["Content-Disposition"].startswith("attachment;")


def test_backups_see_every_object(uploaded):
    stored, _ = uploaded
    assert list(walk_storage(default_storage)) == [stored.file.name]


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_with_the_files_in_the_bucket(bucket, tmp_path):
    from django.core.files.base import ContentFile

    from ops.archive import create_backup, restore_backup

    s3, name = bucket
    key = default_storage.save("reports/2022/06/bao-cao.pdf", ContentFile(b"%PDF-1.7 report"))
    archive = create_backup(tmp_path, log=lambda *_: None)
    s3.delete_object(Bucket=name, Key=key)
    assert not default_storage.exists(key)
    restore_backup(archive, log=lambda *_: None)
    assert s3.get_object(Bucket=name, Key=key)["Body"].read() == b"%PDF-1.7 report"
