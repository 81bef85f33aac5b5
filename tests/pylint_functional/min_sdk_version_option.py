"""azureml-min-sdk-version=1.19.0 (set in the .rc) moves the line AML401/AML402 draw."""
from azureml.core.conda_dependencies import CondaDependencies

cd = CondaDependencies()
cd.add_pip_package('azureml-core==1.17.0')  # [azureml-sdk-too-old]
cd.add_pip_package('azureml-core>=1.15.0')  # [azureml-sdk-lower-bound]
cd.add_pip_package('azureml-core>=1.19.0')
cd.add_pip_package('azureml-core==1.19.0')
