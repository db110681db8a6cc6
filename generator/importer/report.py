"""What one import run did: its outcomes as they happen, and the lines that sum them up."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..project import command_name


@dataclass
class ImportReport:
    """What one import run did, for the summary line and the exit code."""

    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped_edited: list[str] = field(default_factory=list)
    kept_deleted: list[str] = field(default_factory=list)  # deleted by a person: not brought back
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # repairs an editor should check (bad bytes …)
    undated: list[str] = field(default_factory=list)  # written without a date
    to_review: dict[str, list[str]] = field(default_factory=dict)  # written article → its fields to check

    def warn(self, message: str, log) -> None:
        """Something an editor should check (a repair, a value left out), kept and logged as it happens."""
        self.warnings.append(message)
        log(f"warning: {message}")

    def fail(self, message: str, log) -> None:
        """An input that could not be imported, kept and logged as it happens."""
        self.errors.append(message)
        log(f"error: {message}")

    def summary(self) -> str:
        """One line: counts of each outcome."""
        return (f"import: {len(self.written)} written, {len(self.unchanged)} unchanged, "
                f"{len(self.skipped_edited)} kept (edited by hand), "
                + (f"{len(self.kept_deleted)} kept deleted, " if self.kept_deleted else "")
                + f"{len(self.errors)} failed"
                + (f", {len(self.warnings)} warning(s) to check" if self.warnings else ""))

    def review_summary(self) -> str | None:
        """What the written articles hold and what to check in them, or None when none was written."""
        if not self.written:
            return None
        dated = len(self.written) - len(self.undated)
        fields = sum(map(len, self.to_review.values()))
        return (f"{len(self.written)} imported: {dated} with a date, {len(self.undated)} without; "
                + (f"{fields} field(s) to review in {len(self.to_review)} article(s) — run {command_name()} review"
                   if fields else "nothing to review"))
