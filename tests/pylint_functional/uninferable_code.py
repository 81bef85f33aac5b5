"""Code astroid cannot make sense of: no crash, and only the import-resolved findings."""
import azureml.train.dnn as dnn
from . import sibling_that_does_not_exist
from .nowhere import PyTorch as Relative

loop_a = loop_b
loop_b = loop_a
loop_a('src')
getattr(dnn, 'PyTorch')('src')
(lambda: dnn.PyTorch)()('src')
factories[0]('src')
sibling_that_does_not_exist.PyTorch('src')
Relative('src')
self_referencing = self_referencing
self_referencing('src')
undefined_name('src').as_mount()
dnn.PyTorch(*args, **kwargs)  # [azureml-estimator]
dnn.PyTorch('src', **{'use_gpu': True})  # [azureml-estimator]
dnn.PyTorch('src', script_params={**base, '--x': 1})  # [azureml-estimator, azureml-script-params]
dnn.PyTorch('src', inputs=[*datasets])  # [azureml-estimator, azureml-estimator-data-param]
