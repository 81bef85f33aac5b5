"""A quick scikit-learn baseline on a CPU cluster, with its own conda file."""
from azureml.core import Experiment, Workspace
from azureml.core.conda_dependencies import CondaDependencies
from azureml.train.sklearn import SKLearn

ws = Workspace.from_config()
deps = CondaDependencies.create(pip_packages=['azureml-defaults==1.0.85', 'scikit-learn==0.22.1'])
deps.save('src/sklearn-env.yml')

estimator = SKLearn(source_directory='src',
                    entry_script='train.py',
                    compute_target='cpu-cluster',
                    conda_dependencies_file='sklearn-env.yml',
                    inputs=[datastore_mnist.as_named_input('mnist')])
Experiment(ws, 'mnist-sklearn').submit(estimator)
