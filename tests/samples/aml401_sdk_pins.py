"""AML401: SDK packages pinned below the minimum, in code."""
from azureml.core.conda_dependencies import CondaDependencies
from azureml.core import Environment

cd = CondaDependencies.create(pip_packages=['azureml-core==1.0.85', 'azureml-defaults<1.15', 'pandas==0.25'],  # expect: AML401:45 AML401:69
                              conda_packages=['azureml-sdk=1.12.0', 'numpy=1.18'])  # expect: AML401:47
cd.add_pip_package('azureml-train-core~=1.12.0')  # expect: AML401:20
cd.add_pip_package('azureml-sdk[notebooks]==1.1.5.3')  # expect: AML401:20
cd.add_pip_package('azureml-core>=1.15.0')
cd.add_pip_package('azureml-dataprep==1.1.0')
cd.add_pip_package('azureml-core==1.19.0')
cd.add_conda_package('azureml-core')
env = Environment('e')
env.python.conda_dependencies.add_pip_package('azureml-pipeline-steps==1.0.76')  # expect: AML401:47
env.python.conda_dependencies.set_pip_requirements(['azureml-core<=1.14.9', 'numpy'])  # expect: AML401:53
message = 'azureml-core==1.0.85 in a string that is no requirement'
cd.add_pip_package('azureml-contrib-functions==1.1.5')  # expect: AML401:20
cd.add_pip_package('azureml-contrib-iot<1.15')  # expect: AML401:20
cd.add_pip_package('azureml-fsspec==1.4.0')
