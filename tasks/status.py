"""The statuses of an assignment and the four buckets of Vietnamese government reporting.

Computed, never stored: see AssignmentQuerySet.with_status().
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    NOT_YET_DUE = "not_yet_due", _("Chưa đến hạn")
    IN_PROGRESS = "in_progress", _("Đang thực hiện, trong hạn")
    OVERDUE = "overdue", _("Quá hạn")
    AWAITING_REVIEW = "awaiting_review", _("Chờ thẩm định")
    RETURNED = "returned", _("Bị trả lại")
    DONE_ON_TIME = "done_on_time", _("Hoàn thành đúng hạn")
    DONE_LATE = "done_late", _("Hoàn thành quá hạn")


class Bucket(models.TextChoices):
    DONE_ON_TIME = "done_on_time", _("Đã hoàn thành đúng hạn")
    DONE_LATE = "done_late", _("Đã hoàn thành quá hạn")
    OPEN_WITHIN = "open_within", _("Chưa hoàn thành, còn trong hạn")
    OPEN_OVERDUE = "open_overdue", _("Chưa hoàn thành, quá hạn")


# Where each status falls among the four buckets. Awaiting review and returned work is not
# completed, so it falls by its deadline: the queryset's `bucket` annotation decides that.
DONE_STATUSES = {Status.DONE_ON_TIME, Status.DONE_LATE}
