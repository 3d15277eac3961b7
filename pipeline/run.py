"""`python -m pipeline.run --input ... --output ...`: the same job as `newsbeam run`, for tools that
launch a Beam pipeline as a Python module (Airflow's BeamRunPythonPipelineOperator)."""

import sys

from .cli import entry

if __name__ == "__main__":
    sys.argv.insert(1, "run")
    entry()
