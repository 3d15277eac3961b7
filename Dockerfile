# Custom Beam SDK container with newsbeam, its dependencies and the spaCy model baked in, for
# Dataflow (--sdk_container_image), Flink and Spark portable runners (--environment_type DOCKER
# --environment_config IMAGE). Workers then install nothing at start-up.
# The image's Beam and Python must be those where the job is launched (the launcher pickles code
# for the SDK harness and they talk one protocol version), so build it from the launcher's venv:
#   docker build -t REGISTRY/newsbeam-worker:0.1.0 \
#     --build-arg BEAM_VERSION=$(.venv/bin/python -c 'import apache_beam; print(apache_beam.__version__)') \
#     --build-arg PYTHON_VERSION=$(.venv/bin/python -c 'import sys; print("%d.%d" % sys.version_info[:2])') .
# The default is only what `pip install -e .` resolved when this line was last updated; the
# --build-arg above is what keeps the two equal.
ARG BEAM_VERSION=2.78.0
ARG PYTHON_VERSION=3.11
FROM apache/beam_python${PYTHON_VERSION}_sdk:${BEAM_VERSION}
ARG BEAM_VERSION

WORKDIR /opt/newsbeam
COPY pyproject.toml README.md ./
COPY pipeline ./pipeline
COPY schemas ./schemas
# A regular (not editable) install: the wheel carries schemas/ as pipeline.contract.
RUN pip install --no-cache-dir . "apache-beam[gcp]==${BEAM_VERSION}" \
    && python -c "from pipeline.model import load_model; load_model()"

# Keep the SDK harness as the entry point (inherited from the base image).
