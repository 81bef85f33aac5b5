"""AML202 (off by default): a RunConfiguration that only feeds pipeline consumers."""
from azureml.core.runconfig import RunConfiguration
from azureml.pipeline.steps import PythonScriptStep, CommandStep, ModuleStep
from azureml.train.automl import AutoMLConfig

rc = RunConfiguration()  # [azureml-pipeline-runconfig]
rc.environment = env
prep = PythonScriptStep(script_name='prep.py', source_directory='src', runconfig=rc)
train = CommandStep(name='train', runconfig=rc)
direct = ModuleStep(module=module, runconfig=RunConfiguration())  # [azureml-pipeline-runconfig]
automl = AutoMLConfig(task='classification', run_configuration=RunConfiguration())  # [azureml-pipeline-runconfig]
published = module.publish_python_script('a.py', 'desc', source_directory='src', runconfig=RunConfiguration())  # [azureml-pipeline-runconfig]
mixed = RunConfiguration()  # [azureml-handmade-runconfig]
PythonScriptStep(script_name='prep.py', runconfig=mixed)
keep(mixed)
unknown = some_helper(runconfig=RunConfiguration())  # [azureml-handmade-runconfig]
