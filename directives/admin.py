from django.contrib import admin

from audit.admin_mixins import AuditedModelAdmin
from directives.models import CitedDocument, Directive, Recipient, Section, Task


class SectionInline(admin.StackedInline):
    model = Section
    extra = 0
    fields = ["number", "title", "text", "cited_documents"]
    filter_horizontal = ["cited_documents"]


class RecipientInline(admin.TabularInline):
    model = Recipient
    extra = 0


@admin.register(Directive)
class DirectiveAdmin(AuditedModelAdmin, admin.ModelAdmin):
    list_display = ["__str__", "issued_on", "summary", "tracking_unit", "status"]
    list_filter = ["status", "document_type", "year", "tracking_unit"]
    search_fields = ["number", "symbol", "summary", "issuing_organ"]
    date_hierarchy = "issued_on"
    filter_horizontal = ["cited_documents"]
    inlines = [SectionInline, RecipientInline]


@admin.register(Task)
class TaskAdmin(AuditedModelAdmin, admin.ModelAdmin):
    list_display = ["key", "title", "directive", "section", "kind", "deadline", "deadline_proposed"]
    list_filter = ["directive", "kind", "deadline_proposed", "section__number"]
    search_fields = ["key", "title", "description"]
    list_select_related = ["directive", "section"]
    filter_horizontal = ["cited_documents"]


@admin.register(Section)
class SectionAdmin(AuditedModelAdmin, admin.ModelAdmin):
    list_display = ["number", "title", "directive"]
    list_filter = ["directive"]
    search_fields = ["title", "text"]


@admin.register(CitedDocument)
class CitedDocumentAdmin(AuditedModelAdmin, admin.ModelAdmin):
    list_display = ["number", "doc_type", "issued_on", "issuer", "title"]
    list_filter = ["doc_type"]
    search_fields = ["number", "issuer", "title"]


@admin.register(Recipient)
class RecipientAdmin(AuditedModelAdmin, admin.ModelAdmin):
    list_display = ["recipient", "purpose", "directive", "position"]
    list_filter = ["purpose", "directive"]
    search_fields = ["recipient"]
