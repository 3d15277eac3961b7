# Custom Beam SDK container with newsbeam, its dependencies and the spaCy model baked in, for
# Dataflow (--sdk_container_image), Flink and Spark portable runners (--environment_type DOCKER
# --environment_config IMAGE). Workers then install nothing at start-up.
# Build:  docker build -t REGISTRY/newsbeam-worker:0.1.0 .
# The base image's Beam version must match the apache-beam installed where the job is launched.
ARG BEAM_VERSION=2.77.0
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
