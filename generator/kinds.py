"""The filing kinds, in the order of their files, and the file name of each."""
from __future__ import annotations

FILE_STEMS = {
    "case_summary": "00_案件概要",
    "platform_refund_request": "01_平台退款申请书",
    "payment_dispute": "02_支付争议申请",
    "complaint_12315": "03_12315投诉书",
    "blackcat_post": "04_黑猫投诉",
    "legal_basis": "05_法律依据",
    "mediation_request": "06_消协调解申请书",
    "court_complaint": "07_民事起诉状",
    "report_12315": "08_12315举报",
    "police_report": "09_报警材料",
    "authorization": "10_授权委托书",
}
# Every filing a plan step may name (the summary and the annex of quoted law are no filings of their own).
FILING_KINDS = tuple(k for k in FILE_STEMS if k not in ("case_summary", "legal_basis"))
