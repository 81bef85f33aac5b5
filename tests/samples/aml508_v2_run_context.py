"""AML508: the v1 run context in a training script, under the v2 target."""
# target: v2
from azureml.core import Run  # expect: AML508:1
import mlflow

run = Run.get_context()
run.log('accuracy', 0.9)
mlflow.log_metric('accuracy', 0.9)
