"""AML507: v1 pipelines under the v2 target."""
# target: v2
from azureml.pipeline.core import Pipeline  # expect: AML507:1
from azureml.pipeline.steps import PythonScriptStep

step = PythonScriptStep(script_name='prep.py', source_directory='src', compute_target='cpu-cluster')  # expect: AML507:8
pipeline = Pipeline(workspace=ws, steps=[step])
