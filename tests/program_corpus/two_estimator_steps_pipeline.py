# Imitates: Azure/MachineLearningNotebooks (2020-06) how-to-use-azureml/work-with-data/datasets-tutorial/pipeline-with-datasets/pipeline-for-image-classification.ipynb and MLOpsPython pipelines: prepare and train as two EstimatorSteps
"""Two EstimatorSteps connected by PipelineData, submitted through an Experiment."""
from azureml.core import Workspace, Experiment
from azureml.pipeline.core import Pipeline, PipelineData
from azureml.pipeline.steps import EstimatorStep
from azureml.train.estimator import Estimator

ws = Workspace.from_config()
cluster = ws.compute_targets['cpu-cluster']
datastore = ws.get_default_datastore()
prepared = PipelineData('prepared', datastore=datastore)

prep_estimator = Estimator(source_directory='src', entry_script='train.py', compute_target=cluster,
                           pip_packages=['pandas'])
prep_step = EstimatorStep(name='prepare', estimator=prep_estimator,
                          estimator_entry_script_arguments=['--output', prepared],
                          outputs=[prepared], compute_target=cluster)

train_estimator = Estimator(source_directory='src', entry_script='train.py', compute_target=cluster,
                            conda_packages=['scikit-learn'])
train_step = EstimatorStep(name='train', estimator=train_estimator,
                           estimator_entry_script_arguments=['--input', prepared],
                           inputs=[prepared], compute_target=cluster)

pipeline = Pipeline(workspace=ws, steps=[prep_step, train_step])
run = Experiment(ws, 'two-steps').submit(pipeline)
run.wait_for_completion(show_output=True)
