"""What the parser returns."""

from dataclasses import dataclass, field

from .scoring import task_score


@dataclass
class ParseResult:
    data: dict = field(default_factory=dict)      # the docs/directive-format.md dictionary
    unplaced: list = field(default_factory=list)  # text the parser could not place
    warnings: list = field(default_factory=list)  # for the Office to check (Vietnamese)
    errors: list = field(default_factory=list)    # why there is no usable proposal (Vietnamese)

    @property
    def ok(self):
        return not self.errors

    @property
    def tasks(self):
        data = self.data or {}
        return [t for s in data.get("sections") or [] for t in s.get("tasks") or []] + list(
            data.get("closing_tasks") or [])

    def task_score(self, reference, threshold=0.5):
        return task_score(self.data, reference, threshold)

    def to_yaml(self):
        """The proposal as YAML text, in the layout of directives/data/*.yaml."""
        import yaml

        return yaml.safe_dump(self.data, allow_unicode=True, sort_keys=False, width=100)

    def messages(self):
        return [f"Lỗi: {e}" for e in self.errors] + [f"Cần kiểm tra: {w}" for w in self.warnings]
