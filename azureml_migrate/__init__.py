"""azureml-migrate-lint: find deprecated Azure ML SDK v1 training code and say what to write."""

__version__ = "0.1.0"
