"""What `check` prints: the run's manifest, in Chinese, for a person at a terminal."""

from __future__ import annotations

from pathlib import Path

from generator.filings.summary import money_lines
from generator.law.provisions import book_title
from generator.vocabulary import DOCUMENT_NAMES


def check_report(prepared, out: Path) -> str:
    """The filings, amounts, deadlines, citations and warnings a run would produce."""
    m = prepared.manifest
    lines = [f"案件 {m['case_id']}（落款日期 {m['filing_date']}）将生成："]
    lines += [f"  {f['file']}  {f['text_file']}  — {f['title']}" for f in m["filings"]]
    lines.append("金额：")
    lines += [f"  {line}" for line in money_lines(prepared.analysis.amounts)]
    lines.append("期限：")
    lines += [f"  {d['label']}：{d['due_text']}（{d['basis']}）" for d in m["deadlines"]]
    lines.append("引用的法条：")
    for c in m["citations"]:
        used_in = "、".join(DOCUMENT_NAMES[k] for k in c["filings"])
        lines.append(f"  {book_title(c['law'])}{c['label']}（{c['effective']}起施行）— {used_in}")
    if m["exhibits"]:
        lines.append("证据：")
        lines += [f"  {e['label']}  {e['file']}  SHA-256 {e['sha256']}" for e in m["exhibits"]]
    if m["warnings"]:
        lines.append("提醒：")
        lines += [f"  - {w}" for w in m["warnings"]]
    folder = out / m["case_id"]
    if _exists(folder):
        lines.append(_existing_folder_note(folder, m.get("inputs")))
    return "\n".join(lines)


def _existing_folder_note(folder: Path, inputs: dict | None) -> str:
    """Whether a run would skip the folder (made from these inputs) or need --force to replace it."""
    import json

    from generator.rendering.inputs import changed_parts

    try:
        recorded = json.loads((folder / "manifest.json").read_text(encoding="utf-8")).get("inputs")
    except (OSError, ValueError, AttributeError):
        recorded = None
    changed = [p for p in changed_parts(recorded, inputs or {}) if not p.startswith("生成选项")]
    if recorded and not changed:
        return f"注意：输出文件夹 {folder} 已存在，且案件文件和证据与上次生成时相同：用同样的选项再次生成会跳过它。"
    since = f"自上次生成后{'、'.join(changed)}有变化，" if changed else ""
    return f"注意：输出文件夹 {folder} 已存在，{since}正式生成时需加 --force 才会替换。"


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:  # a name too long to look up: there is nothing there either
        return False
