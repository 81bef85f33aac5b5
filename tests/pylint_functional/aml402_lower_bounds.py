"""AML402 (off by default): lower bounds that admit versions below the minimum."""
from azureml.core.conda_dependencies import CondaDependencies

cd = CondaDependencies.create(pip_packages=['azureml-core>=1.0', 'azureml-defaults>=1.15.0'])  # [azureml-sdk-lower-bound]
cd.add_pip_package('azureml-train-core>1.14,!=1.16.0')  # [azureml-sdk-lower-bound]
cd.add_pip_package('azureml-sdk==1.*')  # [azureml-sdk-lower-bound]
cd.add_pip_package('azureml-core!=1.0.0')
cd.add_conda_package('azureml-core>=1.0,<2')  # [azureml-sdk-lower-bound]
