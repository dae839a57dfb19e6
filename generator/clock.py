"""When a run happens: now, or the moment $SOURCE_DATE_EPOCH names.

SOURCE_DATE_EPOCH (seconds since 1970-01-01 UTC) is the reproducible-builds
convention. When it is set, every date and time a run takes from the clock is
that moment — "today" (the default filing date, the past-date warning, `next`),
each .docx file's properties and the dates of its ZIP entries, the calendar's
stamps, the name of a `history/` folder — so two runs of one case write the same
bytes. The tests pin it; a user never needs to.
"""

from __future__ import annotations

import io
import os
import zipfile
from datetime import UTC, date, datetime

from generator.case.schema import CHINA

EPOCH_ENV = "SOURCE_DATE_EPOCH"
_ZIP_EARLIEST = datetime(1980, 1, 1)  # a ZIP entry's date cannot be earlier (MS-DOS dates)


def pinned() -> datetime | None:
    """The moment $SOURCE_DATE_EPOCH names (UTC), or None when it is unset or not a count of seconds."""
    epoch = os.environ.get(EPOCH_ENV, "").strip()
    return datetime.fromtimestamp(int(epoch), UTC) if epoch.isdigit() else None


def now() -> datetime:
    """The moment of this run, in UTC."""
    return pinned() or datetime.now(UTC)


def today() -> date:
    """The day of this run in China, where the filings are dated and deadlines run."""
    return now().astimezone(CHINA).date()


def pin_zip_dates(data: bytes) -> bytes:
    """A ZIP file (a .docx) with every entry dated at the pinned moment; unchanged when nothing is pinned.

    python-docx dates each entry it saves with the local time of the save, so without
    this two runs of a case would write different Word files whatever else they share.
    Entries keep their order, names, compression and permissions.
    """
    if pinned() is None:
        return data
    stamp = zip_stamp()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=stamp)
            info.compress_type, info.external_attr = entry.compress_type, entry.external_attr
            target.writestr(info, source.read(entry))
    return out.getvalue()


def zip_stamp() -> tuple[int, int, int, int, int, int]:
    """The date of a ZIP entry written now: the pinned moment in UTC, else local time, as ZipFile dates an entry."""
    moment = pinned()
    if moment is None:
        return datetime.now().timetuple()[:6]
    return max(moment.replace(tzinfo=None), _ZIP_EARLIEST).timetuple()[:6]
