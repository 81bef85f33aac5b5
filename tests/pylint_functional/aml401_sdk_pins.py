"""AML401: SDK packages pinned below the minimum, in code."""
from azureml.core.conda_dependencies import CondaDependencies
from azureml.core import Environment

cd = CondaDependencies.create(pip_packages=['azureml-core==1.0.85', 'azureml-defaults<1.15', 'pandas==0.25'],  # [azureml-sdk-too-old, azureml-sdk-too-old]
                              conda_packages=['azureml-sdk=1.12.0', 'numpy=1.18'])  # [azureml-sdk-too-old]
cd.add_pip_package('azureml-train-core~=1.12.0')  # [azureml-sdk-too-old]
cd.add_pip_package('azureml-sdk[notebooks]==1.1.5.3')  # [azureml-sdk-too-old]
cd.add_pip_package('azureml-core>=1.15.0')
cd.add_pip_package('azureml-dataprep==1.1.0')
cd.add_pip_package('azureml-core==1.19.0')
cd.add_conda_package('azureml-core')
env = Environment('e')
env.python.conda_dependencies.add_pip_package('azureml-pipeline-steps==1.0.76')  # [azureml-sdk-too-old]
env.python.conda_dependencies.set_pip_requirements(['azureml-core<=1.14.9', 'numpy'])  # [azureml-sdk-too-old]
message = 'azureml-core==1.0.85 in a string that is no requirement'
