"""Draw the fictitious phone screenshots and the call recording used by the sample cases.

Run from the project root: `python scripts/make_sample_evidence.py` writes into
`cases/evidence/`; with `--citation` it draws the evidence of the case files in
`tests/citation_cases/` into `tests/citation_cases/evidence/`. Output is byte-for-byte
the same on every run (no timestamps, no dithering), so the files can be committed
and their SHA-256 quoted in tests.
Every name, number and company on the screenshots is made up; the complainant's
phone number and ID number never appear on them.
"""

from __future__ import annotations

import argparse
import math
import struct
import subprocess
import sys
import wave
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 540, 960
PALETTE_COLOURS = 32  # few colours keep each PNG well under 60 KB

WHITE = (255, 255, 255)
PAGE = (245, 245, 245)
CHAT_BG = (237, 237, 237)
TEXT = (25, 25, 25)
GREY = (136, 136, 136)
LINE = (229, 229, 229)
ALIPAY_BLUE = (22, 119, 255)
WECHAT_GREEN = (7, 193, 96)
BUBBLE_GREEN = (149, 236, 105)
ORANGE = (255, 80, 0)
RED = (230, 50, 50)
GOLD = (196, 146, 64)
DARK = (40, 40, 48)

_FONT_CANDIDATES = (
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-{weight}.ttc", 2),  # index 2 is the SC face
    ("/usr/share/fonts/noto-cjk/NotoSansCJK-{weight}.ttc", 2),
    ("/System/Library/Fonts/PingFang.ttc", 0),
    ("C:/Windows/Fonts/msyh.ttc", 0),
)


# ---------------------------------------------------------------- fonts


def _find_font_file(weight: str) -> tuple[str, int] | None:
    """(path, face index) of a Simplified Chinese font, Noto Sans CJK SC first."""
    for pattern, index in _FONT_CANDIDATES:
        path = pattern.format(weight=weight)
        if Path(path).exists():
            return path, index
    return _font_from_fontconfig()


def _font_from_fontconfig() -> tuple[str, int] | None:
    """Ask fontconfig for any font covering Chinese, preferring the SC face."""
    try:
        out = subprocess.run(
            ["fc-list", ":lang=zh", "file", "family", "index"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    lines = sorted(out.splitlines(), key=lambda line: ("CJK SC" not in line, line))
    for line in lines:
        file, _, rest = line.partition(":")
        index = rest.rsplit("index=", 1)[-1].split(":")[0] if "index=" in rest else "0"
        if file and index.isdigit():
            return file.strip(), int(index)
    return None


class Fonts:
    """Regular and bold faces at any size, cached; a bitmap fallback when no CJK font exists."""

    def __init__(self) -> None:
        self.regular = _find_font_file("Regular")
        self.bold = _find_font_file("Bold") or self.regular
        if self.regular is None:
            print("警告：未找到中文字体，截图中的中文将无法显示（请安装 fonts-noto-cjk）", file=sys.stderr)
        self._cache: dict[tuple[int, bool], ImageFont.FreeTypeFont | ImageFont.ImageFont] = {}

    def get(self, size: int, bold: bool = False):
        """The font at this pixel size."""
        key = (size, bold)
        if key not in self._cache:
            found = self.bold if bold else self.regular
            if found is None:
                self._cache[key] = ImageFont.load_default(size)
            else:
                self._cache[key] = ImageFont.truetype(found[0], size, index=found[1])
        return self._cache[key]


FONTS = Fonts()


# ---------------------------------------------------------------- drawing


_NO_LINE_START = "，。、；：！？）」』”’…～"


class Screen:
    """One phone screenshot being drawn, top to bottom, with a cursor `y`."""

    def __init__(self, background=PAGE) -> None:
        self.image = Image.new("RGB", (WIDTH, HEIGHT), background)
        self.draw = ImageDraw.Draw(self.image)
        self.y = 0

    def text(self, xy, s, size=22, fill=TEXT, bold=False, anchor="la") -> None:
        """Draw one line of text."""
        self.draw.text(xy, s, font=FONTS.get(size, bold), fill=fill, anchor=anchor)

    def width_of(self, s, size=22, bold=False) -> float:
        """Rendered width of a string."""
        return self.draw.textlength(s, font=FONTS.get(size, bold))

    def wrap(self, s, max_width, size=22) -> list[str]:
        """Break Chinese text (no spaces to break at) into lines that fit."""
        lines, line = [], ""
        for ch in s:
            # Closing punctuation never starts a line in Chinese typesetting: let it overhang.
            too_wide = self.width_of(line + ch, size) > max_width and ch not in _NO_LINE_START
            if too_wide and line:
                lines.append(line)
                line = ""
            line += ch
        return lines + [line] if line else lines

    def save(self, path: Path) -> None:
        """Write a small, deterministic palette PNG."""
        small = self.image.quantize(PALETTE_COLOURS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        small.save(path, format="PNG", optimize=True)


def status_bar(s: Screen, clock: str, dark=False) -> None:
    """The phone's status bar: clock, signal and battery."""
    colour = WHITE if dark else TEXT
    s.text((24, 10), clock, 20, colour, bold=True)
    for i in range(4):  # signal bars
        h = 6 + i * 4
        s.draw.rectangle((420 + i * 8, 28 - h, 425 + i * 8, 28), fill=colour)
    s.draw.rounded_rectangle((462, 12, 500, 30), 4, outline=colour, width=2)
    s.draw.rectangle((466, 16, 490, 26), fill=colour)
    s.draw.rectangle((502, 18, 505, 24), fill=colour)
    s.y = 40


def nav_bar(s: Screen, title: str, background=WHITE, colour=TEXT) -> None:
    """A title bar with a back arrow."""
    s.draw.rectangle((0, s.y, WIDTH, s.y + 60), fill=background)
    s.draw.line((34, s.y + 18, 22, s.y + 30, 34, s.y + 42), fill=colour, width=3)
    s.text((WIDTH // 2, s.y + 30), title, 24, colour, bold=True, anchor="mm")
    s.y += 60


def bill_screen(clock: str, payee: str, amount: str, outcome: str) -> Screen:
    """The top of a payment app's 账单详情: who was paid, the amount and the outcome; the rows follow."""
    s = Screen(WHITE)
    status_bar(s, clock)
    nav_bar(s, "账单详情")
    s.text((270, s.y + 60), payee, 22, TEXT, anchor="mm")
    s.text((270, s.y + 120), amount, 48, TEXT, bold=True, anchor="mm")
    s.text((270, s.y + 170), outcome, 20, GREY, anchor="mm")
    s.y += 210
    return s


def detail_rows(s: Screen, rows: list[tuple[str, str]], top_gap=0) -> None:
    """Label / value rows of a bill detail page, values wrapped on the right."""
    s.y += top_gap
    for label, value in rows:
        lines = s.wrap(value, 330, 20)
        s.text((30, s.y), label, 20, GREY)
        for i, line in enumerate(lines):
            s.text((170, s.y + i * 30), line, 20, TEXT)
        s.y += 30 * len(lines) + 18


def bubble(s: Screen, text: str, mine: bool, who: str = "") -> None:
    """A chat bubble: mine on the right in green, theirs on the left in white."""
    lines = s.wrap(text, 300, 21)
    w = max(s.width_of(line, 21) for line in lines) + 28
    h = 32 * len(lines) + 20
    avatar_x = WIDTH - 66 if mine else 16
    s.draw.rounded_rectangle((avatar_x, s.y, avatar_x + 50, s.y + 50), 6, fill=ALIPAY_BLUE if not mine else GOLD)
    s.text((avatar_x + 25, s.y + 25), who[:1], 22, WHITE, bold=True, anchor="mm")
    left = avatar_x - 12 - w if mine else avatar_x + 62
    s.draw.rounded_rectangle((left, s.y, left + w, s.y + h), 8, fill=BUBBLE_GREEN if mine else WHITE)
    for i, line in enumerate(lines):
        s.text((left + 14, s.y + 10 + i * 32), line, 21, TEXT)
    s.y += max(h, 50) + 22


def chat_time(s: Screen, when: str) -> None:
    """The centred grey time stamp between chat messages."""
    s.text((WIDTH // 2, s.y + 10), when, 17, GREY, anchor="mm")
    s.y += 36


def system_notice(s: Screen, text: str) -> None:
    """A centred grey system line in a chat (closed session, message refused …)."""
    w = s.width_of(text, 17) + 24
    s.draw.rounded_rectangle(((WIDTH - w) / 2, s.y, (WIDTH + w) / 2, s.y + 32), 4, fill=(222, 222, 222))
    s.text((WIDTH // 2, s.y + 16), text, 17, (110, 110, 110), anchor="mm")
    s.y += 50


def chat_input_bar(s: Screen) -> None:
    """The input bar at the bottom of a chat screen."""
    s.draw.rectangle((0, HEIGHT - 70, WIDTH, HEIGHT), fill=(247, 247, 247))
    s.draw.rounded_rectangle((70, HEIGHT - 56, 440, HEIGHT - 14), 6, fill=WHITE)
    s.draw.ellipse((20, HEIGHT - 52, 54, HEIGHT - 18), outline=TEXT, width=2)
    s.draw.ellipse((458, HEIGHT - 52, 492, HEIGHT - 18), outline=TEXT, width=2)


def button(s: Screen, box, label, fill=ORANGE, colour=WHITE, size=24) -> None:
    """A filled rounded button with a centred label."""
    s.draw.rounded_rectangle(box, 26, fill=fill)
    s.text(((box[0] + box[2]) / 2, (box[1] + box[3]) / 2), label, size, colour, bold=True, anchor="mm")


def checkbox(s: Screen, x: int, y: int, checked: bool) -> None:
    """A round checkbox, ticked when checked."""
    if checked:
        s.draw.ellipse((x, y, x + 26, y + 26), fill=ORANGE)
        s.draw.line((x + 6, y + 13, x + 11, y + 19, x + 20, y + 8), fill=WHITE, width=3)
    else:
        s.draw.ellipse((x, y, x + 26, y + 26), outline=GREY, width=2)


# ---------------------------------------------------------------- case 1: rights mismatch (张三)


def txvip_alipay_bill() -> Screen:
    """支付宝账单详情 of the 158-yuan order KM202609011234567."""
    s = Screen(WHITE)
    status_bar(s, "20:16")
    nav_bar(s, "账单详情")
    s.draw.ellipse((240, s.y + 20, 300, s.y + 80), fill=ORANGE)
    s.text((270, s.y + 50), "充", 28, WHITE, bold=True, anchor="mm")
    s.text((270, s.y + 108), "速充卡盟", 22, TEXT, anchor="mm")
    s.text((270, s.y + 162), "-158.00", 48, TEXT, bold=True, anchor="mm")
    s.text((270, s.y + 212), "交易成功", 20, GREY, anchor="mm")
    s.y += 250
    s.draw.line((30, s.y, 510, s.y), fill=LINE, width=1)
    detail_rows(
        s,
        [
            ("支付时间", "2026-09-01 20:15:32"),
            ("付款方式", "余额宝"),
            ("商品说明", "腾讯视频VIP年卡（官方直充12个月）"),
            ("收单机构", "某某支付科技有限公司"),
            ("收款方全称", "深圳某某科技有限公司"),
            ("订单号", "2026090122001412345678901234"),
            ("商家订单号", "KM202609011234567"),
        ],
        top_gap=24,
    )
    s.draw.line((30, s.y, 510, s.y), fill=LINE, width=1)
    s.text((30, s.y + 24), "账单分类", 20, GREY)
    s.text((170, s.y + 24), "充值缴费", 20, TEXT)
    s.text((270, HEIGHT - 60), "对此订单有疑问", 20, ALIPAY_BLUE, anchor="mm")
    return s


def txvip_product_page() -> Screen:
    """The card platform's product page promising 12 months of official VIP with 4K."""
    s = Screen(PAGE)
    status_bar(s, "20:12")
    nav_bar(s, "商品详情")
    s.draw.rectangle((0, s.y, WIDTH, s.y + 300), fill=DARK)
    s.text((270, s.y + 90), "腾讯视频", 44, GOLD, bold=True, anchor="mm")
    s.text((270, s.y + 150), "VIP 年卡 · 12个月", 34, WHITE, bold=True, anchor="mm")
    s.text((270, s.y + 210), "4K超高清  多设备登录  官方直充", 22, GOLD, anchor="mm")
    s.y += 300
    s.draw.rectangle((0, s.y, WIDTH, s.y + 330), fill=WHITE)
    s.text((24, s.y + 20), "¥158.00", 40, ORANGE, bold=True)
    s.text((200, s.y + 36), "原价 ¥258.00", 20, GREY)
    s.draw.line((200, s.y + 49, 322, s.y + 49), fill=GREY, width=1)
    for i, line in enumerate(s.wrap("官方直充腾讯视频VIP12个月 支持4K 多设备登录 秒到账", 490, 24)):
        s.text((24, s.y + 90 + i * 36), line, 24, TEXT, bold=True)
    x = 24
    for tag in ("官方直充", "支持4K", "秒到账", "售后无忧"):
        w = s.width_of(tag, 18) + 20
        s.draw.rounded_rectangle((x, s.y + 180, x + w, s.y + 212), 4, outline=ORANGE, width=1)
        s.text((x + 10, s.y + 184), tag, 18, ORANGE)
        x += w + 12
    s.text((24, s.y + 240), "已售 3.2万+   好评率 98%", 18, GREY)
    s.text((24, s.y + 276), "充值账号：填写腾讯视频登录的QQ号或手机号", 18, GREY)
    s.y += 345
    s.draw.rectangle((0, s.y, WIDTH, s.y + 110), fill=WHITE)
    s.text((24, s.y + 18), "商品说明", 22, TEXT, bold=True)
    s.text((24, s.y + 60), "官方正规渠道充值，到账即为12个月VIP会员。", 19, GREY)
    s.draw.rectangle((0, HEIGHT - 80, WIDTH, HEIGHT), fill=WHITE)
    button(s, (200, HEIGHT - 68, 520, HEIGHT - 14), "立即购买")
    s.text((40, HEIGHT - 40), "客服", 18, GREY, anchor="lm")
    s.text((110, HEIGHT - 40), "店铺", 18, GREY, anchor="lm")
    return s


def txvip_membership_page() -> Screen:
    """The streaming app's member centre after redeeming: only a 3-month trial, no 4K."""
    s = Screen(PAGE)
    s.draw.rectangle((0, 0, WIDTH, 40), fill=DARK)
    status_bar(s, "21:03", dark=True)
    nav_bar(s, "会员中心", background=DARK, colour=WHITE)
    s.draw.rounded_rectangle((24, s.y + 20, 516, s.y + 240), 16, fill=DARK)
    s.text((50, s.y + 48), "当前会员", 20, GOLD)
    s.text((50, s.y + 84), "3个月体验会员", 36, WHITE, bold=True)
    s.text((50, s.y + 142), "有效期至 2026-12-01", 20, (200, 200, 200))
    s.text((50, s.y + 182), "开通方式：兑换码兑换", 20, (200, 200, 200))
    s.y += 270
    s.draw.rectangle((0, s.y, WIDTH, s.y + 330), fill=WHITE)
    s.text((24, s.y + 20), "我的权益", 24, TEXT, bold=True)
    rows = (
        ("蓝光1080P", "已开通", TEXT),
        ("4K超高清", "未开通", RED),
        ("多设备登录", "未开通", RED),
        ("跳过广告", "已开通", TEXT),
    )
    for i, (name, state, colour) in enumerate(rows):
        y = s.y + 76 + i * 60
        s.text((24, y), name, 22, TEXT)
        s.text((516, y), state, 22, colour, anchor="ra")
        s.draw.line((24, y + 44, 516, y + 44), fill=LINE)
    s.y += 350
    s.draw.rectangle((0, s.y, WIDTH, s.y + 120), fill=WHITE)
    s.text((24, s.y + 20), "兑换记录", 22, TEXT, bold=True)
    s.text((24, s.y + 62), "2026-09-01 20:20  兑换 3个月体验会员", 19, GREY)
    button(s, (40, HEIGHT - 90, 500, HEIGHT - 36), "升级至SVIP 解锁4K", fill=GOLD)
    return s


def txvip_service_chat() -> Screen:
    """The platform's customer service refusing a refund: 虚拟商品一经售出不退不换."""
    s = Screen(CHAT_BG)
    status_bar(s, "10:32")
    nav_bar(s, "速充卡盟官方客服", background=CHAT_BG)
    s.y += 10
    chat_time(s, "2026-09-03 10:21")
    bubble(
        s,
        "你好，我9月1日买的腾讯视频VIP年卡（订单KM202609011234567），兑换后只有3个月体验会员，也不能看4K，和页面写的不一样，请退款。",
        True,
        "张",
    )
    bubble(s, "亲，您好，这边看到您的订单已经兑换成功了哦～", False, "客")
    bubble(s, "页面写的是官方直充12个月、支持4K，实际只有3个月。", True, "张")
    chat_time(s, "2026-09-03 10:30")
    bubble(s, "亲，虚拟商品一经售出不退不换，感谢您的理解。", False, "客")
    bubble(s, "这不符合宣传，我要求全额退款。", True, "张")
    chat_input_bar(s)
    return s


# ---------------------------------------------------------------- case 2: auto renewal (李四)


def renewal_wechat_bill() -> Screen:
    """微信支付账单 listing the first month and two ¥25.00 renewal deductions."""
    s = Screen(WHITE)
    status_bar(s, "09:05")
    nav_bar(s, "账单")
    s.draw.rectangle((0, s.y, WIDTH, s.y + 56), fill=PAGE)
    s.text((24, s.y + 14), "全部账单", 20, TEXT, bold=True)
    s.text((516, s.y + 14), "统计", 20, WECHAT_GREEN, anchor="ra")
    s.y += 56
    months = (
        ("2026年11月", [("速充卡盟-芒果TV会员自动续费", "11月01日 08:00", "-25.00")]),
        ("2026年10月", [("速充卡盟-芒果TV会员自动续费", "10月01日 08:00", "-25.00")]),
        ("2026年9月", [("速充卡盟-芒果TV会员首月", "09月01日 19:42", "-25.00")]),
    )
    for month, items in months:
        s.draw.rectangle((0, s.y, WIDTH, s.y + 50), fill=PAGE)
        s.text((24, s.y + 12), month, 20, TEXT, bold=True)
        s.text((516, s.y + 14), f"支出 ¥{25 * len(items):.2f}", 17, GREY, anchor="ra")
        s.y += 50
        for title, when, amount in items:
            s.draw.ellipse((24, s.y + 20, 72, s.y + 68), fill=WECHAT_GREEN)
            s.text((48, s.y + 44), "扣", 22, WHITE, bold=True, anchor="mm")
            s.text((90, s.y + 20), title, 21, TEXT)
            s.text((90, s.y + 56), when, 17, GREY)
            s.text((516, s.y + 24), amount, 22, TEXT, bold=True, anchor="ra")
            s.draw.line((90, s.y + 90, WIDTH, s.y + 90), fill=LINE)
            s.y += 91
    s.y += 20
    s.text((24, s.y), "自动续费扣款详情", 20, TEXT, bold=True)
    s.y += 44
    detail_rows(
        s,
        [
            ("商户全称", "上海某某信息技术有限公司"),
            ("扣费服务", "芒果TV会员连续包月"),
            ("交易单号", "4200002345202611010123456789"),
            ("商户单号", "KM202611010000258"),
        ],
    )
    return s


def renewal_settings_page() -> Screen:
    """The card platform's order page with 自动续费 ticked by default."""
    s = Screen(PAGE)
    status_bar(s, "19:41")
    nav_bar(s, "确认订单")
    s.draw.rectangle((0, s.y + 16, WIDTH, s.y + 176), fill=WHITE)
    s.draw.rounded_rectangle((24, s.y + 36, 124, s.y + 136), 12, fill=ORANGE)
    s.text((74, s.y + 86), "芒果TV", 20, WHITE, bold=True, anchor="mm")
    s.text((144, s.y + 40), "芒果TV VIP会员 月卡", 24, TEXT, bold=True)
    s.text((144, s.y + 80), "首月 ¥25.00  官方直充", 20, GREY)
    s.text((144, s.y + 112), "¥25.00", 26, ORANGE, bold=True)
    s.y += 196
    s.draw.rectangle((0, s.y, WIDTH, s.y + 220), fill=WHITE)
    s.text((24, s.y + 20), "充值账号", 20, GREY)
    s.text((516, s.y + 20), "已绑定", 20, TEXT, anchor="ra")
    s.draw.line((24, s.y + 64, 516, s.y + 64), fill=LINE)
    checkbox(s, 24, s.y + 86, checked=True)
    s.text((62, s.y + 84), "自动续费", 22, TEXT, bold=True)
    s.text((62, s.y + 120), "到期后按 ¥25.00/月 自动扣款，可随时取消", 17, GREY)
    s.draw.line((24, s.y + 160, 516, s.y + 160), fill=LINE)
    checkbox(s, 24, s.y + 176, checked=True)
    s.text((62, s.y + 176), "我已阅读并同意《自动续费服务协议》", 18, GREY)
    s.y += 240
    s.draw.rectangle((0, s.y, WIDTH, s.y + 130), fill=WHITE)
    s.text((24, s.y + 20), "支付方式", 20, GREY)
    s.draw.ellipse((24, s.y + 66, 56, s.y + 98), fill=WECHAT_GREEN)
    s.text((70, s.y + 68), "微信支付", 22, TEXT)
    checkbox(s, 484, s.y + 70, checked=True)
    s.draw.rectangle((0, HEIGHT - 80, WIDTH, HEIGHT), fill=WHITE)
    s.text((24, HEIGHT - 40), "合计：¥25.00", 24, ORANGE, bold=True, anchor="lm")
    button(s, (300, HEIGHT - 68, 520, HEIGHT - 14), "立即支付")
    return s


def renewal_cancel_chat() -> Screen:
    """李四 asking customer service to stop the renewal, then being charged again."""
    s = Screen(CHAT_BG)
    status_bar(s, "09:12")
    nav_bar(s, "速充卡盟在线客服", background=CHAT_BG)
    s.y += 10
    chat_time(s, "2026-10-01 09:30")
    bubble(s, "你好，我今天被自动扣了25元。我没有主动开通自动续费，请帮我关闭自动续费，以后不要再扣款。", True, "李")
    bubble(s, "亲，已收到，会为您登记处理哦。", False, "客")
    bubble(s, "请确认已经关闭。", True, "李")
    chat_time(s, "2026-11-01 09:10")
    bubble(s, "10月1日已经申请关闭，今天又扣了25元，请退还两次续费款共50元。", True, "李")
    bubble(s, "请问有人吗？", True, "李")
    chat_input_bar(s)
    return s


# ---------------------------------------------------------------- case 3: fraud (王小明)


def fraud_ad_page() -> Screen:
    """The ad for a fake 'internal channel' discount coupon at 68 yuan."""
    s = Screen((120, 20, 20))
    status_bar(s, "21:30", dark=True)
    s.text((270, s.y + 60), "内部渠道折扣券", 46, (255, 220, 120), bold=True, anchor="mm")
    s.draw.rounded_rectangle((40, s.y + 120, 500, s.y + 440), 20, fill=WHITE)
    s.text((270, s.y + 180), "爱奇艺", 40, WECHAT_GREEN, bold=True, anchor="mm")
    s.text((270, s.y + 240), "黄金VIP年卡", 40, TEXT, bold=True, anchor="mm")
    s.text((270, s.y + 320), "仅需68元", 56, RED, bold=True, anchor="mm")
    s.text((270, s.y + 395), "官方授权 · 正品保障 · 假一赔十", 20, GREY, anchor="mm")
    s.y += 470
    for i, line in enumerate(
        (
            "● 内部员工渠道，名额有限",
            "● 付款后5分钟内发送兑换码",
            "● 12个月黄金VIP，不满意全额退款",
        )
    ):
        s.text((60, s.y + i * 44), line, 24, WHITE)
    s.text((270, s.y + 160), "今日仅剩 17 张", 24, (255, 220, 120), bold=True, anchor="mm")
    button(s, (60, HEIGHT - 120, 480, HEIGHT - 60), "立即抢购", fill=(255, 200, 40), colour=(120, 20, 20), size=28)
    return s


def fraud_bill() -> Screen:
    """支付宝账单详情 of the 68-yuan payment to the seller."""
    s = Screen(WHITE)
    status_bar(s, "21:36")
    nav_bar(s, "账单详情")
    s.draw.ellipse((240, s.y + 20, 300, s.y + 80), fill=ALIPAY_BLUE)
    s.text((270, s.y + 50), "券", 28, WHITE, bold=True, anchor="mm")
    s.text((270, s.y + 108), "优享折扣券小店", 22, TEXT, anchor="mm")
    s.text((270, s.y + 162), "-68.00", 48, TEXT, bold=True, anchor="mm")
    s.text((270, s.y + 212), "交易成功", 20, GREY, anchor="mm")
    s.y += 250
    s.draw.line((30, s.y, 510, s.y), fill=LINE, width=1)
    detail_rows(
        s,
        [
            ("支付时间", "2026-09-05 21:35:48"),
            ("付款方式", "花呗"),
            ("商品说明", "爱奇艺黄金VIP年卡内部折扣券"),
            ("收款方全称", "杭州某某网络科技有限公司"),
            ("订单号", "2026090522001498765432109876"),
            ("商家订单号", "YX20260905213548001"),
        ],
        top_gap=24,
    )
    s.text((270, HEIGHT - 60), "对此订单有疑问", 20, ALIPAY_BLUE, anchor="mm")
    return s


def fraud_seller_chat() -> Screen:
    """The seller sends a dead code, then stops answering and closes the session."""
    s = Screen(CHAT_BG)
    status_bar(s, "22:40")
    nav_bar(s, "优享折扣券小店", background=CHAT_BG)
    s.y += 10
    chat_time(s, "2026-09-05 21:37")
    bubble(s, "已付款68元，请发爱奇艺黄金VIP年卡兑换码。", True, "王")
    bubble(s, "兑换码：IQY8F3K29DXQ7LM，请尽快兑换", False, "店")
    chat_time(s, "2026-09-05 21:52")
    bubble(s, "兑换码在爱奇艺提示“兑换码无效”，请重新发送或退款。", True, "王")
    chat_time(s, "2026-09-06 10:05")
    bubble(s, "在吗？请退款68元。", True, "王")
    chat_time(s, "2026-09-07 20:18")
    bubble(s, "三天没有回复，我将向12315投诉。", True, "王")
    system_notice(s, "对方已关闭会话，消息无法送达")
    chat_input_bar(s)
    return s


# ---------------------------------------------------------------- case 4: marketplace shop (赵敏)


def shop_product_page() -> Screen:
    """A shop on a card marketplace selling a Youku annual card with 假一赔十."""
    s = Screen(PAGE)
    status_bar(s, "21:02")
    nav_bar(s, "闪购卡券集市")
    s.draw.rectangle((0, s.y + 10, WIDTH, s.y + 90), fill=WHITE)
    s.draw.ellipse((24, s.y + 24, 76, s.y + 76), fill=ALIPAY_BLUE)
    s.text((50, s.y + 50), "鱼", 24, WHITE, bold=True, anchor="mm")
    s.text((92, s.y + 28), "小鱼会员铺", 22, TEXT, bold=True)
    s.text((92, s.y + 58), "店铺地址：浙江省杭州市余杭区某某路8号", 16, GREY)
    s.y += 110
    s.draw.rectangle((0, s.y, WIDTH, s.y + 330), fill=WHITE)
    s.text((270, s.y + 80), "优酷VIP年卡", 44, ALIPAY_BLUE, bold=True, anchor="mm")
    s.text((270, s.y + 150), "官方兑换码 · 12个月", 24, TEXT, anchor="mm")
    s.text((270, s.y + 220), "¥59.90", 52, ORANGE, bold=True, anchor="mm")
    s.text((270, s.y + 290), "原价 ¥198.00", 20, GREY, anchor="mm")
    s.y += 350
    s.draw.rectangle((0, s.y, WIDTH, s.y + 150), fill=WHITE)
    s.draw.rounded_rectangle((24, s.y + 20, 150, s.y + 60), 6, fill=RED)
    s.text((87, s.y + 40), "假一赔十", 22, WHITE, bold=True, anchor="mm")
    s.draw.rounded_rectangle((170, s.y + 20, 320, s.y + 60), 6, outline=RED, width=2)
    s.text((245, s.y + 40), "官方正品", 22, RED, bold=True, anchor="mm")
    s.text((24, s.y + 90), "兑换码自动发货，无效包退包换", 20, GREY)
    button(s, (60, HEIGHT - 100, 480, HEIGHT - 40), "立即购买")
    return s


def shop_alipay_bill() -> Screen:
    """支付宝账单详情 of the 59.90 order paid on the marketplace."""
    s = bill_screen("21:05", "闪购卡券集市", "-59.90", "交易成功")
    s.draw.line((30, s.y, 510, s.y), fill=LINE, width=1)
    detail_rows(
        s,
        [
            ("支付时间", "2026-10-02 21:04:11"),
            ("商品说明", "小鱼会员铺-优酷VIP年卡兑换码"),
            ("收款方全称", "杭州某某电子商务有限公司"),
            ("订单号", "2026100222001455501234567890"),
            ("商家订单号", "SG20261002210411"),
        ],
        top_gap=24,
    )
    return s


def shop_redeem_error() -> Screen:
    """The streaming app refusing the code: 兑换码无效或已被使用."""
    s = Screen(WHITE)
    status_bar(s, "21:08")
    nav_bar(s, "兑换VIP")
    s.draw.rounded_rectangle((30, s.y + 40, 510, s.y + 100), 8, outline=LINE, width=2)
    s.text((50, s.y + 58), "YK7Q-2M9D-88TR-4LXC", 22, TEXT)
    button(s, (30, s.y + 130, 510, s.y + 190), "立即兑换", fill=ALIPAY_BLUE)
    s.draw.rounded_rectangle((80, s.y + 300, 460, s.y + 400), 12, fill=DARK)
    s.text((270, s.y + 350), "兑换码无效或已被使用", 24, WHITE, bold=True, anchor="mm")
    return s


def shop_refusal_chat() -> Screen:
    """The shop's customer service refusing: the code was sent, so the deal is done."""
    s = Screen(CHAT_BG)
    status_bar(s, "21:30")
    nav_bar(s, "小鱼会员铺客服", background=CHAT_BG)
    s.y += 10
    chat_time(s, "2026-10-02 21:10")
    bubble(s, "兑换码提示无效或已被使用，页面写着假一赔十，请退款并按承诺赔偿。", True, "赵")
    bubble(s, "兑换码已发出即视为交易完成，无效是您自己操作的问题。", False, "鱼")
    bubble(s, "我是复制粘贴的，截图在这里。", True, "赵")
    bubble(s, "不好意思，不能退。", False, "鱼")
    chat_input_bar(s)
    return s


def shop_extra_bill() -> Screen:
    """The monthly membership bought at the official price to watch that night's match."""
    s = bill_screen("21:20", "优酷", "-25.00", "交易成功")
    detail_rows(
        s,
        [
            ("支付时间", "2026-10-02 21:19:40"),
            ("商品说明", "优酷VIP会员 月卡"),
            ("收款方全称", "优酷信息技术（北京）有限公司"),
        ],
        top_gap=24,
    )
    return s


# ---------------------------------------------------------------- case 5: seller in a WeChat group (孙磊)


def group_seller_chat() -> Screen:
    """A seller in a WeChat group offering a Bilibili annual membership, then going silent."""
    s = Screen(CHAT_BG)
    status_bar(s, "19:50")
    nav_bar(s, "追剧会员福利群(236)", background=CHAT_BG)
    s.y += 10
    chat_time(s, "2026-10-10 19:20")
    bubble(s, "B站大会员年卡88元，独享账号，掉线包补，扫码付款", False, "卖")
    bubble(s, "要一张，已扫码付88元。", True, "孙")
    chat_time(s, "2026-10-12 22:05")
    bubble(s, "账号被别人挤下线了，登录提示已在其他设备登录，请补号或退款。", True, "孙")
    chat_time(s, "2026-10-14 09:00")
    bubble(s, "在吗？请退款88元。", True, "孙")
    system_notice(s, "你已被移出群聊")
    chat_input_bar(s)
    return s


def group_transfer_bill() -> Screen:
    """微信支付账单: 88 yuan to a personal collection code (个人收款码)."""
    s = bill_screen("19:22", "扫二维码付款-给A追剧小铺", "-88.00", "支付成功")
    detail_rows(
        s,
        [
            ("支付时间", "2026-10-10 19:21:37"),
            ("收款方", "A追剧小铺（个人）"),
            ("收款方备注", "二维码收款"),
            ("转账单号", "10001071012026101019213700012345"),
        ],
        top_gap=24,
    )
    return s


# ---------------------------------------------------------------- the citation test cases (tests/citation_cases)


def citation_group_transfer_bill() -> Screen:
    """微信支付账单: 35 yuan to the personal collection code of a chat-group seller (吴桐's case)."""
    s = bill_screen("22:11", "扫二维码付款-给李某某", "-35.00", "支付成功")
    detail_rows(
        s,
        [
            ("支付时间", "2026-10-05 22:10:08"),
            ("收款方", "李某某（个人）"),
            ("收款方备注", "二维码收款"),
            ("转账单号", "1000050001202610052210009999"),
        ],
        top_gap=24,
    )
    return s


def citation_group_seller_chat() -> Screen:
    """The private chat of 8 October: the buyer asks for the 35 yuan back, the seller does not answer."""
    s = Screen(CHAT_BG)
    status_bar(s, "21:40")
    nav_bar(s, "yk-share-66", background=CHAT_BG)
    s.y += 10
    chat_time(s, "2026-10-08 20:02")
    bubble(s, "你给的账号被改了密码，登不上了，这不是独享年卡，请退我35元。", True, "吴")
    chat_time(s, "2026-10-08 21:35")
    bubble(s, "在吗？请退款。", True, "吴")
    chat_input_bar(s)
    return s


def citation_shop_alipay_bill() -> Screen:
    """支付宝账单详情 of the 120-yuan order LX2026091000088 on 乐享卡券网 (钱晓's case)."""
    s = bill_screen("20:16", "乐享卡券网", "-120.00", "交易成功")
    s.draw.line((30, s.y, 510, s.y), fill=LINE, width=1)
    detail_rows(
        s,
        [
            ("支付时间", "2026-09-10 20:15:26"),
            ("商品说明", "星河数码店-腾讯视频VIP年卡"),
            ("收款方全称", "宁波乐享网络科技有限公司"),
            ("订单号", "2026091022001400000000000777"),
            ("商家订单号", "LX2026091000088"),
        ],
        top_gap=24,
    )
    return s


def citation_shop_extra_bill() -> Screen:
    """The month of 腾讯视频 bought at the official price while the card did not work."""
    s = bill_screen("09:30", "腾讯视频", "-30.00", "交易成功")
    detail_rows(
        s,
        [
            ("支付时间", "2026-09-12 09:28:51"),
            ("商品说明", "腾讯视频VIP会员 月卡"),
            ("收款方全称", "深圳市腾讯计算机系统有限公司"),
        ],
        top_gap=24,
    )
    return s


def citation_shop_product_page() -> Screen:
    """The shop's product page: 腾讯视频VIP年卡 12个月 官方直充 假一赔三."""
    s = Screen(PAGE)
    status_bar(s, "20:10")
    nav_bar(s, "星河数码店")
    s.draw.rectangle((0, s.y, WIDTH, s.y + 260), fill=DARK)
    s.text((270, s.y + 90), "腾讯视频", 44, GOLD, bold=True, anchor="mm")
    s.text((270, s.y + 160), "VIP 年卡 · 12个月", 34, WHITE, bold=True, anchor="mm")
    s.y += 260
    s.draw.rectangle((0, s.y, WIDTH, s.y + 220), fill=WHITE)
    s.text((24, s.y + 20), "¥120.00", 40, ORANGE, bold=True)
    s.text((24, s.y + 90), "腾讯视频VIP年卡 12个月 官方直充", 24, TEXT, bold=True)
    s.draw.rounded_rectangle((24, s.y + 140, 150, s.y + 180), 6, fill=RED)
    s.text((87, s.y + 160), "假一赔三", 22, WHITE, bold=True, anchor="mm")
    s.draw.rounded_rectangle((170, s.y + 140, 320, s.y + 180), 6, outline=RED, width=2)
    s.text((245, s.y + 160), "官方直充", 22, RED, bold=True, anchor="mm")
    button(s, (60, HEIGHT - 100, 480, HEIGHT - 40), "立即购买")
    return s


def citation_membership_page() -> Screen:
    """The member centre after the top-up: a 7-day trial, not a year."""
    s = Screen(PAGE)
    s.draw.rectangle((0, 0, WIDTH, 40), fill=DARK)
    status_bar(s, "09:05", dark=True)
    nav_bar(s, "会员中心", background=DARK, colour=WHITE)
    s.draw.rounded_rectangle((24, s.y + 20, 516, s.y + 240), 16, fill=DARK)
    s.text((50, s.y + 48), "当前会员", 20, GOLD)
    s.text((50, s.y + 84), "7天体验会员", 36, WHITE, bold=True)
    s.text((50, s.y + 142), "有效期至 2026-09-17", 20, (200, 200, 200))
    s.text((50, s.y + 182), "开通方式：第三方充值", 20, (200, 200, 200))
    return s


def citation_shop_refusal_chat() -> Screen:
    """The shop's 旺旺 chat of 11 September: 已经充值成功，不予退款."""
    s = Screen(CHAT_BG)
    status_bar(s, "10:20")
    nav_bar(s, "星河数码店", background=CHAT_BG)
    s.y += 10
    chat_time(s, "2026-09-11 10:02")
    bubble(s, "充值以后到账的是7天体验卡，不是年卡，页面写着假一赔三，请退款。", True, "钱")
    bubble(s, "已经充值成功，不予退款。", False, "星")
    chat_input_bar(s)
    return s


# ---------------------------------------------------------------- audio


def write_call_recording(path: Path) -> None:
    """One second of a quiet 440 Hz tone, 8 kHz mono 16-bit: a stand-in for a call recording."""
    rate = 8000
    samples = (int(3000 * math.sin(2 * math.pi * 440 * n / rate)) for n in range(rate))
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(b"".join(struct.pack("<h", v) for v in samples))


# ---------------------------------------------------------------- main

SCREENSHOTS = {
    "txvip-alipay-bill.png": txvip_alipay_bill,
    "txvip-product-page.png": txvip_product_page,
    "txvip-membership-page.png": txvip_membership_page,
    "txvip-service-chat.png": txvip_service_chat,
    "renewal-wechat-bill.png": renewal_wechat_bill,
    "renewal-settings-page.png": renewal_settings_page,
    "renewal-cancel-chat.png": renewal_cancel_chat,
    "fraud-ad-page.png": fraud_ad_page,
    "fraud-bill.png": fraud_bill,
    "fraud-seller-chat.png": fraud_seller_chat,
    "shop-product-page.png": shop_product_page,
    "shop-alipay-bill.png": shop_alipay_bill,
    "shop-redeem-error.png": shop_redeem_error,
    "shop-refusal-chat.png": shop_refusal_chat,
    "shop-extra-bill.png": shop_extra_bill,
    "group-seller-chat.png": group_seller_chat,
    "group-transfer-bill.png": group_transfer_bill,
}

# The evidence of the case files in tests/citation_cases, under the names those files give.
CITATION_SCREENSHOTS = {
    "group-transfer-bill.png": citation_group_transfer_bill,
    "group-seller-chat.png": citation_group_seller_chat,
    "txvip-alipay-bill.png": citation_shop_alipay_bill,
    "shop-extra-bill.png": citation_shop_extra_bill,
    "txvip-product-page.png": citation_shop_product_page,
    "txvip-membership-page.png": citation_membership_page,
    "shop-refusal-chat.png": citation_shop_refusal_chat,
}


def main(argv: list[str] | None = None) -> int:
    """Write every sample screenshot and the recording into the output folder (or the citation cases' set)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    root = Path(__file__).resolve().parent.parent
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="output folder (default: cases/evidence, or tests/citation_cases/evidence)",
    )
    parser.add_argument(
        "--citation", action="store_true", help="draw the evidence of the case files in tests/citation_cases instead"
    )
    args = parser.parse_args(argv)
    screenshots = CITATION_SCREENSHOTS if args.citation else SCREENSHOTS
    out = args.out or (root / "tests" / "citation_cases" / "evidence" if args.citation else root / "cases" / "evidence")
    out.mkdir(parents=True, exist_ok=True)
    for name, draw in screenshots.items():
        draw().save(out / name)
        print(f"{out / name}  {(out / name).stat().st_size} 字节")
    if not args.citation:
        write_call_recording(out / "call-recording.wav")
        print(f"{out / 'call-recording.wav'}  {(out / 'call-recording.wav').stat().st_size} 字节")
    return 0


if __name__ == "__main__":
    sys.exit(main())
