"""AML506: v1 data inputs under the v2 target."""
# target: v2
from azureml.core import Dataset  # expect: AML506:1
from azureml.data.data_reference import DataReference

datastore = ws.get_default_datastore()
ref = DataReference(datastore=datastore, data_reference_name='raw', path_on_datastore='raw/')  # expect: AML203:7 AML506:7
mounted = datastore.path('mnist').as_mount()  # expect: AML203:11 AML506:11
downloaded = datastore.as_download()  # expect: AML203:14 AML506:14
images = Dataset.get_by_name(ws, 'images')
unknown = something.as_mount()
