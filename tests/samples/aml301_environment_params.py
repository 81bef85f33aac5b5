"""AML301: environment parameters on estimator calls, reported at the keyword."""
from azureml.train.estimator import Estimator  # expect: AML102:1
from azureml.train.dnn import PyTorch, TensorFlow  # expect: AML102:1 AML102:1
from azureml.core import ScriptRunConfig

generic = Estimator('src', entry_script='train.py',  # expect: AML101:11
                    pip_packages=['pandas', 'scikit-learn'],  # expect: AML301:21
                    conda_packages=['numpy'],  # expect: AML301:21
                    custom_docker_image='myregistry.azurecr.io/img:1',  # expect: AML301:21
                    image_registry_details=registry,  # expect: AML301:21
                    use_gpu=True, use_docker=True, shm_size='8g',  # expect: AML301:21 AML301:35 AML301:52
                    user_managed=False,
                    environment_variables={'MODE': 'fast'})  # expect: AML301:21
files = Estimator('src', entry_script='train.py',  # expect: AML101:9
                  conda_dependencies_file='env.yml',  # expect: AML301:19
                  pip_requirements_file_path='requirements.txt')  # expect: AML301:19
framework = PyTorch('src', entry_script='train.py', framework_version='1.6', use_gpu=True,  # expect: AML101:13 AML301:53 AML301:78
                    custom_docker_base_image='ignored:1')  # expect: AML301:21
defined = TensorFlow('src', entry_script='train.py', environment_definition=env)  # expect: AML101:11 AML301:54
old_dockerfile = Estimator('src', custom_docker_base_image='base:1', conda_dependencies_file_path='c.yml')  # expect: AML101:18 AML301:35 AML301:70

fine = ScriptRunConfig('src', script='train.py', environment=env)


def build(pip_packages, use_gpu):
    """Same parameter names on a user's own function are not estimator parameters."""
    return dict(pip_packages=pip_packages, use_gpu=use_gpu)
