"""The POST of one block of the draft page: validate its forms, call the service, say where to go."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from directives import import_services as services
from directives.import_forms import HeaderForm

from . import page

STALE = gettext_lazy(
    "Bản nháp đã được sửa ở nơi khác sau khi bạn mở trang này (một cửa sổ khác hoặc một đồng nghiệp). "
    "Các phần khác đã được cập nhật theo bản mới nhất; nội dung bạn vừa nhập ở đây vẫn còn nhưng chưa "
    "được lưu — hãy kiểm tra rồi bấm lưu lại."
)
PART_OPERATIONS = {"save", "add", "merge", "delete", "split", "move"}
UNPLACED_ACTIONS = {"text", "task", "dismiss", "restore"}


@dataclass
class Outcome:
    redirect_to: str = None          # the anchor to go back to after a successful save
    message: str = ""
    bound: dict = field(default_factory=dict)
    stale: bool = False
    error: str = ""                  # for the top of the page
    opened: list = field(default_factory=list)  # ids of the folded blocks to show open (nv-12, phan-3-noi-dung)


# Fields that choose an operation rather than hold the task's content.
OPERATION_FIELDS = {"selected", "split_at", "move_to"}


def _same(form, name):
    """A text box sent back with Windows line endings or stray spaces has not been edited."""
    initial, typed = form.get_initial_for_field(form.fields[name], name), form[name].data
    if isinstance(typed, str) and (isinstance(initial, str) or initial is None):
        return " ".join(typed.split()) == " ".join((initial or "").split())
    return False


def edited(form):
    """The fields of a posted form the user changed (not the operation controls)."""
    return [name for name in form.changed_data if name not in OPERATION_FIELDS and not _same(form, name)]


def _part_opened(part, form, tasks, op_uid=None):
    """What to show open after a post of a part: the tasks edited, refused or acted on, the text if edited."""
    opened = [f"nv-{t.task['uid']}" for t in tasks if t.errors or edited(t) or t.task["uid"] == op_uid]
    if form.errors.get("text") or "text" in edited(form):
        opened.append(f"phan-{part}-noi-dung")
    return opened


def post_block(request, draft, choices):
    block = request.POST.get("block", "")
    revision = request.POST.get("revision")
    if block == "header":
        return _header(request, draft, choices, revision)
    if block.startswith("part-") and block[5:] in services.part_ids(draft.data):
        return _part(request, draft, choices, revision, block[5:])
    if block == "documents":
        return _rows(request, draft, revision, "documents")
    if block == "distribution":
        return _rows(request, draft, revision, "distribution")
    if block == "unplaced":
        return _unplaced(request, draft, revision)
    return Outcome(error=_("Phần này của trang không còn trong bản nháp; hãy tải lại trang."))


def _save(call, form, bound):
    """Run a service call; a stale page or a refusal lands on the form, typed values kept."""
    try:
        return call(), None
    except services.StaleDraft:
        form.add_error(None, STALE)
        return None, Outcome(bound=bound, stale=True)
    except services.EditRefused as refused:
        form.add_error(None, refused.message)
        return None, Outcome(bound=bound)


def _header(request, draft, choices, revision):
    form = HeaderForm(request.POST, prefix=page.HEADER_PREFIX, choices=choices)
    bound = {"header": form}
    if not form.is_valid():
        return Outcome(bound=bound)
    _result, refused = _save(lambda: services.draft_save_header(draft, form.values(), revision=revision), form, bound)
    return refused or Outcome(redirect_to="dau-van-ban", message=_("Đã lưu phần đầu văn bản."))


def _part(request, draft, choices, revision, part):
    form = page.part_form(draft, part, choices, request.POST)
    tasks = page.task_forms(draft, part, choices, request.POST)
    bound = {("part", part): (form, tasks)}
    op, _sep, arg = request.POST.get("op", "save").partition(":")
    op = op if op in PART_OPERATIONS else "save"
    op_uid = int(arg) if arg.isdigit() else None
    valid = [form.is_valid()] + [t.is_valid() for t in tasks]
    opened = _part_opened(part, form, tasks, op_uid)
    if not all(valid):
        return Outcome(bound=bound, opened=opened)
    by_uid = {t.task["uid"]: t for t in tasks}
    kwargs = {}
    if op in ("delete", "split", "move"):
        uid = op_uid
        if uid not in by_uid:
            form.add_error(None, _("Nhiệm vụ này không còn trong phần; hãy tải lại trang."))
            return Outcome(bound=bound, opened=opened)
        kwargs["uid"] = uid
        if op == "split":
            kwargs["at"] = by_uid[uid].cleaned_data["split_at"]
        elif op == "move":
            kwargs["to"] = by_uid[uid].cleaned_data["move_to"]
    elif op == "merge":
        kwargs["uids"] = [uid for uid, t in by_uid.items() if t.cleaned_data["selected"]]
    result, refused = _save(lambda: services.draft_save_part(
        draft, part, form.values(), {uid: t.values() for uid, t in by_uid.items()}, revision=revision,
        op=None if op == "save" else op, **kwargs), form, bound)
    if refused:
        refused.opened = opened
        return refused
    _draft, message, focus = result
    if op == "delete":
        opened = [anchor for anchor in opened if anchor != f"nv-{op_uid}"]
    if focus:
        opened.insert(0, f"nv-{focus}")
    # A plain save goes back to the first task edited (or the part's text), other operations to their task.
    anchor = f"nv-{focus}" if focus else (opened[0] if op == "save" and opened else f"phan-{part}")
    return Outcome(redirect_to=anchor, message=message, opened=opened)


def _rows(request, draft, revision, block):
    if block == "documents":
        formset, existing = page.document_formset(draft, request.POST), draft.data.get("documents") or []
    else:
        formset, existing = page.distribution_formset(draft, request.POST), []
    bound = {block: formset}
    if not formset.is_valid():
        return Outcome(bound=bound)
    rows = []
    for index, row_form in enumerate(formset.forms):
        if row_form.cleaned_data.get("DELETE"):
            continue
        values = row_form.values()
        if values is None:
            continue
        if block == "documents":
            values["key"] = existing[index]["key"] if index < len(existing) else None
        rows.append(values)
    save = services.draft_save_documents if block == "documents" else services.draft_save_distribution
    try:
        save(draft, rows, revision=revision)
    except services.StaleDraft:
        formset._non_form_errors = formset.error_class([STALE], error_class="nonform")
        return Outcome(bound=bound, stale=True)
    except services.EditRefused as refused:
        return Outcome(bound=bound, error=refused.message)
    if block == "documents":
        return Outcome(redirect_to="van-ban-vien-dan", message=_("Đã lưu danh sách văn bản viện dẫn."))
    return Outcome(redirect_to="noi-nhan", message=_("Đã lưu danh sách nơi nhận."))


def _unplaced(request, draft, revision):
    action, _sep, index = request.POST.get("op", "").partition(":")
    if action not in UNPLACED_ACTIONS or not index.isdigit():
        return Outcome(error=_("Thao tác không hợp lệ; hãy tải lại trang."))
    target = request.POST.get(f"u{index}-target", "")
    try:
        _draft, focus = services.draft_place_unplaced(draft, int(index), action, target, revision=revision)
    except services.StaleDraft:
        return Outcome(stale=True, error=str(STALE))
    except services.EditRefused as refused:
        return Outcome(bound={"unplaced_error": (int(index), refused.message)})
    messages = {
        "text": _("Đã đưa đoạn văn bản vào nội dung đã chọn."),
        "task": _("Đã tạo nhiệm vụ từ đoạn văn bản; hãy chọn đơn vị chủ trì."),
        "dismiss": _("Đã đánh dấu đoạn văn bản là đã xem."),
        "restore": _("Đoạn văn bản lại được đánh dấu là chưa xếp."),
    }
    return Outcome(redirect_to=f"nv-{focus}" if focus else "chua-xep", message=messages[action],
                   opened=[f"nv-{focus}"] if focus else [])
