"""AML302: script_params on estimator calls."""
from azureml.train.estimator import Estimator  # [azureml-deprecated-import]
from azureml.core import ScriptRunConfig

literal = Estimator('src', entry_script='train.py',  # [azureml-estimator]
                    script_params={'--lr': 0.01, '--layers': [64, 32], '--verbose': '', '--skip': None})  # [azureml-script-params]
computed = Estimator('src', entry_script='train.py', script_params={'--data': ds.as_mount(), '--epochs': epochs})  # [azureml-estimator, azureml-script-params]
opaque = Estimator('src', entry_script='train.py', script_params=params)  # [azureml-estimator, azureml-script-params]
fine = ScriptRunConfig('src', script='train.py', arguments=['--lr', 0.01])
not_an_estimator = launch(script_params={'--lr': 0.01})
