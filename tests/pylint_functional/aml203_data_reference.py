"""AML203: legacy data references."""
from azureml.core import Datastore, Dataset, ScriptRunConfig, Workspace
from azureml.data.data_reference import DataReference

ws = Workspace.from_config()
datastore = ws.get_default_datastore()
ref = DataReference(datastore=datastore, data_reference_name='raw', path_on_datastore='raw/')  # [azureml-data-reference]
mounted = datastore.path('mnist').as_mount()  # [azureml-data-reference]
downloaded = ws.get_default_datastore().as_download()  # [azureml-data-reference]
named = Datastore.get(ws, 'blobs')
whole = named.as_mount()  # [azureml-data-reference]
by_key = ws.datastores['blobs'].as_download()  # [azureml-data-reference]
src = ScriptRunConfig('.', script='train.py', arguments=['--data', str(mounted)])
src.run_config.data_references = {mounted.data_reference_name: mounted.to_config()}  # [azureml-data-reference]
src.run_config.data_references['raw'] = ref.to_config()  # [azureml-data-reference]

dataset = Dataset.File.from_files(path=(datastore, 'mnist'))
fine = dataset.as_mount()
also_fine = dataset.as_named_input('mnist').as_download()
unknown = something.as_mount()
refs = src.run_config.data_references
