"""Nightly pipeline: data prep with a hand-built RunConfiguration, training with EstimatorStep."""
from azureml.core import Workspace
from azureml.core.runconfig import RunConfiguration
from azureml.data.data_reference import DataReference
from azureml.pipeline.core import Pipeline, PipelineData
from azureml.pipeline.steps import EstimatorStep, PythonScriptStep
from azureml.train.estimator import Estimator

ws = Workspace.from_config()
datastore = ws.get_default_datastore()
raw = DataReference(datastore=datastore, data_reference_name='raw', path_on_datastore='mnist/raw')
prepared = PipelineData('prepared', datastore=datastore)

prep_config = RunConfiguration()
prep_config.environment.python.conda_dependencies.add_pip_package('azureml-core==1.0.85')
prep = PythonScriptStep(script_name='prep.py', source_directory='src', runconfig=prep_config,
                        arguments=['--in', raw, '--out', prepared], inputs=[raw], outputs=[prepared],
                        compute_target='cpu-cluster')

trainer = Estimator(source_directory='src', entry_script='train.py', compute_target='gpu-cluster',
                    custom_docker_image='myregistry.azurecr.io/mnist:1.0')
train = EstimatorStep(name='train', estimator=trainer, inputs=[prepared],
                      estimator_entry_script_arguments=['--data-folder', prepared],
                      compute_target='gpu-cluster')
Pipeline(ws, steps=[prep, train]).validate()
