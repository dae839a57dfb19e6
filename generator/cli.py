"""The command line: thin Click wiring over `pipeline`.

`make-filings case.yaml` is the main form; subcommands sit beside it. Nothing
heavy is imported at start-up, so `--help` and `--version` answer at once.
Exit status: 0 done, 1 refused input, 2 usage error, 3 a bug (shown in full with --debug),
130 interrupted by Ctrl-C.
"""

from __future__ import annotations

import gc
import os
import sys
import traceback
from pathlib import Path

import click

from generator import NAME
from generator import vocabulary as V
from generator.cli_zh import ChineseChoice, ZhGroup

# The filings `--only` takes, by code and by the Chinese names a user types (the first is the one shown).
KIND_NAMES = {f.code: f.names for f in V.FILINGS}
KIND_CHOICES = list(KIND_NAMES)
KINDS_LISTED = "、".join(
    f"{f.name} {f.code}" for f in V.FILINGS
)  # the help's list: 退款申请书 platform_refund_request、…
_SUMMARY, _ANNEX = (f"{V.DOCUMENT_NAMES[code]} {code}" for code in ("case_summary", "legal_basis"))


class UserError(click.ClickException):
    """A refusal printed in Chinese, exit status 1."""

    def show(self, file=None):
        click.echo(f"错误：{self.format_message()}", err=True)


def _show_version(ctx: click.Context, _param, shown: bool) -> None:
    """`make-filings 0.1.0` for --version; the version is looked up only then (see generator/__init__.py)."""
    if not shown or ctx.resilient_parsing:
        return
    from generator import __version__

    click.echo(f"{NAME} {__version__}")
    ctx.exit()


class DefaultGroup(ZhGroup):
    """A group whose first argument, when it is not a subcommand, is a case file for `run`."""

    default_command = "run"

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)

    def format_usage(self, ctx, formatter):
        formatter.write_usage(ctx.command_path, "[选项] 案件文件.yaml …  |  命令 [参数] …")


@click.group(NAME, cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--version", is_flag=True, expose_value=False, is_eager=True, callback=_show_version, help="显示版本号并退出。"
)
def main():
    """从案件文件（YAML）生成视频会员卡盟维权文书。

    \b
    用法：
      make-filings case.yaml              生成全部文书到 output/<case_id>/
      make-filings cases/*.yaml           批量处理多个案件（或给出一个文件夹）
      make-filings check case.yaml        只检查，不写文件
      make-filings laws [法名 条号]       查看内置法条
      make-filings next case.yaml         案件进展到哪一步、现在要做什么
      make-filings status 文件夹           多个案件的进展一览
    {kinds}

    \b
    退出码：0 完成；1 输入有误被拒绝（已说明原因，未写入任何文件）；2 命令用法错误；
    3 程序内部错误（缺陷，加 --debug 重跑可看到详情）；130 被 Ctrl-C 中断。
    """


def _lines(parts: list[str], width: int = 88) -> str:
    """The parts joined, broken into lines of about `width` columns (a Chinese character is two): Click
    wraps at spaces only, so a paragraph of Chinese is laid out here and kept as it is (\\b)."""
    lines = [""]
    for part in parts:
        if lines[-1] and sum(2 if ord(c) > 0x2E7F else 1 for c in lines[-1] + part) > width:
            lines.append("")
        lines[-1] += part
    return "\b\n" + "\n".join(lines)


# The filing kinds come from the vocabulary: a new kind shows in the help without an edit here.
main.help = (main.help or "").replace(
    "{kinds}",
    _lines(
        [
            f"生成的文书（kind）：{_SUMMARY}、",
            *(f"{f.name} {f.code}、" for f in V.FILINGS[:-1]),
            f"{V.FILINGS[-1].name} {V.FILINGS[-1].code}（部分按案情生成），",
            f"以及所引条文的附件 {_ANNEX}（随引用法条的文书生成）；",
            "每份都有 Word（.docx）和按表单输入框分段、",
            "可直接粘贴的文字版（.txt）。",
        ]
    ).replace("\n", "\n    "),
)


def _run_options(func):
    """Options shared by `run` and `check`."""
    func = click.option(
        "--templates",
        "templates",
        type=click.Path(file_okay=False, path_type=Path),
        metavar="文件夹",
        help="用此文件夹中的模板（同名 .docx/.txt）代替内置模板；缺少的沿用内置。",
    )(func)
    func = click.option(
        "--data",
        "data",
        type=click.Path(file_okay=False, path_type=Path),
        metavar="文件夹",
        help="用此文件夹中的数据文件（同名 .yaml：法条、规则、渠道、金额、节假日、维权步骤、文书措辞）代替内置的；"
        "缺少的沿用内置。先用 make-filings check-data 检查。",
    )(func)
    func = click.option("--debug", is_flag=True, help="出错时显示完整的程序调用栈（供开发者排查）。")(func)
    return func


def out_option(help_text: str):
    """The output folder option every command that reads or writes the filings takes (default: output/)."""
    return click.option(
        "--out",
        "out",
        default=Path("output"),
        show_default=True,
        type=click.Path(file_okay=False, path_type=Path),
        metavar="文件夹",
        help=help_text,
    )


@main.command("run")
@click.argument("cases", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="案件文件.yaml…")
@out_option("输出文件夹；每个案件写入其中的 <case_id>/ 子文件夹。")
@click.option(
    "--only",
    "only",
    multiple=True,
    type=ChineseChoice(KIND_NAMES),
    metavar="文书",
    help=f"只生成某一种文书（可重复），写中文名或代码均可：{KINDS_LISTED}；{V.DOCUMENT_NAMES['case_summary']}总会生成。",
)
@click.option("--force", is_flag=True, help="替换已存在的 <case_id>/ 文件夹（新文书写好后才删除旧的）。")
@click.option("--calendar", is_flag=True, help="同时写出期限日历文件 deadlines.ics（可导入手机日历）。")
@click.option("--pdf", is_flag=True, help="同时为每份 Word 文书生成 PDF（需要安装 LibreOffice）。")
@_run_options
def run_command(cases, out, only, force, calendar, pdf, templates, data, debug):
    """生成文书：make-filings case.yaml [更多案件…]"""
    pipeline = _import_pipeline()
    Options, run_case = pipeline.Options, pipeline.run_case
    options = Options(
        out=out, only=tuple(only), force=force, calendar=calendar, pdf=pdf, templates=templates, data=data
    )
    files = _expand(cases)
    if len(files) > 1:
        from generator.batch import run_batch
        from generator.cli_batch import BatchPrinter

        with _user_errors(debug):
            status = run_batch(files, options, debug=debug, exiting=True, view=BatchPrinter())
        sys.exit(status)
    with _user_errors(debug):
        prepared, folder = run_case(files[0], options)
    _print_warnings(prepared.warnings)
    click.echo(f"已生成 {len(prepared.manifest['filings'])} 份文书（Word 与文字版）：{folder}")
    for entry in prepared.manifest["filings"]:
        click.echo(f"  {entry['file']}  {entry['text_file']}" + (f"  {entry['pdf']}" if entry.get("pdf") else ""))


def _import_pipeline():
    """The pipeline, imported with the garbage collector paused and its objects then frozen.

    Importing the rendering stack creates some 60,000 objects that live until the
    command ends; collecting them while they are created and again at every later
    full collection costs about a tenth of a single case's time.
    """
    if f"{__package__}.pipeline" not in sys.modules:  # a second command in the same process: nothing new
        collecting = gc.isenabled()
        gc.disable()
        try:
            from generator import pipeline  # noqa: F401
        finally:
            gc.freeze()
            if collecting:
                gc.enable()
    from generator import pipeline

    return pipeline


def _expand(paths) -> list[Path]:
    """Case files from the arguments: files as given, folders as their *.yaml / *.yml."""
    out: list[Path] = []
    for path in paths:
        if _is_dir(path):
            out += sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
        else:
            out.append(path)
    if not out:
        raise click.UsageError("没有找到案件文件（.yaml）。")
    return out


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a name too long to look up: reading it as a case file says so in Chinese
        return False


def _print_warnings(warnings) -> None:
    for warning in warnings:
        click.echo(f"提醒：{warning}", err=True)


class _user_errors:
    """Print a FilingError in Chinese and exit 1; anything else is a bug (traceback with --debug)."""

    def __init__(self, debug: bool):
        self.debug = debug

    def __enter__(self):
        return self

    def __exit__(self, kind, exc, tb):
        if exc is None:
            return False
        from generator.errors import FilingError, OutputCurrentError

        if isinstance(exc, OutputCurrentError):  # a repeated run with nothing new: not a refusal
            click.echo(exc.message)
            sys.exit(0)
        if isinstance(exc, FilingError):
            if self.debug:
                traceback.print_exception(kind, exc, tb)
                if exc.detail:
                    click.echo(f"解析器的原始说明：\n{exc.detail}", err=True)
            click.echo(f"错误：{exc.message}", err=True)
            sys.exit(exc.exit_code)
        if isinstance(exc, KeyboardInterrupt):
            click.echo("已中断（Ctrl-C）。输出文件夹里不会留下写了一半的文书。", err=True)
            sys.exit(130)
        if isinstance(exc, (click.exceptions.Exit, click.ClickException, SystemExit)):
            return False
        if self.debug:
            return False
        click.echo(
            f"内部错误（这是程序的缺陷，不是您的输入问题）：{type(exc).__name__}: {exc}\n"
            "  请加 --debug 重新运行并把输出反馈给维护者。",
            err=True,
        )
        sys.exit(3)


@main.command("check")
@click.argument("case", type=click.Path(path_type=Path), metavar="案件文件.yaml")
@out_option("正式生成时的输出文件夹（只用于提示它是否已存在）。")
@_run_options
def check_command(case, out, templates, data, debug):
    """只检查不写文件：显示将生成的文书、金额、期限、引用的法条和提醒。"""
    pipeline = _import_pipeline()
    Options, prepare = pipeline.Options, pipeline.prepare
    from generator.report import check_report

    options = Options(out=out, templates=templates, data=data, check_output=False)
    with _user_errors(debug):
        prepared = prepare(case, options)
    click.echo(check_report(prepared, out))
    if prepared.warnings:
        click.echo(f"检查通过，有 {len(prepared.warnings)} 条提醒（见上）。可以运行 make-filings {case} 生成文书。")
    else:
        click.echo(f"检查通过，没有提醒。可以运行 make-filings {case} 生成文书。")


def _on_date(ctx, param, value):
    """`--on YYYY-MM-DD` as a date."""
    if value is None:
        return None
    from datetime import date

    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"“{value}”不是日期，请写成 YYYY-MM-DD，如 2026-12-01") from None


@main.command("next")
@click.argument("case", metavar="案件文件.yaml", type=click.Path(path_type=Path))
@click.option("--on", "on", callback=_on_date, metavar="YYYY-MM-DD", help="按这一天计算（默认今天）。")
@out_option("上次生成文书的输出文件夹（只用于指出要提交的文件）。")
@click.option("--debug", is_flag=True, help="出错时显示完整的程序调用栈（供开发者排查）。")
def next_command(case, on, out, debug):
    """案件进展到哪一步：已完成的、到期或逾期的步骤，现在要做的一件事和要提交的文书。"""
    from generator.follow import next_report, standing

    with _user_errors(debug):
        click.echo(next_report(standing(case, on), out))


@main.command("status")
@click.argument("folder", metavar="文件夹", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--on", "on", callback=_on_date, metavar="YYYY-MM-DD", help="按这一天计算（默认今天）。")
@out_option("上次生成文书的输出文件夹。")
@click.option("--json", "as_json", is_flag=True, help="只输出 JSON 数组。")
def status_command(folder, on, out, as_json):
    """文件夹中每个案件一行：案件编号、当事人、阶段、下一步、期限、是否逾期，最急的在前。"""
    from generator.follow import status_json, status_rows, status_table

    rows = status_rows(folder, on)
    click.echo(status_json(rows) if as_json else status_table(rows, out))
    sys.exit(1 if any("error" in r for r in rows) else 0)


@main.command("init")
@click.argument(
    "path",
    required=False,
    default="case.yaml",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="[案件文件.yaml]",
)
@click.option("--blank", is_flag=True, help="不提问，直接写出带注释的空白模板。")
@click.option("--ask", is_flag=True, help="即使不在终端中也逐项提问（可用管道输入答案）。")
def init_command(path, blank, ask):
    """逐项提问，生成一份案件文件（默认 case.yaml）；不会覆盖已有文件。Ctrl-C 暂停后再运行可接着问。"""
    from generator.case import interview

    if path.is_symlink() and not path.exists():  # writing would follow the link somewhere else
        raise UserError(
            f"{path} 是指向 {os.readlink(path)} 的符号链接，而链接的目标不存在；"
            "为免写到别处，未做任何修改。请换一个文件名。"
        )
    if path.exists():
        raise UserError(
            f"文件 {path} 已存在，为避免覆盖，未做任何修改。请换一个文件名，如 make-filings init 我的案件.yaml"
        )
    if path.parent.is_dir() and not os.access(path.parent, os.W_OK):  # before asking a single question
        raise UserError(f"没有在文件夹 {path.parent} 中写入文件的权限，未做任何修改。请换一个位置。")
    interactive = ask or (sys.stdin.isatty() and not blank)
    if blank or not interactive:
        text = interview.blank_text()
        note = "已写出空白模板" + ("（当前不在终端中，无法提问）" if not blank else "")
    else:
        text, note = _interview_text(path), "已生成案件文件"
    _write_new_file(path, text)
    if interactive and not blank:  # the answers are in the file now; a blank template leaves them for later
        interview.part_path(path).unlink(missing_ok=True)
    click.echo(f"{note}：{path}\n下一步：make-filings check {path}")


def ask_line(prompt: str) -> str:
    """One line the user types after `prompt` (empty when they just press Enter)."""
    return click.prompt(prompt, default="", show_default=False, prompt_suffix="")


def _interview_text(path: Path) -> str:
    """Run (or continue) the interview for `path`; Ctrl-C or a closed terminal keeps the answers and exits 130."""
    import signal

    from generator.case import interview

    part = interview.part_path(path)
    session = interview.Session(path.resolve().parent, part=part, stem=path.stem, show=click.echo, read=ask_line)
    hangup = getattr(signal, "SIGHUP", None)
    previous = signal.signal(hangup, _hang_up) if hangup else None
    try:
        saved = interview.load_part(part) if part.exists() else None
        if saved and _continue_saved(len(saved), part):
            session.history = [tuple(h) for h in saved]
        lines = session.run()
    except (click.exceptions.Abort, KeyboardInterrupt, EOFError):
        count = len(session.history)
        click.echo(
            f"\n已暂停。已回答的 {count} 题保存在 {part}；再次运行 make-filings init {path} 可以从这里继续。", err=True
        )
        sys.exit(130)
    finally:
        if hangup:
            signal.signal(hangup, previous)
    later = interview.later_items(session.answers, session.folder, session.today)
    if later:
        click.echo(
            "以下各项答了“稍后填写”，文件里留了空，补上后再运行 check：\n" + "\n".join(f"  - {p}" for p in later)
        )
    return interview.case_file_text(lines)


def _hang_up(signum, frame):
    """A closed terminal ends the interview like Ctrl-C: the answers so far are already saved."""
    raise KeyboardInterrupt


def _continue_saved(count: int, part: Path) -> bool:
    from generator.case.interview import Question, parse_answer

    question = Question("resume", f"发现上次没答完的问答（已答 {count} 题，保存在 {part}）。接着上次继续吗？", "yes")
    while True:
        text = click.prompt(question.prompt + "（是/否；回车＝是）：", default="", show_default=False, prompt_suffix="")
        if not text.strip():
            return True
        answer, reason = parse_answer(question, text)
        if reason is None:
            if answer == "false":
                click.echo("好的，重新开始；上次的回答将被新的回答替换。")
            return answer == "true"
        click.echo(f"  {reason}。")


def _write_new_file(path: Path, text: str) -> None:
    """Create `path` with `text`, or refuse in Chinese leaving nothing behind."""
    created = False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8") as fh:
            created = True
            fh.write(text)
    except OSError as exc:
        if created:
            path.unlink(missing_ok=True)
        if not created and isinstance(exc, (FileExistsError, NotADirectoryError)):
            raise UserError(
                f"无法写入 {path}：路径中有一部分是文件而不是文件夹。未做任何修改；请换一个位置。"
            ) from None
        raise UserError(
            f"无法写入 {path}：{exc.strerror or exc}。未做任何修改；请检查该位置是否存在、是否可写，或换一个位置。"
        ) from None


@main.command("check-templates")
@click.argument(
    "folder", required=False, type=click.Path(file_okay=False, exists=True, path_type=Path), metavar="[模板文件夹]"
)
def check_templates_command(folder):
    """检查模板文件夹（默认检查内置模板）：标签、变量、中文引号，用演示案件试渲染。"""
    from generator.rendering.templatecheck import check_templates

    findings = check_templates(folder)
    if findings:
        click.echo(f"发现 {len(findings)} 处模板问题：", err=True)
        for finding in findings:
            click.echo("  " + finding.describe(), err=True)
        sys.exit(1)
    click.echo(f"模板检查通过：{folder or '内置模板'}（缺少的文书沿用内置模板）")


@main.command("check-data")
@click.argument(
    "folder", required=False, type=click.Path(file_okay=False, exists=True, path_type=Path), metavar="[数据文件夹]"
)
def check_data_command(folder):
    """检查数据文件（默认检查内置的）：YAML 格式、键与取值、规则引文是否出自所引条文、日期。"""
    from generator.data_check import check_data

    with _user_errors(debug=False):
        refusals = check_data(folder)
    if refusals:
        click.echo(f"发现 {sum(len(r.problems) for r in refusals)} 处数据文件问题：", err=True)
        for refusal in refusals:
            click.echo(refusal.message.replace("，未生成任何文书", ""), err=True)
        sys.exit(1)
    click.echo(f"数据文件检查通过：{folder or '内置数据'}（缺少的文件沿用内置数据）")


@main.command(
    "laws",
    help=(
        "查看内置法条：laws 列出全部；laws 消法 列出一部法律的条文；laws 消法 24 显示全文。"
        "法名可写全称或简称（消法、电商法、民法典…）。"
    ),
)
@click.argument("law", required=False, metavar="[法名]")
@click.argument("article", required=False, metavar="[条号]")
def laws_command(law, article):
    from generator.law import provisions as law_mod

    if law is None:
        _list_all_provisions(law_mod)
        return
    texts = _provisions_of(law_mod, law)
    if article is None:
        _list_articles(law_mod, law, texts)
        return
    number = _article_number(article)
    if number is None:
        raise UserError(f"“{article}”不是条号，请写成 24、第24条 或 第二十四条。")
    found = [p for p in texts if p.article == number]
    if not found:
        raise UserError(f"内置数据中没有《{law}》第{article}条。用 make-filings laws {law} 查看这部法律的内置条文。")
    for p in found:
        _print_provision(law_mod, p)


def _list_all_provisions(law_mod) -> None:
    used = law_mod.used_keys()
    click.echo(f"{'法律法规':<24}\t条文\t施行日期\t失效日期\t规则引用")
    for p in law_mod.provisions():
        repealed = p.repealed.isoformat() if p.repealed else "—"
        mark = "是" if (p.law, p.article) in used else ""
        click.echo(f"{p.short:<24}\t{p.article_label}\t{p.effective.isoformat()}\t{repealed}\t{mark}")


def _provisions_of(law_mod, typed: str) -> list:
    """Every text on file of the law a user named by full name, short name or abbreviation."""
    from generator.law.lawnames import full_name

    name = full_name(typed) or typed.strip().strip("《》")
    found = [p for p in law_mod.provisions() if name in (p.law, p.short)]
    if not found:
        import difflib

        from generator.law.lawnames import known_laws

        shorts = list(dict.fromkeys(p.short for p in law_mod.provisions()))
        guess = difflib.get_close_matches(typed, shorts + known_laws(), n=1, cutoff=0.4)
        hint = f"是不是“{guess[0]}”？" if guess else "可以写全称或简称（如 消法、电商法、民法典）。"
        raise UserError(f"内置数据中没有《{typed}》。{hint}用 make-filings laws 查看全部内置条文。")
    return found


def _list_articles(law_mod, typed: str, texts: list) -> None:
    first = texts[0]
    click.echo(f"{law_mod.book_title(first.law)}的内置条文（{len(texts)}条）：")
    for p in texts:
        state = f"{p.effective.isoformat()}起施行" + (f"，{p.repealed.isoformat()}起失效" if p.repealed else "")
        opening = p.body.split("\n", 1)[0]
        click.echo(f"  {p.article_label}  {state}  {opening[:30]}{'…' if len(opening) > 30 else ''}")
    click.echo(f"查看一条的全文：make-filings laws {typed} {texts[0].article}")


def _print_provision(law_mod, p) -> None:
    """The article word for word, then the act, version and date, and where to verify it."""
    from generator.law.lawnames import database_of

    state = f"{p.effective.isoformat()}起施行" + (f"，{p.repealed.isoformat()}起失效" if p.repealed else "")
    click.echo(p.text)
    click.echo(f"——{law_mod.book_title(p.law)}{p.article_label}；{p.version}；{state}")
    database = database_of(p.law)
    where = f"{database.name}（{database.url}）" if database else "官方发布的正式文本"
    click.echo(f"核对：内置文本取自公开的整理本，引用前请在{where}逐字核对。")
    if p.note:
        click.echo(f"说明：{p.note}")
    click.echo("")


def _article_number(text: str | None) -> int | None:
    """`24`, `第24条` or `第二十四条` → 24."""
    if not text:
        return None
    core = text.strip().removeprefix("第").removesuffix("条")
    if core.isdigit():
        return int(core)
    from generator.cnformat import arabic_number

    try:
        return arabic_number(core)
    except ValueError:
        return None


if __name__ == "__main__":  # pragma: no cover
    main()
