"""AML302: script_params on estimator calls."""
from azureml.train.estimator import Estimator  # expect: AML102:1
from azureml.core import ScriptRunConfig

literal = Estimator('src', entry_script='train.py',  # expect: AML101:11
                    script_params={'--lr': 0.01, '--layers': [64, 32], '--verbose': '', '--skip': None})  # expect: AML302:21
computed = Estimator('src', entry_script='train.py', script_params={'--data': ds.as_mount(), '--epochs': epochs})  # expect: AML101:12 AML302:54
opaque = Estimator('src', entry_script='train.py', script_params=params)  # expect: AML101:10 AML302:52
fine = ScriptRunConfig('src', script='train.py', arguments=['--lr', 0.01])
not_an_estimator = launch(script_params={'--lr': 0.01})
