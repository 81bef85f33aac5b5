"""AML304: data parameters on estimator calls."""
from azureml.train.estimator import Estimator  # expect: AML102:1

datasets = Estimator('src', inputs=[mnist.as_named_input('mnist'), ds.path('raw').as_mount()])  # expect: AML101:12 AML304:29 AML203:68
store = Estimator('src', source_directory_data_store=datastore)  # expect: AML101:9 AML304:26
