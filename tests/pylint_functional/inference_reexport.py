"""Deprecated classes re-exported from the user's own modules (confidence INFERENCE)."""
import helpers
from helpers import legacy_compat, TorchEstimator
from helpers.legacy_compat import PyTorch as Reexported, HandmadeRunConfiguration, Estimator, DefaultEstimator
from helpers.missing_module import PyTorch as Missing

direct = Reexported('src', script_params={'--lr': 0.1})  # [azureml-estimator, azureml-script-params]
module_attribute = legacy_compat.PyTorch('src')  # [azureml-estimator]
package_attribute = helpers.TorchEstimator('src')  # [azureml-estimator]
package_name = TorchEstimator('src')  # [azureml-estimator]
star_reexport = Estimator('src')  # [azureml-estimator]
assigned_in_module = DefaultEstimator('src')  # [azureml-estimator]
config = HandmadeRunConfiguration()  # [azureml-handmade-runconfig]
unresolvable = Missing('src')
