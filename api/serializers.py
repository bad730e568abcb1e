"""What the API shows of directives, assignments and submissions (read side)."""

from django.urls import reverse
from rest_framework import serializers

from directives.models import CitedDocument, Directive, Recipient, Section, Task
from signatures.models import FileSignature
from tasks.models import Assignment, Submission, SubmissionFile
from tasks.status import Bucket, Status


class TaskSerializer(serializers.ModelSerializer):
    part = serializers.IntegerField(source="section.number", default=None, read_only=True)

    class Meta:
        model = Task
        fields = ["id", "key", "position", "part", "title", "description", "kind", "deadline",
                  "deadline_note", "event_date", "target_value", "target_unit"]


class PartSerializer(serializers.ModelSerializer):
    tasks = serializers.SerializerMethodField()

    class Meta:
        model = Section
        fields = ["number", "title", "text", "tasks"]

    def get_tasks(self, section) -> list[str]:
        return [task.key for task in section.tasks.all()]


class CitedDocumentSerializer(serializers.ModelSerializer):
    class Meta:
        model = CitedDocument
        fields = ["key", "doc_type", "number", "issued_on", "issuer", "title"]


class RecipientSerializer(serializers.ModelSerializer):
    class Meta:
        model = Recipient
        fields = ["position", "recipient", "purpose"]


class DirectiveSerializer(serializers.ModelSerializer):
    number_symbol = serializers.CharField(read_only=True)
    tracking_unit = serializers.CharField(source="tracking_unit.name", default=None, read_only=True)

    class Meta:
        model = Directive
        fields = ["id", "key", "number_symbol", "document_type", "summary", "issuing_organ",
                  "parent_organ", "place", "issued_on", "year", "status", "tracking_unit"]


class DirectiveDetailSerializer(DirectiveSerializer):
    parts = PartSerializer(source="sections", many=True, read_only=True)
    tasks = TaskSerializer(many=True, read_only=True)
    cited_documents = CitedDocumentSerializer(many=True, read_only=True)
    recipients = RecipientSerializer(many=True, read_only=True)

    class Meta(DirectiveSerializer.Meta):
        fields = DirectiveSerializer.Meta.fields + [
            "preamble", "closing", "signer_authority", "signer_position", "signer_name",
            "parts", "tasks", "cited_documents", "recipients"]


class AssignmentSerializer(serializers.ModelSerializer):
    """An assignment with its status and reporting group as of the request's date."""

    directive = serializers.IntegerField(source="task.directive_id", read_only=True)
    task = serializers.SerializerMethodField()
    unit = serializers.SerializerMethodField()
    status = serializers.ChoiceField(choices=Status.choices, read_only=True)
    status_label = serializers.SerializerMethodField()
    group = serializers.ChoiceField(source="bucket", choices=Bucket.choices, read_only=True)
    group_label = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Assignment
        fields = ["id", "directive", "task", "unit", "role", "original_due_date", "due_date",
                  "extension_count", "received_on", "completed_on", "status", "status_label",
                  "group", "group_label", "url"]

    def get_task(self, obj) -> dict:
        return {"id": obj.task_id, "key": obj.task.key, "title": obj.task.title}

    def get_unit(self, obj) -> dict:
        return {"id": obj.unit_id, "key": obj.unit.key, "name": obj.unit.name}

    def get_status_label(self, obj) -> str:
        return str(Status(obj.status).label)

    def get_group_label(self, obj) -> str:
        return str(Bucket(obj.bucket).label)

    def get_url(self, obj) -> str:
        return self.context["request"].build_absolute_uri(reverse("tasks:assignment_detail", args=[obj.pk]))


class FileSignatureSerializer(serializers.ModelSerializer):
    verdict_label = serializers.CharField(source="get_verdict_display", read_only=True)

    class Meta:
        model = FileSignature
        fields = ["verdict", "verdict_label", "signer_name", "signer_org", "signed_at", "revocation", "checked_at"]


class SubmissionFileSerializer(serializers.ModelSerializer):
    download_url = serializers.SerializerMethodField()
    signature = serializers.SerializerMethodField()

    class Meta:
        model = SubmissionFile
        fields = ["id", "original_name", "content_type", "size", "sha256", "uploaded_at", "download_url",
                  "signature"]

    def get_signature(self, obj) -> dict | None:
        """The verdict on the file's digital signatures (PDFs; None for other files)."""
        try:
            return FileSignatureSerializer(obj.signature).data
        except FileSignature.DoesNotExist:
            return None

    def get_download_url(self, obj) -> str:
        return self.context["request"].build_absolute_uri(reverse("tasks:file_download", args=[obj.pk]))


class SubmissionSerializer(serializers.ModelSerializer):
    submitted_by = serializers.CharField(source="submitted_by.get_full_name", default="", read_only=True)
    decided_by = serializers.CharField(source="decided_by.get_full_name", default="", read_only=True)
    files = SubmissionFileSerializer(many=True, read_only=True)

    class Meta:
        model = Submission
        fields = ["id", "assignment", "version", "kind", "number_symbol", "issued_on", "signer",
                  "summary", "reported_value", "status", "submitted_by", "submitted_at",
                  "decided_by", "decided_at", "review_comment", "files"]
