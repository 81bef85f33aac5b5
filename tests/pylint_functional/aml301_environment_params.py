"""AML301: environment parameters on estimator calls, reported at the keyword."""
from azureml.train.estimator import Estimator  # [azureml-deprecated-import]
from azureml.train.dnn import PyTorch, TensorFlow  # [azureml-deprecated-import, azureml-deprecated-import]
from azureml.core import ScriptRunConfig

generic = Estimator('src', entry_script='train.py',  # [azureml-estimator]
                    pip_packages=['pandas', 'scikit-learn'],  # [azureml-estimator-environment-param]
                    conda_packages=['numpy'],  # [azureml-estimator-environment-param]
                    custom_docker_image='myregistry.azurecr.io/img:1',  # [azureml-estimator-environment-param]
                    image_registry_details=registry,  # [azureml-estimator-environment-param]
                    use_gpu=True, use_docker=True, shm_size='8g',  # [azureml-estimator-environment-param, azureml-estimator-environment-param, azureml-estimator-environment-param]
                    user_managed=False,  # [azureml-estimator-environment-param]
                    environment_variables={'MODE': 'fast'})  # [azureml-estimator-environment-param]
files = Estimator('src', entry_script='train.py',  # [azureml-estimator]
                  conda_dependencies_file='env.yml',  # [azureml-estimator-environment-param]
                  pip_requirements_file_path='requirements.txt')  # [azureml-estimator-environment-param]
framework = PyTorch('src', entry_script='train.py', framework_version='1.6', use_gpu=True,  # [azureml-estimator, azureml-estimator-environment-param, azureml-estimator-environment-param]
                    custom_docker_base_image='ignored:1')  # [azureml-estimator-environment-param]
defined = TensorFlow('src', entry_script='train.py', environment_definition=env)  # [azureml-estimator, azureml-estimator-environment-param]
old_dockerfile = Estimator('src', custom_docker_base_image='base:1', conda_dependencies_file_path='c.yml')  # [azureml-estimator, azureml-estimator-environment-param, azureml-estimator-environment-param]

fine = ScriptRunConfig('src', script='train.py', environment=env)


def build(pip_packages, use_gpu):
    """Same parameter names on a user's own function are not estimator parameters."""
    return dict(pip_packages=pip_packages, use_gpu=use_gpu)
