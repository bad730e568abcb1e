"""What an assignment expects from its unit: the kind of document and the target."""

from tasks.models import Submission, Unit

Kind = Submission.Kind

# Accepting one of these completes the assignment; an accepted progress report only records
# progress. The reviewer can override either way with the "hoàn thành nhiệm vụ" box.
COMPLETING_KINDS = frozenset({Kind.RESOLUTION, Kind.PLAN, Kind.FINAL, Kind.EVIDENCE})
# These are numbered, dated and signed documents.
FORMAL_KINDS = frozenset({Kind.RESOLUTION, Kind.PLAN, Kind.PROGRESS, Kind.FINAL})
# The type code a document of each kind carries in its symbol (NQ in 05-NQ/ĐU); "" allows an
# official letter (công văn) without a type code.
SYMBOL_TYPES = {
    Kind.RESOLUTION: ("NQ",),
    Kind.PLAN: ("KH",),
    Kind.PROGRESS: ("BC", "CV", ""),
    Kind.FINAL: ("BC", "CV", ""),
}
SYMBOL_EXAMPLES = {
    Kind.RESOLUTION: "05-NQ/ĐU",
    Kind.PLAN: "12-KH/ĐU, 12/KH-UBND",
    Kind.PROGRESS: "15-BC/ĐU, 15/BC-UBND",
    Kind.FINAL: "15-BC/ĐU, 15/BC-UBND",
}


def expected_kind(task, unit):
    """The document a unit is expected to send for a task.

    The closing paragraphs ask the wards for a resolution ("Đảng ủy các phường ra Nghị quyết")
    and the departments for a plan ("xây dựng kế hoạch triển khai"); periodic work is reported
    as progress, everything else by a final report.
    """
    title = (task.title or "").lower()
    closing = task.section_id is None
    if closing and unit.kind == Unit.Kind.WARD and "nghị quyết" in title:
        return Kind.RESOLUTION
    if closing and unit.kind != Unit.Kind.WARD and "kế hoạch" in title:
        return Kind.PLAN
    if task.kind == "periodic":
        return Kind.PROGRESS
    return Kind.FINAL


def target_text(task):
    if task.target_value is None:
        return ""
    from django.template.defaultfilters import floatformat

    return f"{floatformat(task.target_value, -2)} {task.target_unit}".strip()
