"""Print the example HTML and Word outputs to PDF and say how many A4 pages each takes.

    python examples/print_pages.py                  # every .html and .docx in examples/output/
    python examples/print_pages.py FILE...          # just these
    python examples/print_pages.py --png DIR FILE   # also each page as a PNG (60 dpi) in DIR

Needs tools the test suite does not (install them by hand; CI has none of them):
``apt-get install chromium poppler-utils libreoffice-writer``. HTML is printed by
headless Chromium (its print styles: A4, the page margins of ``@page``), Word files are
converted by LibreOffice; ``pdfinfo`` counts the pages and reads the page size, and
``pdftoppm`` makes the PNGs to look at. PDFs go to a temporary folder unless
``--pdf DIR`` is given. Nothing here touches the network.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent
A4_POINTS = (595, 842)  # 210 x 297 mm, rounded as pdfinfo prints it
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pdf-header-footer",
)


def need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        sys.exit(f"print_pages: {tool} is not installed (apt-get install {tool})")
    return path


def html_to_pdf(html: Path, pdf: Path) -> None:
    chromium = need("chromium")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                chromium,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={profile}",
                f"--print-to-pdf={pdf}",
                html.resolve().as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )


def docx_to_pdf(docx: Path, pdf: Path) -> None:
    office = need("libreoffice")
    with tempfile.TemporaryDirectory() as work, tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                office,
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                work,
                str(docx),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        made = Path(work) / (docx.stem + ".pdf")
        shutil.move(made, pdf)


def pdf_info(pdf: Path) -> tuple[int, str]:
    """(pages, page size as pdfinfo prints it)."""
    out = subprocess.run(
        [need("pdfinfo"), str(pdf)], check=True, capture_output=True, text=True
    ).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))  # type: ignore[union-attr]
    size = re.search(r"^Page size:\s+(.+)$", out, re.M)
    return pages, size.group(1).strip() if size else "?"


def to_png(pdf: Path, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    prefix = folder / pdf.stem
    subprocess.run(
        [need("pdftoppm"), "-r", "60", "-png", str(pdf), str(prefix)], check=True, timeout=120
    )
    return sorted(folder.glob(f"{pdf.stem}-*.png"))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--pdf", type=Path, help="keep the PDFs in this folder")
    parser.add_argument("--png", type=Path, help="write each page as a PNG in this folder")
    args = parser.parse_args(argv)
    files = args.files or sorted(
        p for p in (EXAMPLES / "output").iterdir() if p.suffix in (".html", ".docx")
    )
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.pdf or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        for path in files:
            pdf = folder / f"{path.stem}{path.suffix.replace('.', '-')}.pdf"
            (html_to_pdf if path.suffix in (".html", ".htm") else docx_to_pdf)(path, pdf)
            pages, size = pdf_info(pdf)
            note = "" if size.startswith("595") else f" (page size {size})"
            print(f"{pages:4d} pages  {path.name}{note}")
            if args.png:
                to_png(pdf, args.png)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
