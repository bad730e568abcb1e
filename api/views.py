"""The REST API: every queryset is a `visible_to` queryset, as on the pages.

Objects outside a person's scope answer 404, as on the pages; writing goes through the same
form checks and service as the submission form.
"""

from django.db.models import Prefetch
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from api import params
from api.figures import directive_figures
from api.paging import CachedCountPagination, TaskBlockPagination
from api.serializers import (
    AssignmentSerializer, DirectiveDetailSerializer, DirectiveSerializer, SubmissionSerializer,
)
from directives.models import Directive, Section, Task
from tasks import selectors, services
from tasks.forms import SubmissionForm
from tasks.models import Assignment, Submission, SubmissionFile
from tasks.status import Bucket, Status

AS_OF = OpenApiParameter("as_of", OpenApiTypes.DATE, description="Số liệu tính đến ngày (mặc định hôm nay).")


class DirectiveViewSet(viewsets.ReadOnlyModelViewSet):
    """Directives with their parts, tasks, cited documents and distribution list."""

    def get_queryset(self):
        qs = Directive.objects.visible_to(self.request.user, "view").select_related("tracking_unit")
        if self.action == "retrieve":
            tasks = Task.objects.select_related("section").order_by("section__number", "position")
            qs = qs.prefetch_related(
                Prefetch("sections", Section.objects.order_by("number").prefetch_related(
                    Prefetch("tasks", Task.objects.order_by("position")))),
                Prefetch("tasks", tasks), "cited_documents", "recipients")
        return qs.order_by("-issued_on", "pk")

    def get_serializer_class(self):
        return DirectiveDetailSerializer if self.action == "retrieve" else DirectiveSerializer

    @extend_schema(parameters=[AS_OF], responses=OpenApiTypes.OBJECT)
    @action(detail=True)
    def figures(self, request, pk=None):
        """The dashboard's figures as of a date: the four groups in total, per part and per unit."""
        directive = self.get_object()
        return Response(directive_figures(directive, request.user, params.as_of(request)))


class AssignmentViewSet(viewsets.ReadOnlyModelViewSet):
    """Assignments with their status and reporting group as of `as_of`, task by task (in the
    directive's order), each task's units by name; paged a few tasks at a time (api.paging)."""

    serializer_class = AssignmentSerializer
    pagination_class = TaskBlockPagination
    task_order = ("directive_id", "section__number", "position")

    def get_queryset(self):
        request = self.request
        qs = (Assignment.objects.visible_to(request.user, "view").active()
              .with_status(params.as_of(request)).select_related("task", "unit"))
        directive = params.integer(request, "directive")
        if directive is not None:
            qs = qs.filter(task__directive_id=directive)
        unit = params.integer(request, "unit")
        if unit is not None:
            qs = qs.filter(unit_id=unit)
        group = params.choice(request, "group", Bucket.values)
        if group:
            qs = qs.filter(bucket=group)
        state = params.choice(request, "status", Status.values)
        if state:
            qs = qs.filter(status=state)
        return qs.order_by(*[f"task__{name}" for name in self.task_order], "unit__name", "pk")

    @extend_schema(parameters=[
        AS_OF,
        OpenApiParameter("directive", int), OpenApiParameter("unit", int),
        OpenApiParameter("group", str, enum=Bucket.values), OpenApiParameter("status", str, enum=Status.values),
    ])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        methods=["POST"], request=inline_serializer("SubmissionUpload", {
            "kind": serializers.ChoiceField(choices=Submission.Kind.choices),
            "number_symbol": serializers.CharField(required=False),
            "issued_on": serializers.CharField(required=False, help_text="dd/mm/yyyy"),
            "signer": serializers.CharField(required=False),
            "summary": serializers.CharField(),
            "reported_value": serializers.DecimalField(max_digits=12, decimal_places=2, required=False),
            "files": serializers.ListField(child=serializers.FileField()),
            "client_token": serializers.UUIDField(required=False),
        }),
        responses={201: SubmissionSerializer, 400: OpenApiTypes.OBJECT, 409: OpenApiTypes.OBJECT},
    )
    @extend_schema(methods=["GET"], responses=SubmissionSerializer(many=True))
    @action(detail=True, methods=["get", "post"], parser_classes=[MultiPartParser, FormParser])
    def submissions(self, request, pk=None):
        """GET: the assignment's submissions. POST (multipart): a unit sends a document with its
        files, with the same checks, service and audit as the submission form."""
        if request.method == "GET":
            assignment = self.get_object()
            qs = (Submission.objects.visible_to(request.user, "view").filter(assignment=assignment)
                  .select_related("submitted_by", "decided_by").order_by("version")
                  .prefetch_related(Prefetch("files", SubmissionFile.objects.select_related("signature"))))
            return Response(SubmissionSerializer(qs, many=True, context={"request": request}).data)
        assignment = selectors.get_assignment(request.user, pk, "submit")
        form = SubmissionForm(request.POST, request.FILES, assignment=assignment)
        if not form.is_valid():
            return Response({"errors": {name: [str(m) for m in messages] for name, messages in form.errors.items()}},
                            status=status.HTTP_400_BAD_REQUEST)
        try:
            submission, created = services.submission_create(
                user=request.user, assignment_id=assignment.pk, data=form.submission_data(),
                files=form.inspected, client_token=form.cleaned_data.get("client_token"), request=request._request,
            )
        except services.WorkflowError as error:
            return Response({"errors": {error.field or "__all__": [str(error.message)]}}, status=status.HTTP_409_CONFLICT)
        data = SubmissionSerializer(submission, context={"request": request}).data
        return Response(data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


class SubmissionViewSet(mixins.RetrieveModelMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Submissions' particulars, review state and files (downloads go through the portal's
    download address, with its permission check and audit)."""

    serializer_class = SubmissionSerializer
    pagination_class = CachedCountPagination

    def get_queryset(self):
        qs = (Submission.objects.visible_to(self.request.user, "view")
              .select_related("submitted_by", "decided_by")
              .prefetch_related(Prefetch("files", SubmissionFile.objects.select_related("signature"))))
        state = params.choice(self.request, "status", Submission.Status.values)
        if state:
            qs = qs.filter(status=state)
        assignment = params.integer(self.request, "assignment")
        if assignment is not None:
            qs = qs.filter(assignment_id=assignment)
        return qs.order_by("-submitted_at", "-pk")

    @extend_schema(parameters=[OpenApiParameter("status", str, enum=Submission.Status.values),
                               OpenApiParameter("assignment", int)])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)
