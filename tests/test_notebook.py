"""examples/analysis.ipynb runs from top to bottom (nbclient) and tells its story from its cells."""

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).parent.parent / "examples" / "analysis.ipynb"


@pytest.mark.slow
def test_the_analysis_notebook_runs_and_prints_its_findings(tmp_path):
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(
        nb, timeout=900, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    )
    client.execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    findings = [o.data["text/markdown"] for o in outputs if "text/markdown" in o.get("data", {})]
    assert len(findings) == 5
    assert any("MPP changes" in text for text in findings)
    charts = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(charts) >= 3


def test_the_notebook_types_no_number_into_its_text():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            digits = [w for w in cell.source.split() if any(ch.isdigit() for ch in w)]
            assert digits in ([], ["1."], ["2."], ["3."], ["1.", "2.", "3."]), digits
