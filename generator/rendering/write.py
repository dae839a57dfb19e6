"""Stage 5 — write: put a case's files into `<out>/<case_id>/` atomically.

Everything is written into a temporary folder beside the target and renamed into
place only when complete, so a crash leaves either the old folder or the new one,
never a mix. An existing folder is replaced only with `force`: where the system
can exchange two names in one step (Linux renameat2 RENAME_EXCHANGE) the old and
new folders swap names, so the case's name holds its filings at every instant;
elsewhere the old folder is moved aside just before the new one moves in, and a
run killed between the two puts it back (`recover_interrupted`).
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import functools
import json
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

from generator.errors import FilingError, OutputCurrentError, OutputExistsError
from generator.rendering.inputs import changed_parts


def target_folder(out: Path, case_id: str) -> Path:
    """The case's folder, always directly inside `out` (case_id is validated, but check anyway)."""
    folder = (out / case_id).resolve()
    if folder.parent != out.resolve() or case_id in ("", ".", ".."):
        raise FilingError(f"案件编号“{case_id}”不能用作文件夹名")
    return folder


def check_writable(out: Path, case_id: str, force: bool, batch: str | None = None, inputs: dict | None = None) -> Path:
    """Refuse early when the case's folder exists and --force was not given.

    With `inputs` (inputs.case_inputs), a folder made from the same inputs is current:
    OutputCurrentError says so and nothing is written; one made from others is refused, naming what changed.
    """
    folder = target_folder(out, case_id)
    with _folder_lock:
        try:
            if batch is None:  # a batch tidies the whole folder once instead (tidy_output_folder)
                recover_interrupted(out, case_id)
            exists = folder.exists()
        except OSError as exc:  # a name too long for the file system, a folder we may not look into …
            raise _cannot_write(out, exc) from None
        if exists:
            _refuse_same_batch(folder, batch)
            if not force:
                recorded = _manifest_of(folder).get("inputs")
                if inputs is not None and recorded == inputs:
                    raise OutputCurrentError(folder)
                changed = changed_parts(recorded, inputs) if inputs is not None else []
                since = f"，自上次生成后{'、'.join(changed)}有变化" if changed else ""
                raise OutputExistsError(
                    f"输出文件夹 {folder} 已存在{since}；为避免覆盖已有文书，本次未写入任何文件。\n"
                    "  如需重新生成并替换，请加上 --force（旧文件夹会在新文书写好后才删除）；"
                    "或用 --out 指定其他输出位置。"
                )
    return folder


# Held while a case folder is checked, tidied or swapped into place. A batch's worker
# processes share one (see share_folder_lock), so two cases with the same case_id
# cannot interleave those steps; a single run needs none.
_folder_lock = contextlib.nullcontext()


def share_folder_lock(lock) -> None:
    """Use `lock` (a multiprocessing lock shared by processes writing into one output folder)."""
    global _folder_lock
    _folder_lock = lock


def _refuse_same_batch(folder: Path, batch: str | None) -> None:
    """Two case files of one batch with the same case_id: the second never replaces the first, --force or not."""
    written_by = _batch_of(folder)
    if batch is not None and written_by.get("id") == batch:
        raise OutputExistsError(
            f"同一批中的案件文件 {written_by.get('case_file', '（另一个）')} 也使用了案件编号“{folder.name}”，"
            f"并已写出 {folder}；为免互相覆盖，本案件未写入。请给每个案件不同的 case_id。"
        )


def _manifest_of(folder: Path) -> dict:
    """The manifest a case folder holds (empty when it has none or it cannot be read)."""
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return manifest if isinstance(manifest, dict) else {}


def _batch_of(folder: Path) -> dict:
    """Which batch run, from which case file, wrote a case folder (empty for a single run or an unreadable one)."""
    batch = _manifest_of(folder).get("batch")
    return batch if isinstance(batch, dict) else {}


def write_case_folder(out: Path, case_id: str, files: dict[str, bytes], force: bool, batch: str | None = None) -> Path:
    """Write `files` (name → bytes) as the case's folder, atomically; `batch` names the batch run, if any."""
    folder = check_writable(out, case_id, force, batch)
    try:
        out.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{case_id}.tmp-{os.getpid()}-", dir=out))
    except OSError as exc:
        raise _cannot_write(out, exc) from None
    try:
        os.chmod(staging, 0o777 & ~_umask())  # mkdtemp makes it private; the folder should look like any other
        _write_files(staging, files)
        _fsync_path(staging)  # the folder's entries too
        with _folder_lock:
            _swap_into_place(staging, folder, force, batch)
    except BaseException as exc:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(exc, OSError):
            raise _cannot_write(out, exc) from None
        raise
    if batch is None:  # the rename itself; a batch syncs `out` once, with batch.json
        with contextlib.suppress(OSError):  # the folder is in place; the system will write it out
            sync_folder(out)
    return folder


def _cannot_write(out: Path, exc: OSError) -> FilingError:
    reason = exc.strerror or str(exc)
    return FilingError(
        f"无法写入输出文件夹 {out}：{reason}。已有的文书未被改动；请检查 --out 指向的位置、权限和磁盘空间。"
    )


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def recover_interrupted(out: Path, case_id: str) -> None:
    """Tidy what a killed run left: restore a backup whose replacement never arrived, drop staging folders."""
    if not out.is_dir():
        return
    folder = out / case_id
    for backup in sorted(out.glob(f".{case_id}.bak-*")):
        if not folder.exists():
            os.rename(backup, folder)  # the run died between moving the old folder away and the new one in
        else:
            shutil.rmtree(backup, ignore_errors=True)
    for staging in out.glob(f".{case_id}.tmp-*"):
        if not _still_running(staging.name):
            shutil.rmtree(staging, ignore_errors=True)


# What a killed run can leave: `.<case_id>.bak-…` and `.<case_id>.tmp-…`.
_LEFTOVER = re.compile(r"^\.(.+?)\.(?:bak|tmp)-")


def tidy_output_folder(out: Path) -> None:
    """`recover_interrupted` for every case at once, with one listing of `out` (a batch, at its start and end)."""
    try:
        with os.scandir(out) as entries:
            case_ids = {m[1] for m in map(_LEFTOVER.match, (e.name for e in entries)) if m}
    except OSError:  # no folder yet, or one we cannot list: each case reports what it finds
        return
    for case_id in case_ids:
        try:
            recover_interrupted(out, case_id)
        except OSError:
            pass


def _still_running(staging_name: str) -> bool:
    """Whether the run that made a staging folder (its pid is in the name) is alive."""
    try:
        pid = int(staging_name.rsplit(".tmp-", 1)[1].split("-", 1)[0])
    except (IndexError, ValueError):
        return False
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def write_json_atomically(path: Path, data) -> None:
    """A JSON report written to a temporary file and renamed over the old one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    _write_file(tmp, json_bytes(data))
    os.replace(tmp, path)


def json_bytes(data) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _write_files(folder: Path, files: dict[str, bytes]) -> None:
    """Write every file, then make each one's data durable (the folder's own entries are synced after)."""
    for name, data in files.items():
        _write_file(folder / name, data, sync=False)
    _datasync_all([folder / name for name in files])


def _datasync_all(paths: list[Path]) -> None:
    """fdatasync each file, after first asking the system to start writing them all out.

    Each file's blocks are only allocated when it is written out, and each allocation
    is a journal commit of its own: fdatasync one after the other waits for a commit per
    file (about 50 ms for a case's 11 files on this project's test machine). Started
    together (posix_fadvise DONTNEED begins the write-out without waiting), they share
    the commits, and the fdatasyncs that follow find them done (about 8 ms).
    """
    fds = []
    try:
        for path in paths:
            fds.append(os.open(path, os.O_RDONLY))
            if hasattr(os, "posix_fadvise"):
                os.posix_fadvise(fds[-1], 0, 0, os.POSIX_FADV_DONTNEED)
        for fd in fds:
            _datasync(fd)
    finally:
        for fd in fds:
            os.close(fd)


def _write_file(path: Path, data: bytes, sync: bool = True) -> None:
    with open(path, "xb") as fh:
        fh.write(data)
        if sync:
            fh.flush()
            _datasync(fh.fileno())


# fdatasync skips the inode's times, which nothing here needs; not every system has it.
_datasync = getattr(os, "fdatasync", os.fsync)


def sync_folder(path: Path) -> None:
    """Make a folder's entries (files created or renamed into it) durable."""
    _fsync_path(path)


def _fsync_path(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _swap_into_place(staging: Path, folder: Path, force: bool, batch: str | None) -> None:
    """Rename the finished folder into place; with force, the old one leaves only as the new one arrives."""
    if not folder.exists():
        os.rename(staging, folder)
        return
    _refuse_same_batch(folder, batch)  # another worker wrote the same case_id while we were rendering
    if not force:  # appeared while we were rendering
        raise OutputExistsError(f"输出文件夹 {folder} 在生成期间被创建，本次未覆盖它。")
    from generator.follow import carry_history

    carry_history(folder, staging)  # the replaced filings stay in the new folder's history/
    if _exchange(staging, folder):
        shutil.rmtree(staging, ignore_errors=True)  # the staging name now holds the old folder
        return
    backup = Path(tempfile.mkdtemp(prefix=f".{folder.name}.bak-", dir=folder.parent))
    backup.rmdir()
    os.rename(folder, backup)
    try:
        os.rename(staging, folder)
    except BaseException:
        os.rename(backup, folder)
        raise
    shutil.rmtree(backup, ignore_errors=True)


_RENAME_EXCHANGE = 2  # linux/fs.h
_AT_FDCWD = -100
# The file system or kernel cannot exchange: fall back to two renames.
_NO_EXCHANGE = {
    errno.EINVAL,
    errno.ENOSYS,
    errno.EPERM,
    getattr(errno, "ENOTSUP", errno.EINVAL),
    getattr(errno, "EOPNOTSUPP", errno.EINVAL),
}


def _exchange(a: Path, b: Path) -> bool:
    """Swap the names of two folders in one step; False where the system cannot."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in _NO_EXCHANGE:
        return False
    raise OSError(code, os.strerror(code), str(b))


@functools.cache
def _renameat2():
    """glibc's renameat2 (2.28 and later), or None on other systems and C libraries."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        func = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    func.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    func.restype = ctypes.c_int
    return func
