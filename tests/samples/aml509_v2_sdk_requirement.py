"""AML509: requirements on the v1 SDK under the v2 target."""
# target: v2
from azureml.core.conda_dependencies import CondaDependencies  # expect: AML502:1

cd = CondaDependencies.create(pip_packages=['azureml-core==1.48.0', 'numpy'], conda_packages=['azureml-sdk=1.50.0'])  # expect: AML509:45 AML509:95
cd.add_pip_package('azureml_sdk[notebooks]>=1.50')  # expect: AML509:20
cd.add_pip_package('azureml-mlflow')
cd.add_pip_package('azure-ai-ml')
