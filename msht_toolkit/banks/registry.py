"""Finding banks (bundled, ``--bank PATH``, ``MSHT_BANKS``) and holding them by (id, version).

Bundled banks ship inside the package as ``msht_toolkit/questionnaires`` (read through
``importlib.resources``); an editable install falls back to the repository's
``questionnaires/`` folder. Released older versions sit in ``questionnaires/archive/``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from msht_toolkit.banks import cache as bank_cache
from msht_toolkit.banks.loader import parse_bank
from msht_toolkit.banks.measures import Measure, MeasureFile, is_measures_schema
from msht_toolkit.banks.measures_loader import parse_measures
from msht_toolkit.banks.model import Bank, version_key
from msht_toolkit.errors import BankError, NotFoundError, Problem, UsageError
from msht_toolkit.gcpause import paused_gc

BUNDLED_ORDER = (
    "identification",
    "pursue",
    "prevent",
    "protect",
    "prepare",
    "victim-support",
    "supply-chain",
)
BANK_SUFFIXES = (".yaml", ".yml")
ASSESSMENT_SUFFIXES = (".msht.yaml", ".msht.yml")
ENV_VAR = "MSHT_BANKS"


def bundled_dir() -> Path:
    """The folder of bundled banks, inside the installed package or the source tree."""
    from importlib.resources import files

    packaged = files("msht_toolkit") / "questionnaires"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "questionnaires"


def bank_files(folder: Path, recursive: bool = False) -> list[Path]:
    """The bank files in a folder: *.yaml and *.yml, but not assessments (*.msht.yaml)."""
    pattern = "**/*" if recursive else "*"
    return sorted(
        p
        for p in folder.glob(pattern)
        if p.suffix in BANK_SUFFIXES and not p.name.endswith(ASSESSMENT_SUFFIXES) and p.is_file()
    )


def bundled_files() -> list[Path]:
    folder = bundled_dir()
    files = bank_files(folder)
    archive = folder / "archive"
    if archive.is_dir():
        files += bank_files(archive)
    return files


def expand_paths(paths: Iterable[Path | str], source: str) -> list[Path]:
    """Files named by ``--bank``/``MSHT_BANKS``: a file, or every bank file in a folder."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw).expanduser()
        if path.is_dir():
            found = bank_files(path, recursive=True)
            if not found:
                raise UsageError(f"{source}: no .yaml bank files in folder {path}")
            out.extend(found)
        elif path.is_file():
            out.append(path)
        else:
            raise UsageError(f"{source}: {not_a_bank_file(path)}")
    return out


def not_a_bank_file(path: Path) -> str:
    """Why ``path``, neither a regular file nor a folder, is no bank: what it really is."""
    import stat

    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return f"no such bank file or folder: {path}"
    except OSError as exc:
        return f"cannot look at {path}: {exc.strerror}"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return f"{path} is a device, not a bank file"
    if stat.S_ISFIFO(mode):
        return f"{path} is a pipe (FIFO), not a bank file"
    if stat.S_ISSOCK(mode):
        return f"{path} is a socket, not a bank file"
    return f"{path} is not a regular file, so not a bank file"


def env_paths(environ: Mapping[str, str] | None = None) -> list[str]:
    value = (environ if environ is not None else os.environ).get(ENV_VAR, "")
    return [p for p in value.split(os.pathsep) if p.strip()]


def read_definition(path: Path, bundled: bool = False) -> Bank | MeasureFile:
    """One bank or measures file, told apart by its ``schema:``; ``BankError`` if bad."""
    from msht_toolkit.banks.reading import read_file
    from msht_toolkit.positions import YMap

    data = read_file(path, "bank file")
    if isinstance(data, YMap) and is_measures_schema(data.get("schema")):
        return parse_measures(data, str(path), bundled=bundled)
    return parse_bank(data, str(path), bundled=bundled)


@dataclass
class BankSet:
    """Every loaded bank, keyed by (id, version), in a stable display order, and the
    performance measures loaded with them."""

    banks: dict[tuple[str, str], Bank] = field(default_factory=dict)
    current: dict[str, Bank] = field(default_factory=dict)  # what new assessments use
    notices: list[str] = field(default_factory=list)
    measure_files: dict[str, MeasureFile] = field(default_factory=dict)  # by file id
    measures: dict[str, Measure] = field(default_factory=dict)  # by measure id, file order

    def measure(self, measure_id: str) -> Measure | None:
        return self.measures.get(measure_id)

    def ids(self) -> list[str]:
        return list(self.current)

    def newest(self) -> list[Bank]:
        """The bank of each id that new assessments use, in display order."""
        return list(self.current.values())

    def all(self) -> list[Bank]:
        """Every version of every bank: ids in display order, versions oldest first."""
        order = {bank_id: i for i, bank_id in enumerate(self.current)}
        return sorted(
            self.banks.values(), key=lambda b: (order.get(b.id, 1_000), version_key(b.version))
        )

    def versions(self, bank_id: str) -> list[Bank]:
        return [b for b in self.all() if b.id == bank_id]

    def get(self, bank_id: str, version: str | None = None) -> Bank:
        """One bank; ``version`` None means the current one. Unknown: NotFoundError."""
        if version is None:
            if bank_id not in self.current:
                raise NotFoundError(
                    f"no bank {bank_id!r}; known banks: {', '.join(self.current) or 'none'}"
                )
            return self.current[bank_id]
        bank = self.banks.get((bank_id, str(version)))
        if bank is None:
            have = ", ".join(b.version for b in self.versions(bank_id)) or "none"
            raise NotFoundError(
                f"bank {bank_id!r} version {version!r} is not available "
                f"(available versions: {have}); add it with --bank PATH"
            )
        return bank

    def find(self, bank_id: str, version: str | None) -> Bank | None:
        if version is None:
            return self.current.get(bank_id)
        return self.banks.get((bank_id, str(version)))

    def __iter__(self) -> Iterator[Bank]:
        return iter(self.all())

    def __len__(self) -> int:
        return len(self.banks)


@paused_gc()
def load_bankset(
    extra: Iterable[Path | str] = (),
    environ: Mapping[str, str] | None = None,
    include_bundled: bool = True,
    extra_source: str = "--bank",
) -> BankSet:
    """Load bundled banks, then ``MSHT_BANKS``, then ``--bank`` paths, checking them all.

    ``extra_source`` names where ``extra`` came from, for messages. Raises ``BankError``
    with every problem found (in any file, and across files).
    """
    user_files = expand_paths(env_paths(environ), ENV_VAR) + expand_paths(extra, extra_source)
    sources: list[tuple[Path, bool]] = []
    if include_bundled:
        sources += [(p, True) for p in bundled_files()]
    seen_paths: set[Path] = {p.resolve() for p, _ in sources}
    for path in user_files:
        resolved = path.resolve()
        if resolved not in seen_paths:
            seen_paths.add(resolved)
            sources.append((path, False))

    problems: list[Problem] = []
    loaded: list[Bank] = []
    measure_files: list[MeasureFile] = []
    bundled_paths = [path for path, bundled in sources if bundled]
    cached = bank_cache.load(bundled_paths, environ) if bundled_paths else None
    if cached is not None:
        loaded.extend(cached[0])
        measure_files.extend(cached[1])
        sources = [(path, bundled) for path, bundled in sources if not bundled]
    for path, bundled in sources:
        try:
            found = read_definition(path, bundled=bundled)
        except BankError as exc:
            problems.extend(exc.problems)
            continue
        if isinstance(found, MeasureFile):
            measure_files.append(found)
        else:
            loaded.append(found)
    if cached is None and bundled_paths and not problems:
        bank_cache.store(
            bundled_paths,
            [b for b in loaded if b.bundled],
            environ,
            [m for m in measure_files if m.bundled],
        )
    bankset = assemble(loaded, problems)
    assemble_measures(bankset, measure_files, problems)
    if problems:
        raise BankError(problems)
    return bankset


def assemble(loaded: list[Bank], problems: list[Problem]) -> BankSet:
    """Key banks by (id, version), pick current versions and check across banks."""
    bankset = BankSet()
    bundled_ids = {b.id for b in loaded if b.bundled}
    user_current: dict[str, Bank] = {}
    for bank in loaded:
        key = bank.key
        previous = bankset.banks.get(key)
        if previous is not None:
            if previous.bundled and not bank.bundled:
                bankset.notices.append(
                    f"bank {bank.id!r} {bank.version} from {bank.path} replaces the bundled one"
                )
            else:
                problems.append(
                    Problem(
                        bank.path,
                        1,
                        1,
                        f"bank {bank.id!r} version {bank.version} is also defined "
                        f"in {previous.path}",
                    )
                )
                continue
        elif not bank.bundled and bank.id in bundled_ids:
            bankset.notices.append(
                f"bank {bank.id!r} {bank.version} from {bank.path} replaces the bundled "
                f"{bank.id!r} for new assessments (bundled versions still score older files)"
            )
        bankset.banks[key] = bank
        if not bank.bundled:
            current = user_current.get(bank.id)
            if current is None or version_key(bank.version) > version_key(current.version):
                user_current[bank.id] = bank

    ids = sorted({b.id for b in bankset.banks.values()}, key=_display_rank)
    for bank_id in ids:
        if bank_id in user_current:
            bankset.current[bank_id] = user_current[bank_id]
        else:
            versions = [b for b in bankset.banks.values() if b.id == bank_id]
            bankset.current[bank_id] = max(versions, key=lambda b: version_key(b.version))

    _check_question_ids(bankset, problems)
    return bankset


def _display_rank(bank_id: str) -> tuple[int, str]:
    if bank_id in BUNDLED_ORDER:
        return (BUNDLED_ORDER.index(bank_id), "")
    return (len(BUNDLED_ORDER), bank_id)


def _check_question_ids(bankset: BankSet, problems: list[Problem]) -> None:
    """A question id belongs to one bank id; it may recur only in other versions of it."""
    owner: dict[str, Bank] = {}
    for bank in bankset.all():
        for question in bank.questions():
            first = owner.get(question.id)
            if first is None:
                owner[question.id] = bank
            elif first.id != bank.id:
                problems.append(
                    Problem(
                        bank.path,
                        question.line,
                        1,
                        f"question id {question.id} is already used by bank {first.id!r} "
                        f"({first.path}); question ids must be unique across banks",
                    )
                )


def assemble_measures(
    bankset: BankSet, files: list[MeasureFile], problems: list[Problem]
) -> None:
    """Keep the last file of each measures-file id; measure ids are unique across the
    files kept, and a measure's ``bank`` names a loaded bank."""
    kept: dict[str, MeasureFile] = {}
    for mfile in files:
        previous = kept.get(mfile.id)
        if previous is not None:
            bankset.notices.append(
                f"measures {mfile.id!r} {mfile.version} from {mfile.path} replaces "
                f"{'the bundled one' if previous.bundled else previous.path}"
            )
        if mfile.id in bankset.current:
            problems.append(
                Problem(
                    mfile.path,
                    mfile.line or 1,
                    1,
                    f"measures file id {mfile.id!r} is already a bank id; choose another",
                )
            )
            continue
        kept[mfile.id] = mfile
    bankset.measure_files = kept
    owner: dict[str, MeasureFile] = {}
    for mfile in kept.values():
        for measure in mfile.measures:
            first = owner.get(measure.id)
            if first is not None:
                problems.append(
                    Problem(
                        mfile.path,
                        measure.line,
                        1,
                        f"measure id {measure.id} is already defined in {first.path} "
                        f"(measures {first.id!r}); measure ids must be unique across files",
                    )
                )
                continue
            if measure.bank is not None and measure.bank not in bankset.current:
                known = ", ".join(bankset.current) or "none"
                problems.append(
                    Problem(
                        mfile.path,
                        measure.line,
                        1,
                        f"measure {measure.id} names unknown bank {measure.bank!r} "
                        f"(known banks: {known})",
                    )
                )
            owner[measure.id] = mfile
            bankset.measures[measure.id] = measure
