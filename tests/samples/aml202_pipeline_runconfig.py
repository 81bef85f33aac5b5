"""AML202 (off by default): a RunConfiguration that only feeds pipeline consumers."""
from azureml.core.runconfig import RunConfiguration
from azureml.pipeline.steps import PythonScriptStep, CommandStep, ModuleStep, MpiStep  # expect: AML102:1
from azureml.train.automl import AutoMLConfig

rc = RunConfiguration()  # expect: AML202:6
rc.environment = env
prep = PythonScriptStep(script_name='prep.py', source_directory='src', runconfig=rc)
train = CommandStep(name='train', runconfig=rc)
direct = ModuleStep(module=module, runconfig=RunConfiguration())  # expect: AML202:46
automl = AutoMLConfig(task='classification', run_configuration=RunConfiguration())  # expect: AML202:64
published = module.publish_python_script('a.py', 'desc', source_directory='src', runconfig=RunConfiguration())  # expect: AML202:92
mixed = RunConfiguration()  # expect: AML201:9
PythonScriptStep(script_name='prep.py', runconfig=mixed)
keep(mixed)
unknown = some_helper(runconfig=RunConfiguration())  # expect: AML201:33
mpi_rc = RunConfiguration()  # expect: AML202:10
PythonScriptStep(script_name='style.py', runconfig=mpi_rc)
MpiStep(name='style', runconfig=mpi_rc)  # expect: AML103:1
