"""AML304: data parameters on estimator calls."""
from azureml.train.estimator import Estimator  # [azureml-deprecated-import]

datasets = Estimator('src', inputs=[mnist.as_named_input('mnist'), ds.path('raw').as_mount()])  # [azureml-estimator, azureml-estimator-data-param, azureml-data-reference]
store = Estimator('src', source_directory_data_store=datastore)  # [azureml-estimator, azureml-estimator-data-param]
