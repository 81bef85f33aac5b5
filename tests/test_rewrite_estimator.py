"""Unit tests of the estimator rewrite on facts: what each parameter becomes, and which calls
stay manual, and why. The real SDK proves the rewrites in tests/test_fix_sdk_proof.py."""

from __future__ import annotations

import ast

import pytest

from azureml_migrate.engine import check_source
from azureml_migrate.fixer import fix_text
from azureml_migrate.fixes import Applicability
from azureml_migrate.rules import Options

IMPORTS = ("from azureml.train.estimator import Estimator, Mpi\n"
           "from azureml.train.dnn import PyTorch, TensorFlow, Chainer, Nccl\n"
           "from azureml.train.sklearn import SKLearn\n")


def fix_of(call: str, line_length: int = 1000):
    """The call's fix; wide lines by default, so each part reads as one line."""
    source = IMPORTS + f"ds = ws.get_default_datastore()\ndr = ds.as_mount()\nest = {call}\n"
    [finding] = [f for f in check_source(source, Options(line_length=line_length)) if f.code == "AML101"]
    return finding.fix


def test_literal_script_params_become_the_estimators_flattened_arguments():
    fix = fix_of("Estimator('src', entry_script='t.py', compute_target='local', script_params={'--lr': 0.01, "
                 "'--layers': [64, 32], '--verbose': '', '--skip': None, '': 'x'})")
    assert fix.applicability is Applicability.SAFE
    assert "arguments=['--lr', 0.01, '--layers', 64, 32, '--verbose', '--skip', 'x']" in fix.code


def test_pytorch_keeps_its_implicit_nccl_variable():  # D1
    fix = fix_of("PyTorch('src', entry_script='t.py', compute_target='local', framework_version='1.6')")
    assert "est_env.environment_variables['NCCL_TREE_THRESHOLD'] = '0'" in fix.code


def test_a_data_reference_is_bound_once_and_registered():  # D2
    fix = fix_of("Estimator('src', entry_script='t.py', compute_target='local', "
                 "script_params={'--data': ds.path('x').as_mount()}, inputs=[dr])")
    code = fix.code
    assert "est_data = ds.path('x').as_mount()" in code
    assert "arguments=['--data', str(est_data)]" in code
    assert "est.run_config.data_references[est_data.data_reference_name] = est_data.to_config()" in code


def test_docker_stays_on_as_the_estimator_had_it():  # D4
    fix = fix_of("Estimator('src', entry_script='t.py', compute_target='local')")
    assert "docker_runtime_config=DockerConfiguration(use_docker=True)" in fix.code
    fix = fix_of("Estimator('src', entry_script='t.py', compute_target='local', use_docker=False, shm_size='8g')")
    assert "docker_runtime_config=DockerConfiguration(use_docker=False, shm_size='8g')" in fix.code


def test_a_conda_file_keeps_the_frameworks_base_image():  # D6
    fix = fix_of("TensorFlow('src', entry_script='t.py', compute_target='local', framework_version='2.1', "
                 "use_gpu=True, conda_dependencies_file='env/conda.yml')")
    assert "est_env.docker.base_image = 'mcr.microsoft.com/azureml/openmpi4.1.0-cuda11.1-cudnn8-ubuntu20.04:" \
        "20200423.v1'" in fix.code
    assert "est_env.python.conda_dependencies = CondaDependencies('src/env/conda.yml')" in fix.code


def test_framework_packages_the_user_pins_are_left_to_the_user():
    fix = fix_of("PyTorch('src', entry_script='t.py', compute_target='local', framework_version='1.6', "
                 "pip_packages=['torch==1.7'])")
    # one list: add_pip_package moved azureml-defaults behind the user's packages
    assert "set_pip_requirements(['torch==1.7', 'azureml-defaults', 'torchvision==0.5.0'" in fix.code
    assert fix.code.count("azureml-defaults") == 1 and "add_pip_package" not in fix.code
    assert "'torch==1.6.0'" not in fix.code


@pytest.mark.parametrize("call, reason", [
    ("Estimator('src', entry_script='t.py', compute_target='local', **options)", "**kwargs"),
    ("Estimator('src', entry_script='t.py', vm_size='STANDARD_NC6')", "run-based compute"),
    ("Estimator('src', entry_script='t.py')", "no compute_target"),
    ("PyTorch('src', entry_script='t.py', compute_target='local', framework_version=version)", "not a literal"),
    ("PyTorch('src', entry_script='t.py', compute_target='local', framework_version='9.9')",
     "no scenario ships for it"),
    ("Estimator('src', entry_script='t.py', compute_target='local', conda_dependencies_file='c.yml', "
     "pip_packages=['a'])", "the SDK rejects conda_dependencies_file together with pip_packages"),
    ("Estimator('src', entry_script='t.py', compute_target='local', script_params=params)", "not a dict"),
    ("Estimator('src', entry_script='nb.ipynb', compute_target='local')", "notebook"),
    ("Estimator('src', entry_script='t.py', compute_target='local', script_params={'--d': store.as_mount()})",
     "cannot tell"),
])
def test_what_cannot_be_rewritten_is_a_manual_finding_that_says_why(call, reason):  # D7
    fix = fix_of(call)
    assert fix.applicability is Applicability.MANUAL and not fix.edits
    assert reason in fix.reason


def test_a_remote_target_of_unknown_type_makes_the_framework_rewrite_unsafe():
    fix = fix_of("PyTorch('src', entry_script='t.py', compute_target=cluster, framework_version='1.6', use_gpu=True)")
    assert fix.applicability is Applicability.UNSAFE
    assert "viennaprivate.azurecr.io/pytorch:1.6-gpu" in fix.reason
    assert "AzureML-PyTorch-1.6-GPU" in fix.reason


def test_helper_communicator_spelling_is_an_assumption():
    fix = fix_of("Estimator('src', entry_script='t.py', compute_target=cluster, node_count=2, "
                 "distributed_training=Mpi(2))")
    assert fix.applicability is Applicability.UNSAFE
    assert "MpiConfiguration(process_count_per_node=2)" in fix.code
    assert "est.run_config.node_count = 2" in fix.code


def test_tensorflow_parameter_server_keeps_the_estimators_node_count():
    fix = fix_of("TensorFlow('src', entry_script='t.py', compute_target='gpu', distributed_backend='ps', "
                 "worker_count=3)")
    assert "TensorflowConfiguration(worker_count=3, parameter_server_count=1)" in fix.code
    assert "est.run_config.node_count = 1" in fix.code


def test_every_name_the_rewrite_uses_is_imported_or_defined():  # D7: no undefined names
    fix = fix_of("PyTorch('src', entry_script='t.py', compute_target='local', framework_version='1.6', "
                 "node_count=2, distributed_backend='nccl', shm_size='8g', pip_packages=['a'])")
    tree = ast.parse("\n".join(item.statement() for item in fix.imports) + "\n" + fix.code)
    defined = {alias.asname or alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
               for alias in node.names}
    defined |= {node.id for node in ast.walk(tree) if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store)}
    used = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)}
    assert used - defined - {"str", "open"} == set()


def test_parameter_findings_quote_their_part_of_the_one_fix():
    source = IMPORTS + ("est = Estimator('src', entry_script='t.py', compute_target='local', shm_size='8g', "
                        "environment_variables={'A': '1'})\n")
    found = {f.code + ":" + f.message.split("'")[1]: f for f in check_source(source) if f.code.startswith("AML3")}
    shm, variables = found["AML301:shm_size"], found["AML301:environment_variables"]
    assert shm.fix is variables.fix
    assert "docker_runtime_config=DockerConfiguration(use_docker=True, shm_size='8g') (fixable)" in shm.message
    assert "est.run_config.environment_variables = {'A': '1'}" in variables.message


def test_a_nested_call_is_bound_to_a_new_name_before_its_statement():
    source = IMPORTS + ("def submit():\n"
                        "    return exp.submit(Estimator('src', entry_script='t.py', compute_target='local'))\n")
    [finding] = [f for f in check_source(source) if f.code == "AML101"]
    start, replace = finding.fix.edits
    assert start.text.startswith("src_env = Environment('t-env')\n")
    assert replace.text == "src_config"


def test_script_params_bound_to_a_name_are_read_through_it():
    source = IMPORTS + ("store = ws.get_default_datastore()\n"
                        "params = {'--data': store.as_mount(), '--lr': 0.1, '--seed': seed}\n"
                        "est = Estimator('src', entry_script='t.py', compute_target='local', script_params=params)\n")
    [finding] = [f for f in check_source(source, Options(line_length=1000)) if f.code == "AML101"]
    code = finding.fix.code
    assert "arguments=['--data', str(params['--data']), '--lr', 0.1, '--seed', params['--seed']]" in code
    assert ("est.run_config.data_references[params['--data'].data_reference_name] = "
            "params['--data'].to_config()") in code
    assert finding.fix.applicability is Applicability.UNSAFE and "params['--seed']" in finding.fix.reason


def test_script_params_name_used_elsewhere_is_manual():
    source = IMPORTS + ("params = {'--lr': 0.1}\nparams['--epochs'] = 3\n"
                        "est = Estimator('src', entry_script='t.py', compute_target='local', script_params=params)\n")
    [finding] = [f for f in check_source(source) if f.code == "AML101"]
    assert not finding.fix.applies and "used elsewhere" in finding.fix.reason


CALL = "Estimator('src', entry_script='t.py', compute_target='local', script_params=params)"


def test_each_call_reads_the_binding_that_reaches_it_in_execution_order():
    """A notebook binds ``params`` in three cells: each estimator's arguments are those of
    the display bound last before it; binding (or changing) the name after a call is no
    reason to leave that call alone."""
    source = IMPORTS + ("params = {'--lr': 0.1, '--seed': seed}\n"
                        f"est1 = {CALL}\n"
                        "params = {'--lr': 0.2, '--layers': [3, 4]}\n"
                        f"est2 = {CALL}\nrun = exp.submit(est2)\n"
                        "params['--lr'] = 0.5\n"
                        "params = {'--lr': 0.3}\n"
                        f"est3 = {CALL}\n")
    findings = [f for f in check_source(source) if f.code == "AML101"]
    assert [f.fix.applicability for f in findings] == [Applicability.UNSAFE, Applicability.SAFE, Applicability.SAFE]
    codes = [f.fix.code for f in findings]
    assert "arguments=['--lr', 0.1, '--seed', params['--seed']]" in codes[0]
    assert "arguments=['--lr', 0.2, '--layers', 3, 4]" in codes[1]
    assert "arguments=['--lr', 0.3]" in codes[2]


@pytest.mark.parametrize("program", [
    # read between the binding and the call (it may change what the dict holds)
    f"params = {{'--lr': 0.1}}\nprint(params)\nest = {CALL}\nparams = {{}}\n",
    # a function that may change it runs between
    f"def tweak():\n    params['--x'] = 1\nparams = {{'--lr': 0.1}}\ntweak()\nest = {CALL}\nparams = {{}}\n",
    # the call runs later, inside a function, when the name may hold the later display
    f"params = {{'--lr': 0.1}}\ndef submit():\n    est = {CALL}\nparams = {{'--lr': 0.2, '--x': 1}}\n",
    # in a loop the later binding reaches the call on the next round
    f"params = {{'--lr': 0.1}}\nfor i in range(2):\n    est = {CALL}\n    params = {{'--x': 1}}\n",
    # a binding under a condition may not run
    f"params = {{'--lr': 0.1}}\nif flag:\n    params = {{'--x': 1}}\nest = {CALL}\nparams = {{}}\n",
    f"if flag:\n    params = {{'--x': 1}}\nest = {CALL}\nparams = {{}}\n",
])
def test_a_name_whose_binding_may_not_be_the_one_reaching_the_call_stays_manual(program):
    [finding] = [f for f in check_source(IMPORTS + program) if f.code == "AML101"]
    assert not finding.fix.applies and "bound or used elsewhere" in finding.fix.reason, finding.fix.reason


def test_an_estimator_attribute_read_later_keeps_the_call_manual():
    source = IMPORTS + ("est = Estimator('src', entry_script='t.py', compute_target='local')\n"
                        "print(est.estimator_config)\n")
    [finding] = [f for f in check_source(source) if f.code == "AML101"]
    assert not finding.fix.applies and "est.estimator_config is read later" in finding.fix.reason
    source = IMPORTS + ("est = Estimator('src', entry_script='t.py', compute_target='local')\n"
                        "est.run_config.environment_variables['A'] = '1'\nrun = exp.submit(est)\n")
    [finding] = [f for f in check_source(source) if f.code == "AML101"]
    assert finding.fix.applies


def test_conda_dependencies_read_later_is_read_through_the_run_configuration():
    source = IMPORTS + ("est = Estimator('src', entry_script='t.py', compute_target='local')\n"
                        "est.conda_dependencies.add_pip_package('tqdm')\nrun = exp.submit(est)\n")
    after = fix_text(source, "python", unsafe=True).text
    assert "est.run_config.environment.python.conda_dependencies.add_pip_package('tqdm')\n" in after
    assert ".conda_dependencies.add_pip_package" not in after.replace("environment.python.conda_dependencies", "")
    rebound = source + "est = Estimator('src', entry_script='u.py', compute_target='local')\n"
    assert [f.fix.applies for f in sorted(check_source(rebound), key=lambda f: f.span.line) if f.code == "AML101"] == [
        False, True]


def test_the_private_estimator_config_read_later_is_the_run_configuration():
    """microsoft/AzureML-BERT sets the custom image's interpreter through ``_estimator_config``,
    which the estimator's ``run_config`` property returns."""
    source = IMPORTS + ("est = Estimator('src', entry_script='t.py', compute_target='local', user_managed=True,\n"
                        "                custom_docker_image='bert:1')\n"
                        "est._estimator_config.environment.python.interpreter_path = '/opt/env/bin/python'\n"
                        "run = exp.submit(est)\n")
    after = fix_text(source, "python").text
    assert "est.run_config.environment.python.interpreter_path = '/opt/env/bin/python'\n" in after
    assert "_estimator_config" not in after


PIP_CALL = "Estimator('src', entry_script='t.py', compute_target='local', pip_packages=pip)"


def test_a_package_list_bound_to_a_name_is_read_like_the_list_written_in_the_call():
    """``pip = [...]`` in the cell before the estimator (microsoft/AzureML-BERT's NER notebook,
    danielsc/azureml-workshop-2019), bound again in a later cell: the list that reaches the call."""
    source = IMPORTS + (f"pip = ['seqeval[gpu]', 'pandas']\nconda = ('keras',)\nest = {PIP_CALL[:-1]}, "
                        "conda_packages=conda)\nrun = exp.submit(est)\npip = ['torch']\n")
    [finding] = [f for f in check_source(source, Options(line_length=1000)) if f.code == "AML101"]
    assert finding.fix.applicability is Applicability.SAFE, finding.fix.reason
    assert "set_pip_requirements(['azureml-defaults', 'seqeval[gpu]', 'pandas'])" in finding.fix.code
    assert "add_conda_package('keras')" in finding.fix.code


@pytest.mark.parametrize("program", [
    # changed between the binding and the call
    f"pip = ['a']\npip.append('b')\nest = {PIP_CALL}\n",
    # a binding under a condition may not run
    f"pip = ['a']\nif flag:\n    pip = ['b']\nest = {PIP_CALL}\n",
    # the call runs later, inside a function, when the name may hold the later list
    f"pip = ['a']\ndef submit():\n    est = {PIP_CALL}\npip = ['b']\n",
])
def test_a_package_list_name_that_may_not_hold_the_list_at_the_call_stays_manual(program):
    [finding] = [f for f in check_source(IMPORTS + program) if f.code == "AML101"]
    assert not finding.fix.applies and "pip_packages=pip is bound or used elsewhere" in finding.fix.reason, (
        finding.fix.reason)


def test_a_package_list_with_computed_elements_stays_manual():
    source = IMPORTS + f"pip = ['a', version]\nest = {PIP_CALL}\n"
    [finding] = [f for f in check_source(source) if f.code == "AML101"]
    assert not finding.fix.applies and "is not a list of strings written here" in finding.fix.reason


def test_conda_dependencies_of_a_prebuilt_framework_image_stays_manual():
    source = ("from azureml.train.dnn import PyTorch\n"
              "est = PyTorch('src', entry_script='t.py', compute_target=cluster, use_gpu=True)\n"
              "est.conda_dependencies.add_conda_package('pytorch-nightly')\n")
    [finding] = [f for f in check_source(source) if f.code == "AML101"]
    assert not finding.fix.applies
    assert "prebuilt framework image with user-managed dependencies" in finding.fix.reason
    assert "pip_packages or conda_packages" in finding.fix.reason


def test_a_datastore_value_is_manual_with_the_reference_to_write():
    fix = fix_of("Estimator('src', entry_script='t.py', compute_target='local', "
                 "script_params={'--data': ws.get_default_datastore()})")
    assert not fix.applies
    assert "DataReference(datastore=ws.get_default_datastore(), data_reference_name=" in fix.reason


def test_a_tuned_parameter_that_is_also_a_script_argument_keeps_hyperdrive_manual():
    source = IMPORTS + ("from azureml.train.hyperdrive import HyperDriveConfig, RandomParameterSampling, choice\n"
                        "est = Estimator('src', entry_script='t.py', compute_target='local', "
                        "script_params={'--epochs': 10})\n"
                        "hd = HyperDriveConfig(estimator=est, hyperparameter_sampling=RandomParameterSampling("
                        "{'epochs': choice(5, 20)}), primary_metric_name='acc', primary_metric_goal=None, "
                        "max_total_runs=2)\n")
    [finding] = [f for f in check_source(source) if f.code == "AML104"]
    assert finding.fix.applicability is Applicability.SAFE  # est is HyperDrive's alone: its fix drops --epochs
    [estimator] = [f for f in check_source(source) if f.code == "AML101"]
    assert "arguments=[]" in estimator.fix.code or "arguments=" not in estimator.fix.code.split("ScriptRunConfig(")[1]
    source += "run = exp.submit(est)\n"
    # submitted on its own too: the submission keeps --epochs, HyperDrive reads a second
    # ScriptRunConfig without it
    [finding] = [f for f in check_source(source) if f.code == "AML104"]
    assert finding.fix.applicability is Applicability.SAFE and finding.fix.code == "run_config=est_hyperdrive"
    [estimator] = [f for f in check_source(source) if f.code == "AML101"]
    assert "arguments=['--epochs', 10]" in estimator.fix.code
    # every argument is tuned: the second ScriptRunConfig writes no ``arguments=[]`` (the same
    # HyperDrive job, proven by the fix_proof case hyperdrive_variant_with_every_argument_tuned)
    variant = estimator.fix.code.split("est_hyperdrive = ")[1]
    assert "arguments" not in variant and "run_config=est.run_config" in variant
    source += "fine = HyperDriveConfig(estimator=est, hyperparameter_sampling=RandomParameterSampling({'epochs': 1}))\n"
    assert any(not f.fix.applies and "epochs is both a script argument and a tuned parameter" in f.fix.reason
               for f in check_source(source) if f.code == "AML104")


# -- laid out as black would, and shorter -------------------------------------------------------
def _fixed(source: str, line_length: int) -> str:
    return fix_text(IMPORTS + source, "python", Options(line_length=line_length), unsafe=True).text


def test_a_rewrite_fits_the_line_length_one_argument_per_line():
    call = ("est = PyTorch('src', entry_script='train.py', compute_target='gpu-cluster', framework_version='1.6', "
            "use_gpu=True, pip_packages=['pillow==7.2.0', 'azureml-dataprep[fuse]'], "
            "script_params={'--epochs': 30, '--learning-rate': 0.01, '--data-folder': 'data/mnist'})\n")
    for width in (88, 120):
        fixed = _fixed(call, width)
        added = [line for line in fixed.splitlines() if line not in (IMPORTS + call).splitlines()]
        assert max(len(line) for line in added) <= width, (width, fixed)
        ast.parse(fixed)
    narrow = _fixed(call, 60)  # only the image's string is longer: nothing splits it, as in black
    assert [line for line in narrow.splitlines() if len(line) > 60 and not line.startswith("from ")] == [
        "est_env.docker.base_image = 'mcr.microsoft.com/azureml/openmpi4.1.0-cuda11.1-cudnn8-ubuntu20.04'"], narrow
    assert "est = ScriptRunConfig(\n    source_directory='src',\n    script='train.py',\n" in narrow
    assert "    arguments=[\n        '--epochs',\n" in narrow  # the nested list does not fit: exploded
    assert "est = ScriptRunConfig(source_directory='src', script='train.py'" in _fixed(
        "est = Estimator('src', entry_script='train.py', compute_target='c')\n", 1000)


def test_an_empty_script_params_writes_no_arguments():
    fix = fix_of("Estimator('src', entry_script='t.py', compute_target='local', script_params={})")
    assert fix.applies and "arguments" not in fix.code
    assert fix.part("script_params") == "script_params left out: it passes no arguments"


def test_a_step_is_wrapped_and_keeps_the_comments_of_the_call_it_replaces():
    source = ("from azureml.pipeline.steps import EstimatorStep\n"
              "trainer = Estimator(source_directory='src', entry_script='train.py', compute_target='gpu-cluster')\n"
              "train = EstimatorStep(name='train', estimator=trainer, inputs=[prepared],  # the prepared data\n"
              "                      estimator_entry_script_arguments=['--data-folder', prepared],\n"
              "                      compute_target='gpu-cluster')\n")
    fixed = _fixed(source, 88)
    assert "train = PythonScriptStep(\n    # the prepared data\n    script_name='train.py',\n" in fixed
    assert all(len(line) <= 88 for line in fixed.splitlines()[len(IMPORTS.splitlines()):]), fixed
    ast.parse(fixed)


def test_comments_inside_a_rewritten_call_stay_above_its_rewrite():
    source = ("# the nightly training job\n"
              "est = Estimator('src',  # sources\n"
              "                entry_script='t.py',\n"
              "                # a cluster of our own\n"
              "                compute_target='local')  # end\n")
    fixed = _fixed(source, 88)
    assert "# the nightly training job\n# sources\n# a cluster of our own\nest_env = Environment" in fixed
    assert fixed.rstrip().endswith(")  # end")


def test_hyperdrive_rewrites_are_laid_out_to_the_line_length_too():
    estimator = ("from azureml.train.hyperdrive import HyperDriveConfig, HyperDriveRunConfig, RandomParameterSampling, "
                 "choice\n"
                 "est = Estimator(source_directory='src', entry_script='train.py', compute_target='gpu-cluster', "
                 "script_params={'--epochs': 10, '--learning-rate': 0.01})\n")
    sampling = "RandomParameterSampling({'epochs': choice(5, 20)})"
    tuned_and_submitted = (estimator + f"hd = HyperDriveConfig(estimator=est, hyperparameter_sampling={sampling}, "
                           "primary_metric_name='acc', primary_metric_goal=None, max_total_runs=2)\n"
                           "run = exp.submit(est)\n")
    fixed = _fixed(tuned_and_submitted, 60)
    assert ("est_hyperdrive = ScriptRunConfig(\n    source_directory=est.source_directory,\n    script=est.script,\n"
            "    arguments=['--learning-rate', 0.01],\n    run_config=est.run_config,\n)\n") in fixed, fixed
    ast.parse(fixed)
    positional = estimator + f"hd = HyperDriveRunConfig(est, {sampling}, 'accuracy', None, 4)\n"
    fixed = _fixed(positional, 60)
    assert (f"hd = HyperDriveConfig(\n    run_config=est,\n    hyperparameter_sampling={sampling},\n"
            "    primary_metric_name='accuracy',\n    primary_metric_goal=None,\n    max_total_runs=4,\n)"
            ) in fixed, fixed
    ast.parse(fixed)
