"""Click, speaking Chinese: help headings, usage errors and interruptions.

Click builds these texts itself in English. Its own extension points are used:
a help formatter (headings, usage prefix, `[default: …]`), a context class
that installs it, command classes that give the help option its Chinese text,
and a `main` that shows a usage error in Chinese. Click's messages are
recognised by their English pattern and re-worded; one not listed is shown as
Click wrote it after a Chinese lead, never hidden.
"""

from __future__ import annotations

import re
import sys

import click

from generator.cnformat import display_width

HEADINGS = {"Options": "选项", "Commands": "命令", "Positional arguments": "参数", "Arguments": "参数"}
HELP_OPTION_TEXT = "显示此帮助并退出。"

# Click's usage errors → Chinese. Each pattern is matched against the whole message.
_MESSAGES = [
    (
        r"No such option:? '?(?P<a>[^'\s]+)'?\.?(?: Did you mean '?(?P<b>[^'?]+)'?\?)?",
        lambda m: f"没有这个选项：{m['a']}" + (f"。是不是想写 {m['b']}？" if m["b"] else ""),
    ),
    (r"No such command '?(?P<a>[^']+)'?\.", lambda m: f"没有这个命令：{m['a']}"),
    (r"Missing argument '?(?P<a>[^']+)'?\.", lambda m: f"缺少参数 {m['a']}"),
    (r"Missing option '?(?P<a>[^']+)'?\.", lambda m: f"缺少选项 {m['a']}"),
    (r"Missing command\.", lambda m: "缺少命令"),
    (r"Option '?(?P<a>[^']+)'? requires an argument\.", lambda m: f"选项 {m['a']} 后面要写一个值"),
    (r"Option '?(?P<a>[^']+)'? requires (?P<n>\d+) arguments\.", lambda m: f"选项 {m['a']} 后面要写 {m['n']} 个值"),
    (r"Option '?(?P<a>[^']+)'? does not take a value\.", lambda m: f"选项 {m['a']} 后面不能写值"),
    (r"Got unexpected extra arguments? \((?P<a>.+)\)", lambda m: f"多余的参数：{m['a']}"),
    (r"Invalid value for '?(?P<a>[^':]+)'?: (?P<b>.+)", lambda m: f"{m['a']} 的值不对：{translate(m['b'])}"),
    (r"'?(?P<a>.+?)'? is not a valid integer\.", lambda m: f"“{m['a']}”不是整数"),
    (r"(?:Path|File|Directory) '(?P<a>.+)' does not exist\.", lambda m: f"找不到“{m['a']}”"),
    (r"(?:Path|File|Directory) '(?P<a>.+)' is a file\.", lambda m: f"“{m['a']}”是文件，这里要一个文件夹"),
    (r"(?:Path|File|Directory) '(?P<a>.+)' is a directory\.", lambda m: f"“{m['a']}”是文件夹，这里要一个文件"),
]


def translate(message: str) -> str:
    """A Click message in Chinese; one without a pattern keeps Click's words."""
    for pattern, render in _MESSAGES:
        match = re.fullmatch(pattern, message.strip(), re.S)
        if match:
            return render(match)
    return message


class ZhFormatter(click.HelpFormatter):
    """Click's help layout with Chinese headings and notes."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix="用法：" if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{HEADINGS.get(heading, heading)}：\n")

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        """Click's two columns, measured as a terminal shows Chinese (two columns a character)."""
        rows = [(term, _notes_in_chinese(text)) for term, text in rows]
        widths = [display_width(term) for term, _ in rows]
        first = min(max(widths, default=0), col_max) + col_spacing
        lead = " " * self.current_indent
        room = max(self.width - first - self.current_indent, 20)
        for (term, text), width in zip(rows, widths):
            self.write(lead + term)
            if not text:
                self.write("\n")
                continue
            self.write(" " * (first - width) if width <= first - col_spacing else "\n" + lead + " " * first)
            lines = _wrap(text, room)
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(lead + " " * first + line + "\n")


def _notes_in_chinese(text: str) -> str:
    return re.sub(r"\[default: (.*?)\]", r"[默认：\1]", text).replace("[required]", "[必填]")


_NO_LINE_START = "，。；：、）」”！？"  # Chinese punctuation stays at the end of the line it closes


def _wrap(text: str, room: int) -> list[str]:
    """Lines of at most `room` terminal columns, broken anywhere (Chinese has no spaces to break at)."""
    lines, line, used = [], "", 0
    for char in " ".join(text.split()):
        width = display_width(char)
        if used + width > room and char not in _NO_LINE_START:
            lines.append(line.rstrip())
            line, used = ("", 0) if char == " " else (char, width)
            continue
        line, used = line + char, used + width
    return lines + [line]


class ZhContext(click.Context):
    formatter_class = ZhFormatter


class _ChineseHelp(click.Command):
    """The help option's own line in Chinese."""

    context_class: type[click.Context] = ZhContext

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[选项]")
        super().__init__(*args, **kwargs)

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP_OPTION_TEXT
        return option


class ZhCommand(_ChineseHelp, click.Command):
    pass


class ZhGroup(_ChineseHelp, click.Group):
    """A group whose commands, help and errors speak Chinese; Ctrl-C exits 130."""

    command_class = ZhCommand

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        prog_name = prog_name or self.name  # "make-filings" also under `python -m` and in tests
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.UsageError as exc:
            show_usage_error(exc)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            click.echo(f"错误：{translate(exc.format_message())}", err=True)
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("已中断。", err=True)
            sys.exit(130)
        sys.exit(code if isinstance(code, int) else 0)


def show_usage_error(exc: click.UsageError) -> None:
    """Usage, where to find help and what was wrong, as Click lays it out, in Chinese."""
    ctx = exc.ctx
    if ctx is not None:
        click.echo(ctx.get_usage(), err=True)
        names = ctx.help_option_names
        if names:
            click.echo(f"运行 {ctx.command_path} {names[-1]} 查看说明。", err=True)
        click.echo("", err=True)
    click.echo(f"错误：{translate(exc.format_message())}", err=True)


class ChineseChoice(click.Choice):
    """A choice that takes each value's Chinese names too; errors and metavar in Chinese."""

    def __init__(self, names: dict[str, tuple[str, ...]]):
        super().__init__(list(names))
        self.names = names

    def convert(self, value, param, ctx):
        word = str(value).strip()
        for choice, aliases in self.names.items():
            if word == choice or word in aliases:
                return choice
        options = "、".join(f"{aliases[0]}（{choice}）" for choice, aliases in self.names.items())
        self.fail(f"“{word}”不是可选的文书；可选：{options}", param, ctx)

    def get_metavar(self, param, *args) -> str:
        return "[" + "|".join(aliases[0] for aliases in self.names.values()) + "]"
