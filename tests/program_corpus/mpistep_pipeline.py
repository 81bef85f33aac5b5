# Imitates: Azure/MachineLearningNotebooks (2019-06) how-to-use-azureml/machine-learning-pipelines/intro-to-pipelines/aml-pipelines-how-to-use-mpistep.ipynb (MpiStep with pip packages and a framework base image)
"""An MpiStep pipeline: the step builds its own estimator from its arguments."""
from azureml.core import Workspace, Experiment
from azureml.pipeline.core import Pipeline, PipelineData
from azureml.pipeline.steps import MpiStep

ws = Workspace.from_config()
gpu_cluster = ws.compute_targets['gpu-cluster']
output = PipelineData('model', datastore=ws.get_default_datastore())

mpi_step = MpiStep(name='distributed-train',
                   source_directory='src',
                   script_name='train.py',
                   arguments=['--output', output],
                   outputs=[output],
                   compute_target=gpu_cluster,
                   node_count=2,
                   process_count_per_node=1,
                   pip_packages=['horovod'],
                   use_gpu=True,
                   allow_reuse=True)
pipeline = Pipeline(workspace=ws, steps=[mpi_step])
pipeline_run = Experiment(ws, 'mpistep').submit(pipeline)
pipeline_run.wait_for_completion()
