"""AML203: legacy data references."""
from azureml.core import Datastore, Dataset, ScriptRunConfig, Workspace
from azureml.data.data_reference import DataReference

ws = Workspace.from_config()
datastore = ws.get_default_datastore()
ref = DataReference(datastore=datastore, data_reference_name='raw', path_on_datastore='raw/')  # expect: AML203:7
mounted = datastore.path('mnist').as_mount()  # expect: AML203:11
downloaded = ws.get_default_datastore().as_download()  # expect: AML203:14
named = Datastore.get(ws, 'blobs')
whole = named.as_mount()  # expect: AML203:9
by_key = ws.datastores['blobs'].as_download()  # expect: AML203:10
src = ScriptRunConfig('.', script='train.py', arguments=['--data', str(mounted)])
src.run_config.data_references = {mounted.data_reference_name: mounted.to_config()}  # expect: AML203:1
src.run_config.data_references['raw'] = ref.to_config()  # expect: AML203:1

dataset = Dataset.File.from_files(path=(datastore, 'mnist'))
fine = dataset.as_mount()
also_fine = dataset.as_named_input('mnist').as_download()
unknown = something.as_mount()
refs = src.run_config.data_references
# registering a reference made here is the rewrite's own form: the reference is reported where it is made
src.run_config.data_references[mounted.data_reference_name] = mounted.to_config()
src.run_config.data_references[unknown.data_reference_name] = unknown.to_config()  # expect: AML203:1
