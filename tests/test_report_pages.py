"""The board report (no ``--full``) of a partnership with every bank answered prints on at
most 8 A4 pages: the committed Midshire board papers, printed by headless
Chromium (HTML) and LibreOffice (Word) through ``examples/print_pages.py``. Skipped where
those tools are not installed (CI has none of them)."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path
from types import ModuleType

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
MAX_PAGES = 8
PAPERS = ("midshire-2026-report.html", "midshire-2027-report.html", "midshire-2026-report.docx")


def print_pages() -> ModuleType:
    spec = importlib.util.spec_from_file_location("print_pages", EXAMPLES / "print_pages.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", PAPERS)
def test_board_paper_prints_on_at_most_eight_a4_pages(name: str, tmp_path: Path) -> None:
    tool = "libreoffice" if name.endswith(".docx") else "chromium"
    if shutil.which(tool) is None or shutil.which("pdfinfo") is None:
        pytest.skip(f"{tool} and pdfinfo are needed to print the report")
    module = print_pages()
    pdf = tmp_path / "out.pdf"
    if name.endswith(".docx"):
        module.docx_to_pdf(EXAMPLES / "output" / name, pdf)
    else:
        module.html_to_pdf(EXAMPLES / "output" / name, pdf)
    pages, size = module.pdf_info(pdf)
    assert 1 <= pages <= MAX_PAGES, f"{name}: {pages} pages"
    if name.endswith(".html"):
        assert "A4" in size
