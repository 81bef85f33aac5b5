# Imitates: microsoft/MLOpsPython (2019) ml_service/pipelines/build_train_pipeline.py
"""Build the training pipeline: an EstimatorStep that trains and a PythonScriptStep that evaluates."""
import os

from azureml.core import Workspace
from azureml.core.runconfig import RunConfiguration, CondaDependencies
from azureml.pipeline.core import Pipeline, PipelineData
from azureml.pipeline.core.graph import PipelineParameter
from azureml.pipeline.steps import EstimatorStep, PythonScriptStep
from azureml.train.estimator import Estimator


def main():
    workspace_name = os.environ.get("WORKSPACE_NAME", "offline-ws")
    sources_directory_train = os.environ.get("SOURCES_DIR_TRAIN", "src")
    train_script_path = os.environ.get("TRAIN_SCRIPT_PATH", "train.py")
    evaluate_script_path = os.environ.get("EVALUATE_SCRIPT_PATH", "train.py")
    aml_cluster_name = os.environ.get("AML_CLUSTER_NAME", "train-cluster")

    aml_workspace = Workspace.get(name=workspace_name, subscription_id="00000000-0000-0000-0000-000000000001",
                                  resource_group="offline-rg")
    aml_compute = aml_workspace.compute_targets[aml_cluster_name]

    run_config = RunConfiguration(conda_dependencies=CondaDependencies.create(
        conda_packages=['numpy', 'pandas', 'scikit-learn'],
        pip_packages=['azureml-sdk', 'azureml-dataprep[pandas]']))
    run_config.environment.docker.enabled = True

    model_name = PipelineParameter(name="model_name", default_value="sklearn_regression_model.pkl")
    def_blob_store = aml_workspace.get_default_datastore()
    trained_model = PipelineData("trained_model", datastore=def_blob_store)

    train_estimator = Estimator(source_directory=sources_directory_train,
                                entry_script=train_script_path,
                                compute_target=aml_compute,
                                conda_packages=['numpy', 'pandas', 'scikit-learn'],
                                pip_packages=['azureml-dataprep[pandas]'])
    train_step = EstimatorStep(name="Train Model",
                               estimator=train_estimator,
                               estimator_entry_script_arguments=["--model_name", model_name,
                                                                 "--output", trained_model],
                               outputs=[trained_model],
                               compute_target=aml_compute,
                               allow_reuse=False)
    evaluate_step = PythonScriptStep(name="Evaluate Model",
                                     script_name=evaluate_script_path,
                                     compute_target=aml_compute,
                                     source_directory=sources_directory_train,
                                     arguments=["--model_name", model_name, "--input", trained_model],
                                     inputs=[trained_model],
                                     runconfig=run_config,
                                     allow_reuse=False)
    evaluate_step.run_after(train_step)
    train_pipeline = Pipeline(workspace=aml_workspace, steps=[train_step, evaluate_step])
    train_pipeline.validate()
    train_pipeline.submit("mlops-train")


if __name__ == '__main__':
    main()
